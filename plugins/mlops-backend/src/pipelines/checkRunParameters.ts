import { InputError } from '@backstage/errors';
import { PipelineParameter } from '@mlops-portal/plugin-mlops-common';

/**
 * A run's parameters checked against the pipeline's declared inputs before Kubeflow sees them: no undeclared
 * names, every required one present, each value of its declared type (numbers as numbers, integers whole).
 * Returns them unchanged; every problem is named in one 400.
 */
export function checkRunParameters(
  declared: PipelineParameter[],
  given: Record<string, unknown>,
): Record<string, unknown> {
  const problems: string[] = [];
  const byName = new Map(declared.map(p => [p.name, p]));
  for (const [name, value] of Object.entries(given)) {
    const p = byName.get(name);
    if (!p) {
      problems.push(`${name}: not a parameter of this pipeline`);
      continue;
    }
    const ok =
      (p.type === 'NUMBER_DOUBLE' &&
        typeof value === 'number' &&
        Number.isFinite(value)) ||
      (p.type === 'NUMBER_INTEGER' && Number.isInteger(value)) ||
      (p.type === 'STRING' && typeof value === 'string') ||
      (p.type === 'BOOLEAN' && typeof value === 'boolean') ||
      (p.type === 'LIST' && Array.isArray(value)) ||
      (p.type === 'STRUCT' &&
        typeof value === 'object' &&
        value !== null &&
        !Array.isArray(value));
    if (!ok) {
      problems.push(
        `${name}: expected ${p.type}, got ${JSON.stringify(value)}`,
      );
    }
  }
  for (const p of declared) {
    if (!p.optional && p.defaultValue === undefined && !(p.name in given)) {
      problems.push(`${p.name}: required`);
    }
  }
  if (problems.length) {
    throw new InputError(`Invalid run parameters: ${problems.join('; ')}`);
  }
  return given;
}
