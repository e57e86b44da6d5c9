/**
 * A CRD `pattern` (Go RE2 syntax, as the API server evaluates it) as a JavaScript RegExp. RE2's inline
 * case-insensitive flag `(?i)`, which CRDs such as the PrometheusRule use (`^(?i)(abort|warn)?$`), becomes the
 * `i` flag; other RE2 patterns in the vendored CRDs are valid JavaScript as they are.
 */
export function goRegExp(pattern: string): RegExp {
  const insensitive = /^\^?\(\?i\)/.test(pattern);
  const source = insensitive ? pattern.replace('(?i)', '') : pattern;
  return new RegExp(source, insensitive ? 'iu' : 'u');
}
