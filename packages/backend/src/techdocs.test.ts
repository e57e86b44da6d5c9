import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { parseEntityYaml } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import techdocsPlugin from '@backstage/plugin-techdocs-backend';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import request from 'supertest';

jest.setTimeout(90_000);

// Test code runs from source, so __dirname is this file's folder (the rule guards bundled backends).
// eslint-disable-next-line no-restricted-syntax
const repoRoot = resolve(__dirname, '..', '..', '..');
const example = join(repoRoot, 'examples', 'fraud-detection.yaml');
const docsFolder = join(repoRoot, 'examples', 'fraud-scoring-service');
const DOCS =
  '/api/techdocs/static/docs/default/component/fraud-scoring-service';

/**
 * The fraud-detection example's entities as the catalog holds them when it reads the file location app-config.yaml
 * lists: parsed by the catalog's own parser, with the uid and location annotations its processing adds, from which TechDocs
 * resolves a `dir:` reference.
 */
function exampleEntities() {
  const location = `file:${example}`;
  return [
    ...parseEntityYaml(readFileSync(example), {
      type: 'file',
      target: example,
    }),
  ].flatMap(result =>
    result.type === 'entity'
      ? [
          {
            ...result.entity,
            metadata: {
              ...result.entity.metadata,
              uid: randomUUID(),
              annotations: {
                ...result.entity.metadata.annotations,
                'backstage.io/managed-by-location': location,
                'backstage.io/managed-by-origin-location': location,
              },
            },
          },
        ]
      : [],
  );
}

/*
 * The portal's TechDocs as app-config.yaml sets them up, over the example service (`backstage.io/techdocs-ref:
 * dir:./fraud-scoring-service`, resolved beside its file): the TechDocs backend builds its docs with the local
 * mkdocs, without techdocs-core, and serves them from the local publisher. Needs Debian's mkdocs and
 * mkdocs-material (scripts/test.sh installs them).
 */
describe('TechDocs for the example service', () => {
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  const publishDirectory = mkdtempSync(join(tmpdir(), 'techdocs-'));
  const mkdocsYml = readFileSync(join(docsFolder, 'mkdocs.yml'), 'utf8');

  beforeAll(async () => {
    backend = await startTestBackend({
      features: [
        techdocsPlugin,
        catalogServiceMock.factory({ entities: exampleEntities() }),
        mockServices.rootConfig.factory({
          data: {
            techdocs: {
              builder: 'local',
              generator: {
                runIn: 'local',
                mkdocs: { omitTechdocsCorePlugin: true },
              },
              publisher: { type: 'local', local: { publishDirectory } },
            },
          },
        }),
      ],
    });
  });

  afterAll(async () => {
    await backend?.stop();
    rmSync(publishDirectory, { recursive: true, force: true });
    // A failed run may have left the generator's rewrite (asserted against below) in the working tree.
    writeFileSync(join(docsFolder, 'mkdocs.yml'), mkdocsYml);
  });

  const get = (path: string) =>
    request(backend.server)
      .get(path)
      .set('Authorization', mockCredentials.user.header());

  it('builds the docs from the entity file location and serves their pages', async () => {
    // What the reader page does first: a build, reported as server-sent events.
    const sync = await get(
      '/api/techdocs/sync/default/component/fraud-scoring-service',
    ).buffer(true);
    expect(sync.status).toBe(200);
    expect(sync.text).toMatch(/event: finish\ndata: {"updated":true}/);

    const index = await get(`${DOCS}/index.html`);
    expect(index.status).toBe(200);
    expect(index.text).toMatch(
      /<h1 id="fraud-scoring-service">Fraud scoring service/,
    );
    // The site's navigation and the material theme it names (techdocs-core would otherwise bring it).
    expect(index.text).toMatch(/href="calling\/"/);
    expect(index.text).toMatch(
      /assets\/stylesheets\/main\.[0-9a-f]+\.min\.css/,
    );

    const calling = await get(`${DOCS}/calling/index.html`);
    expect(calling.status).toBe(200);
    expect(calling.text).toMatch(/<h1 id="calling-the-service">/);
    // The admonition extension the site's mkdocs.yml enables.
    expect(calling.text).toMatch(/class="admonition note"/);

    const metadata = await get(
      '/api/techdocs/metadata/techdocs/default/component/fraud-scoring-service',
    );
    // The reader page's header: what techdocs-core would write, here from docs/techdocs_metadata.json.
    expect(metadata.body).toMatchObject({
      site_name: 'Fraud scoring service',
      site_description: 'Real-time fraud scores for card authorisations',
    });
    expect(metadata.body.files).toEqual(
      expect.arrayContaining(['index.html', 'calling/index.html']),
    );

    // The generator rewrites mkdocs.yml in place for a file location; the example's is already in that form.
    expect(readFileSync(join(docsFolder, 'mkdocs.yml'), 'utf8')).toBe(
      mkdocsYml,
    );
  });
});
