import { createTemplateAction } from '@backstage/plugin-scaffolder-node';

/** The zod the scaffolder hands an action's schema callbacks: its own copy (zod 4's `zod/v3`), not ours. */
type ScaffolderZod = Parameters<
  Extract<
    NonNullable<
      NonNullable<Parameters<typeof createTemplateAction>[0]['schema']>['input']
    >,
    (zImpl: any) => unknown
  >
>[0];

/**
 * An action input field checked by a request schema of plugin-mlops-common (the one the backend parses with), so
 * the scaffolder refuses what the backend would, with the same bounds and patterns, before anything is called.
 *
 * The scaffolder only turns the schema into JSON Schema, which it does from the schema's definition, so ours
 * serves as it is. Its type is given through the scaffolder's zod (`custom<T>`, `T` the schema's output): the two
 * zod copies are different declarations, and letting TypeScript compare them member by member does not finish.
 */
export function contractInput<T>(
  zImpl: ScaffolderZod,
  schema: { readonly _output: T; describe(description: string): unknown },
  description: string,
): ReturnType<typeof zImpl.custom<T>> {
  return schema.describe(description) as unknown as ReturnType<
    typeof zImpl.custom<T>
  >;
}
