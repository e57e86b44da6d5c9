#!/usr/bin/env node
/*
 * Regenerates src/kubernetes/crds/*.schema.json from upstream CRD files: the storage version's openAPIV3Schema
 * with the group, version, kind and plural it serves, and the sha256 of the file it came from.
 *
 *   node packages/sandbox/scripts/extract-crd-schemas.mjs <folder with the CRD YAML files>
 *
 * Only Apache-2.0 CRDs are extracted (see src/kubernetes/crds/SOURCES.md).
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const files = [
  'machinelearning.seldon.io_seldondeployments.yaml',
  'serving.kserve.io_inferenceservices.yaml',
  'monitoring.coreos.com_prometheusrules.yaml',
];
const [from] = process.argv.slice(2);
if (!from) {
  console.error('usage: extract-crd-schemas.mjs <crd folder>');
  process.exit(2);
}
const out = new URL('../src/kubernetes/crds/', import.meta.url);
for (const file of files) {
  const text = readFileSync(join(from, file), 'utf8');
  const crd = parse(text, { maxAliasCount: -1 });
  const version = crd.spec.versions.find(v => v.storage);
  const extracted = {
    source: file,
    sha256: createHash('sha256').update(text).digest('hex'),
    group: crd.spec.group,
    version: version.name,
    kind: crd.spec.names.kind,
    plural: crd.spec.names.plural,
    openAPIV3Schema: version.schema.openAPIV3Schema,
  };
  const target = new URL(`${crd.spec.names.plural}.schema.json`, out);
  writeFileSync(target, `${JSON.stringify(extracted)}\n`);
  console.log(`${file} → ${target.pathname} (${version.name})`);
}
