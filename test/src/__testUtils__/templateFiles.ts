import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The "Create new ML service" template's folder. */
export const TEMPLATE_DIR = join(__dirname, '../../../templates/ml-service');

/** The template's skeleton as the dry-run API takes it: paths relative to template.yaml, base64 content. */
export function skeletonFiles(): Array<{
  path: string;
  base64Content: string;
}> {
  const files: string[] = [];
  const walk = (folder: string) => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.push(path);
    }
  };
  walk(join(TEMPLATE_DIR, 'skeleton'));
  return files.map(path => ({
    path: relative(TEMPLATE_DIR, path),
    base64Content: readFileSync(path).toString('base64'),
  }));
}
