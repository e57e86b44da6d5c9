/** A share (0..1) as a percentage with two decimals; a dash when unknown. */
export const percent = (v?: number) =>
  v === undefined ? '—' : `${(v * 100).toFixed(2)}%`;

/** Seconds as whole milliseconds; a dash when unknown. */
export const milliseconds = (v?: number) =>
  v === undefined ? '—' : `${Math.round(v * 1000)} ms`;
