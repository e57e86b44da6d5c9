import { mockCredentials } from '@backstage/backend-test-utils';
import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
} from '@backstage/catalog-model';
import {
  ModelCard,
  ModelEntityV1alpha1,
  RELATION_CONSUMES_FEATURES,
  RELATION_TRAINED_BY,
} from '@mlops-portal/plugin-mlops-common';
import { MLFLOW_TEST_URL, SEEDED_FRAUD_RUN_ID } from '@mlops-portal/sandbox';
import { http, HttpResponse } from 'msw';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { mlopsRouteHarness } from '../__testUtils__/mlopsRouteHarness';
import {
  AMIRA,
  fraudDetectorModel,
  trainingPipeline,
} from '../__testUtils__/startMlopsBackend';

const AS = mockCredentials.user.header(AMIRA);
const CARD = '/api/mlops/v1/entities/model/default/fraud-detector/model-card';
const GIT = 'https://git.example.com';

/** The example Model as the catalog holds it: with its relations and the location it was read from. */
function model(location?: string): ModelEntityV1alpha1 {
  const entity = fraudDetectorModel();
  entity.spec.modelCard = {
    intendedUse: 'Scores **card-not-present** authorisations in real time.',
    limitations: '<!-- guidance only -->',
  };
  entity.metadata.annotations = location
    ? {
        [ANNOTATION_LOCATION]: location,
        [ANNOTATION_ORIGIN_LOCATION]: location,
      }
    : {};
  entity.relations = [
    {
      type: RELATION_CONSUMES_FEATURES,
      targetRef: 'featureview:default/customer-transactions',
    },
    {
      type: RELATION_TRAINED_BY,
      targetRef: 'pipeline:default/fraud-detector-training',
    },
  ];
  return entity;
}

const FILE_CARD = `# fraud-detector

Card-authorisation fraud classifier.

## Intended use
Scoring card payments before authorisation.

## Out-of-scope use
<!-- Say where it must not be used. -->

## Training data
Twelve months of labelled authorisations.

\`\`\`
## Not a heading (inside a code block)
\`\`\`

## Limitations
Weaker on customers under 30 days old.

## Deployment notes
Scored by fraud-scoring-service.
`;

const entities = [model(), trainingPipeline()];
const harness = mlopsRouteHarness(() => ({
  entities,
  mlopsConfig: {
    kubeflow: {
      instances: [
        {
          name: 'default',
          baseUrl: 'http://kfp.test',
          uiUrl: 'https://kubeflow.example.com/pipeline',
        },
      ],
    },
  },
}));

async function card(): Promise<ModelCard> {
  const response = await request(harness.backend.server)
    .get(CARD)
    .set('Authorization', AS);
  expect(response.status).toBe(200);
  return response.body;
}

