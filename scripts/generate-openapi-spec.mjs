#!/usr/bin/env node
// Writes plugins/mlops-backend/src/schema/openapi.generated.ts (the spec as a typed constant, for the typed
// router and for serving at /openapi.json) from openapi.yaml, the spec's one source. Run it after editing the
// YAML: `node scripts/generate-openapi-spec.mjs`. openapi.test.ts fails while the two differ.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const yaml = require('yaml');

const dir = join(root, 'plugins/mlops-backend/src/schema');
const spec = yaml.parse(readFileSync(join(dir, 'openapi.yaml'), 'utf8'));
const target = join(dir, 'openapi.generated.ts');
writeFileSync(
  target,
  `// Generated from openapi.yaml by scripts/generate-openapi-spec.mjs; edit the YAML and run the script.
// openapi.test.ts fails while this file and the YAML differ.

export const spec = ${JSON.stringify(spec, null, 2)} as const;
`,
);
execFileSync(join(root, 'node_modules/.bin/prettier'), ['--write', target], {
  stdio: 'inherit',
});
