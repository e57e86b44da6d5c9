import fs from 'node:fs';
import path from 'node:path';

/*
 * The folder rule of this package (see README "Folders"): capability folders (registry, rollouts, health,
 * pipelines, featureViews, modelCard) may import `shared/` and each other in one direction only, and `shared/` imports no
 * capability. `schema/` holds the OpenAPI spec of the routes. Test helpers (`__testUtils__`) and tests are exempt; `plugin.ts` and `router.ts` compose.
 */

const SRC = __dirname;
const COMPOSERS = new Set(['plugin.ts', 'router.ts', 'index.ts']);

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      return entry.name === '__testUtils__' ? [] : sourceFiles(full);
    }
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)
      ? [full]
      : [];
  });
}

/** The top folder of a file under src, or undefined for the composing files at the root. */
function folderOf(file: string): string | undefined {
  const [first, ...rest] = path.relative(SRC, file).split(path.sep);
  return rest.length ? first : undefined;
}

/** folder → the other folders its files import. */
function folderImports(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of sourceFiles(SRC)) {
    const from = folderOf(file);
    if (!from) {
      expect(COMPOSERS).toContain(path.basename(file));
      continue;
    }
    const edges = graph.get(from) ?? new Set<string>();
    graph.set(from, edges);
    const text = fs.readFileSync(file, 'utf8');
    for (const [, spec] of text.matchAll(/from '(\.{1,2}\/[^']+)'/g)) {
      const to = folderOf(path.resolve(path.dirname(file), spec));
      if (to === undefined) {
        throw new Error(`${file} imports the composing ${spec}`);
      }
      if (to !== from) {
        edges.add(to);
      }
    }
  }
  return graph;
}

describe('mlops-backend folders', () => {
  const graph = folderImports();

  it('has the capability folders, shared/ and the API spec', () => {
    expect([...graph.keys()].sort()).toEqual([
      'featureViews',
      'health',
      'modelCard',
      'notifications',
      'pipelines',
      'registry',
      'rollouts',
      'schema',
      'shared',
    ]);
  });

  it('keeps shared/ free of capabilities', () => {
    expect([...graph.get('shared')!]).toEqual([]);
  });

  it('has no import cycle between folders', () => {
    const cycles: string[] = [];
    const visit = (folder: string, trail: string[]) => {
      for (const next of graph.get(folder) ?? []) {
        if (trail.includes(next)) {
          cycles.push([...trail.slice(trail.indexOf(next)), next].join(' → '));
        } else {
          visit(next, [...trail, next]);
        }
      }
    };
    for (const folder of graph.keys()) {
      visit(folder, [folder]);
    }
    expect(cycles).toEqual([]);
  });
});