describe('GET …/model-card', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'model-card-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('answers the text of spec.modelCard, the missing sections, and the facts from the registry and catalog', async () => {
    const body = await card();
    expect(body.source).toEqual({ type: 'spec' });
    // A section holding only a comment is not written.
    expect(body.sections).toEqual([
      {
        id: 'intendedUse',
        title: 'Intended use',
        markdown: 'Scores **card-not-present** authorisations in real time.',
      },
    ]);
    expect(body.missing.map(m => m.id)).toEqual([
      'outOfScopeUse',
      'trainingData',
      'evaluation',
      'limitations',
      'ethicalConsiderations',
      'contact',
    ]);

    const { champion, challenger } = body.facts.registry!;
    // The seeded champion is v4 (auc 0.924 passes min 0.9), with slices logged as slice/<slice>/<metric>.
    expect(champion).toMatchObject({ alias: 'champion', version: '4' });
    expect(champion!.metrics).toEqual({
      auc: 0.924,
      precision_at_1pct_fpr: 0.64,
      p95_latency_ms: 36,
      f1: 0.79,
    });
    expect(champion!.gates.map(g => [g.metric, g.kind, g.passed])).toEqual([
      ['auc', 'min', true],
      ['f1', 'minRatioOfChampion', true],
    ]);
    expect(champion!.gatesPassed).toBe(true);
    expect(champion!.slices).toEqual([
      {
        slice: 'card_not_present',
        metrics: { auc: 0.903, precision_at_1pct_fpr: 0.58 },
      },
      {
        slice: 'card_present',
        metrics: { auc: 0.941, precision_at_1pct_fpr: 0.69 },
      },
      {
        slice: 'new_customer',
        metrics: { auc: 0.871, precision_at_1pct_fpr: 0.47 },
      },
    ]);
    // v4 predates the tagged pipeline; v6 names the Kubeflow run that registered it.
    expect(champion!.trainingRun).toBeUndefined();
    expect(challenger).toMatchObject({
      version: '6',
      slices: [],
      trainingRun: {
        runId: SEEDED_FRAUD_RUN_ID,
        url: `https://kubeflow.example.com/pipeline/#/runs/details/${SEEDED_FRAUD_RUN_ID}`,
      },
    });
    expect(body.facts.lineage).toEqual({
      featureViews: ['featureview:default/customer-transactions'],
      trainingPipeline: 'pipeline:default/fraud-detector-training',
    });
    expect(body.facts.owner).toBe('group:ml-fraud');
    expect(body.unavailable).toEqual([]);
  });

  it('judges the gates from the registry: a champion below a gate fails it', async () => {
    harness.fake.setAlias('fraud-detector', 'champion', '5');
    const { champion } = (await card()).facts.registry!;
    expect(champion!.version).toBe('5');
    expect(champion!.gates[0]).toMatchObject({
      metric: 'auc',
      measured: 0.883,
      passed: false,
    });
    expect(champion!.gatesPassed).toBe(false);
  });

  it('reads a MODEL_CARD.md beside a file location, which wins over the spec, keeping unknown sections', async () => {
    await writeFile(path.join(dir, 'MODEL_CARD.md'), FILE_CARD);
    const location = `file:${path.join(dir, 'catalog-info.yaml')}`;
    await harness.restart({ entities: [model(location)] });

    const body = await card();
    expect(body.source).toEqual({
      type: 'file',
      location: `file:${path.join(dir, 'MODEL_CARD.md')}`,
    });
    expect(body.sections.map(s => [s.id, s.title])).toEqual([
      ['summary', 'Model details'],
      ['intendedUse', 'Intended use'],
      ['trainingData', 'Training data'],
      ['limitations', 'Limitations'],
      [undefined, 'Deployment notes'],
    ]);
    // The file wins as a whole: the spec's intended use is not shown.
    expect(body.sections[1].markdown).toBe(
      'Scoring card payments before authorisation.',
    );
    expect(body.sections[2].markdown).toContain(
      '## Not a heading (inside a code block)',
    );
    expect(body.missing.map(m => m.id)).toEqual([
      'outOfScopeUse',
      'evaluation',
      'ethicalConsiderations',
      'contact',
    ]);
  });

  it('falls back to the spec when the location has no MODEL_CARD.md', async () => {
    const empty = await mkdtemp(path.join(tmpdir(), 'model-card-none-'));
    try {
      await harness.restart({
        entities: [model(`file:${path.join(empty, 'catalog-info.yaml')}`)],
      });
      const body = await card();
      expect(body.source).toEqual({ type: 'spec' });
      expect(body.sections.map(s => s.id)).toEqual(['intendedUse']);
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });

  it('reads a url location through the backend URL reader, within backend.reading.allow', async () => {
    const seen: string[] = [];
    harness.server.use(
      http.get(`${GIT}/*`, ({ request: req }) => {
        seen.push(req.url);
        return req.url === `${GIT}/fraud/MODEL_CARD.md`
          ? new HttpResponse(FILE_CARD)
          : new HttpResponse('not found', { status: 404 });
      }),
    );
    const allowed = {
      entities: [model(`url:${GIT}/fraud/catalog-info.yaml`)],
      config: {
        backend: { reading: { allow: [{ host: 'git.example.com' }] } },
      },
    };
    await harness.restart(allowed);
    const body = await card();
    expect(body.source).toEqual({
      type: 'file',
      location: `${GIT}/fraud/MODEL_CARD.md`,
    });
    expect(body.sections.map(s => s.title)).toContain('Deployment notes');
    expect(seen).toEqual([`${GIT}/fraud/MODEL_CARD.md`]);

    // A location the reader may not read is never fetched; the card says why and shows the spec's text.
    await harness.restart({ ...allowed, config: {} });
    const refused = await card();
    expect(refused.source).toMatchObject({
      type: 'spec',
      location: `${GIT}/fraud/MODEL_CARD.md`,
      error: expect.stringContaining('not allowed'),
    });
    expect(seen).toHaveLength(1);
  });

  it('answers the text when the registry is down, naming the facts it could not read', async () => {
    harness.server.use(
      http.all(`${MLFLOW_TEST_URL}/*`, () =>
        HttpResponse.json(
          { error_code: 'TEMPORARILY_UNAVAILABLE' },
          { status: 503 },
        ),
      ),
    );
    const body = await card();
    expect(body.sections.map(s => s.id)).toEqual(['intendedUse']);
    expect(body.facts.registry).toBeUndefined();
    expect(body.facts.lineage.featureViews).toHaveLength(1);
    expect(body.unavailable).toEqual([
      {
        fact: 'registry',
        message: expect.stringMatching(/MLflow|503|unavailable/i),
      },
    ]);
  });

  it('says when no card is written at all, and refuses what is not a readable Model', async () => {
    const bare = model();
    delete bare.spec.modelCard;
    await harness.restart({ entities: [bare] });
    const body = await card();
    expect(body.source).toEqual({ type: 'none' });
    expect(body.sections).toEqual([]);
    expect(body.missing).toHaveLength(7);

    const missing = await request(harness.backend.server)
      .get('/api/mlops/v1/entities/model/default/nope/model-card')
      .set('Authorization', AS);
    expect(missing.status).toBe(404);
    const unauthenticated = await request(harness.backend.server)
      .get(CARD)
      .set('Authorization', mockCredentials.none.header());
    expect(unauthenticated.status).toBe(401);
  });
});
