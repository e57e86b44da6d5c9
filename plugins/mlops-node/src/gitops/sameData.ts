import { isDeepStrictEqual } from 'node:util';

/** Equal as data (the `yaml` package's plain objects and a structured clone differ in prototype only). */
export function sameData(a: unknown, b: unknown): boolean {
  return isDeepStrictEqual(
    JSON.parse(JSON.stringify(a ?? null)),
    JSON.parse(JSON.stringify(b ?? null)),
  );
}

export const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
