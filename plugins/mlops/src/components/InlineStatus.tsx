import { ReactNode } from 'react';

/**
 * Keeps a status light (Backstage's `StatusOK` and friends, which lay out as blocks) on the line of the text
 * around it, e.g. "Health: ⚠ Warning" or "Argo CD: … · ✓ Synced · ✓ Healthy".
 */
export function InlineStatus(props: { children: ReactNode }) {
  return (
    <span
      style={{
        display: 'inline-flex',
        alignItems: 'center',
        verticalAlign: 'middle',
      }}
    >
      {props.children}
    </span>
  );
}
