import { validateWorkflow } from '@action-validator/core';

/**
 * Problems GitHub would find in a workflow file: action-validator checks it against SchemaStore's GitHub
 * workflow JSON schema (and its own rules such as job `needs` that exist). An empty list means it passes.
 *
 * @remarks action-validator is GPL-3.0; it is a test-only dependency and is not shipped.
 */
export async function checkWorkflow(source: string): Promise<string[]> {
  const state = validateWorkflow(source);
  return state.errors.map(error =>
    'path' in error
      ? `${error.path}: ${error.title}${
          error.detail ? ` (${error.detail})` : ''
        }`
      : `${error.title}: ${error.detail}`,
  );
}
