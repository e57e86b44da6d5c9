import { DriftReference } from '@mlops-portal/plugin-mlops-common';

/** Each reference source in words. */
const SOURCES: Record<DriftReference['source'], string> = {
  'training-run': "the distributions logged with the champion's training run",
  'after-promotion': 'the window after the champion went live',
  'first-look': 'the first look at the model',
};

/**
 * What the drift scores are compared with, for the drift table's subtitle: the reference's source in words, when
 * it was taken, for which version, and the backend's reason, e.g. "compared with the distributions logged with
 * the champion's training run (v4, 20/11/2026, 08:00): …".
 */
export function driftReferenceText(reference: DriftReference): string {
  const source = SOURCES[reference.source] ?? reference.source;
  const when = new Date(reference.capturedAt).toLocaleString();
  const version = reference.version ? `v${reference.version}, ` : '';
  return `compared with ${source} (${version}${when}): ${reference.reason}`;
}

/**
 * The warning the page shows about the reference: the answer's own `warning`, or, for a first look without one,
 * why such a reference says little. Undefined for a deliberate reference.
 */
export function driftReferenceWarning(
  reference: DriftReference | undefined,
): string | undefined {
  if (!reference) return undefined;
  if (reference.warning) return reference.warning;
  return reference.source === 'first-look'
    ? 'The reference is the first look at the model, not the champion’s training data or its first live window: scores against it stay near zero until the inputs move.'
    : undefined;
}
