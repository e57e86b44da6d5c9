import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  componentEntityV1alpha1Validator,
  Entity,
} from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  featureViewEntityV1alpha1Validator,
  MODEL_CARD_SECTIONS,
  modelEntityV1alpha1Validator,
  pipelineEntityV1alpha1Validator,
} from '@mlops-portal/plugin-mlops-common';
import mlopsPlugin from '@mlops-portal/plugin-mlops-backend';
import mlopsModuleMlflow from '@mlops-portal/plugin-mlops-backend-module-mlflow';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import scaffolderModuleGithub from '@backstage/plugin-scaffolder-backend-module-github';
import scaffolderModuleMlops from '@mlops-portal/plugin-scaffolder-backend-module-mlops';
import { crdSchemaFor, goRegExp } from '@mlops-portal/sandbox';
import Ajv from 'ajv';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Server } from 'node:http';
import request from 'supertest';
import { parse, parseAllDocuments } from 'yaml';
import { startSandbox } from './__testUtils__/mlopsBackend';
import {
  eventually,
  startCatalogBackend,
} from './__testUtils__/catalogBackend';
import { checkWorkflow } from './__testUtils__/checkWorkflow';
import { skeletonFiles, TEMPLATE_DIR } from './__testUtils__/templateFiles';

jest.setTimeout(180_000);

/**
 * The demo's catalog as the portal has it: the examples plus what its providers ingest from the sandbox (the
 * feature views come from Feast now, not YAML), read once from a real catalog backend.
 */
async function demoCatalogEntities(): Promise<Entity[]> {
  const catalog = await startCatalogBackend();
  try {
    const get = (path: string) =>
      request(catalog.server)
        .get(path)
        .set('Authorization', mockCredentials.user.header());
    await eventually(async () => {
      for (const view of ['customer-transactions', 'merchant-risk']) {
        const res = await get(
          `/api/catalog/entities/by-name/featureview/default/${view}`,
        );
        expect(res.status).toBe(200);
      }
    });
    return (await get('/api/catalog/entities')).body as Entity[];
  } finally {
    await catalog.stop();
  }
}

const template = parse(
  readFileSync(join(TEMPLATE_DIR, 'template.yaml'), 'utf8'),
);

const baseValues = {
  name: 'card-risk',
  description: 'Scores card payments for risk (demo: 3 feature views)',
  owner: 'group:default/fraud-ml',
  system: 'system:default/fraud-detection',
  featureViews: [
    'featureview:default/customer-transactions',
    'featureview:default/merchant-risk',
  ],
  targetColumn: 'is_fraud',
  minAccuracy: 0.9,
  minF1: 0.75,
  minAuc: 0.92,
  maxLatencyP95Ms: 40,
  namespace: 'fraud',
  canarySteps: [10, 50, 100],
  mlflowInstance: 'default',
  kubeflowInstance: 'default',
  cluster: 'sandbox',
  repoUrl: 'github.com?owner=acme&repo=card-risk',
};

// CRD patterns are Go RE2 (the PrometheusRule's use `(?i)`), as the API server evaluates them.
const ajv = new Ajv({
  strict: false,
  allErrors: true,
  validateFormats: false,
  code: { regExp: (pattern: string) => goRegExp(pattern) },
});
const validatorFor = (group: string, plural: string) =>
  ajv.compile(crdSchemaFor(group, plural)!.openAPIV3Schema as object);
const seldon = validatorFor('machinelearning.seldon.io', 'seldondeployments');
const kserve = validatorFor('serving.kserve.io', 'inferenceservices');
const prometheusRule = validatorFor('monitoring.coreos.com', 'prometheusrules');

/** What the tests check of a generated serving resource, whichever kind it is. */
function servingSummary(resource: any) {
  if (resource.kind === 'SeldonDeployment') {
    const container =
      resource.spec.predictors[0].componentSpecs[0].spec.containers[0];
    return {
      kind: resource.kind,
      predictors: resource.spec.predictors.map((p: any) => [p.name, p.traffic]),
      implementation: resource.spec.predictors[0].graph.implementation,
      container: container.name,
      cpuLimit: container.resources.limits.cpu,
      readiness: container.readinessProbe.httpGet.path,
    };
  }
  const model = resource.spec.predictor.model;
  return {
    kind: resource.kind,
    modelFormat: model.modelFormat.name,
    protocolVersion: model.protocolVersion,
    cpuLimit: model.resources.limits.cpu,
    readiness: model.readinessProbe.httpGet.path,
  };
}

function expectedServing(servingTarget: string, framework: string) {
  const common = { cpuLimit: '1', readiness: '/v2/health/ready' };
  return servingTarget === 'seldon'
    ? {
        ...common,
        kind: 'SeldonDeployment',
        predictors: [
          ['stable', 100],
          ['canary', 0],
        ],
        // The wizard's "framework's own server": none for LightGBM in Seldon Core v1, so the MLflow server.
        implementation: {
          'scikit-learn': 'SKLEARN_SERVER',
          xgboost: 'XGBOOST_SERVER',
          lightgbm: 'MLFLOW_SERVER',
        }[framework],
        container: 'classifier',
      }
    : {
        ...common,
        kind: 'InferenceService',
        modelFormat: 'mlflow',
        protocolVersion: 'v2',
      };
}

/*
 * The "Create new ML service" template through the real scaffolder's dry-run API (`POST /api/scaffolder/v2/dry-run`,
 * as the template editor uses it), with the MLOps actions and backend behind it, then the generated repository
 * checked for real: YAML parses, serving resources and the PrometheusRule validate against their CRD schemas
 * (ajv), the rules pass promtool, every Python file compiles, the workflow passes a GitHub Actions schema check,
 * the catalog entities pass the kinds' own validators.
 */
describe('ML service template', () => {
  let sandbox: { server: Server; url: string };
  let backend: Awaited<ReturnType<typeof startTestBackend>>;

  beforeAll(async () => {
    sandbox = await startSandbox();
    backend = await startTestBackend({
      features: [
        scaffolderPlugin,
        scaffolderModuleGithub,
        scaffolderModuleMlops,
        mlopsPlugin,
        mlopsModuleMlflow,
        catalogServiceMock.factory({ entities: await demoCatalogEntities() }),
        mockServices.rootConfig.factory({
          data: {
            mlops: {
              mlflow: {
                instances: [
                  { name: 'default', baseUrl: `${sandbox.url}/mlflow` },
                ],
              },
            },
          },
        }),
        mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
      ],
    });
  });

  afterAll(async () => {
    await backend?.stop();
    await new Promise(resolve => sandbox?.server.close(resolve));
  });

  const dryRun = (values: Record<string, unknown>) =>
    request(backend.server)
      .post('/api/scaffolder/v2/dry-run')
      .set('Authorization', mockCredentials.user.header())
      .send({
        template,
        values,
        secrets: {},
        directoryContents: skeletonFiles(),
      });

  /** The generated files, written to a fresh folder. */
  const generate = async (values: Record<string, unknown>) => {
    const res = await dryRun(values);
    expect(res.status).toBe(200);
    const files = new Map<string, string>(
      res.body.directoryContents.map((f: any) => [
        f.path,
        Buffer.from(f.base64Content, 'base64').toString('utf8'),
      ]),
    );
    const folder = mkdtempSync(join(tmpdir(), 'ml-service-'));
    for (const [path, content] of files) {
      mkdirSync(dirname(join(folder, path)), { recursive: true });
      writeFileSync(join(folder, path), content);
    }
    return { res, files, folder };
  };

  const variants = ['scikit-learn', 'lightgbm', 'xgboost'].flatMap(framework =>
    ['seldon', 'kserve'].map(servingTarget => ({ framework, servingTarget })),
  );

  it.each(variants)(
    'generates a repository that checks out for $framework on $servingTarget',
    async ({ framework, servingTarget }) => {
      const { res, files, folder } = await generate({
        ...baseValues,
        framework,
        servingTarget,
        ...(servingTarget === 'seldon' ? { seldonRuntime: 'native' } : {}),
      });
      // The steps that cannot dry-run (publish, register) are skipped; ours ran in dry-run mode.
      const log = res.body.log.map((l: any) => l.body.message).join('\n');
      expect(log).toMatch(
        /MLflow default: registered model card-risk would-create/,
      );

      // Every YAML file parses.
      const yamlErrors = [...files]
        .filter(([path]) => /\.ya?ml$/.test(path))
        .flatMap(([path, content]) =>
          parseAllDocuments(content).flatMap(d =>
            d.errors.map(e => `${path}: ${e.message}`),
          ),
        );
      expect(yamlErrors).toEqual([]);

      // Serving resource against its CRD schema, with stable and canary predictors on Seldon.
      const serving = parse(files.get('deploy/serving.yaml')!);
      const validate = servingTarget === 'seldon' ? seldon : kserve;
      expect({ errors: validate(serving) ? [] : validate.errors }).toEqual({
        errors: [],
      });
      expect(servingSummary(serving)).toEqual(
        expectedServing(servingTarget, framework),
      );

      // PrometheusRule: its CRD schema, then its spec through promtool.
      const rule = parse(files.get('monitoring/prometheus-rule.yaml')!);
      expect({
        errors: prometheusRule(rule) ? [] : prometheusRule.errors,
      }).toEqual({ errors: [] });
      const alerts = rule.spec.groups
        .flatMap((g: any) => g.rules.map((r: any) => r.alert))
        .filter(Boolean);
      expect(alerts).toEqual(
        expect.arrayContaining([
          'ModelLatencyP95High',
          'ModelErrorRateHigh',
          'ModelAccuracyLow',
          'ModelFeatureDrift',
        ]),
      );
      writeFileSync(join(folder, 'rules.yml'), JSON.stringify(rule.spec));
      expect(
        execFileSync(
          'promtool',
          ['check', 'rules', join(folder, 'rules.yml')],
          { encoding: 'utf8' },
        ),
      ).toMatch(/SUCCESS: \d+ rules found/);

      // Every Python file compiles.
      const python = [...files.keys()].filter(p => p.endsWith('.py'));
      expect(python.length).toBeGreaterThanOrEqual(14);
      execFileSync('python3', [
        '-m',
        'py_compile',
        ...python.map(p => join(folder, p)),
      ]);

      // The workflow passes the GitHub Actions workflow schema.
      expect(
        await checkWorkflow(files.get('.github/workflows/ci.yaml')!),
      ).toEqual([]);

      // The catalog entities pass their kinds' validators and point at each other.
      const entities = parseAllDocuments(files.get('catalog-info.yaml')!).map(
        d => d.toJSON(),
      );
      expect(entities.map(e => e.kind)).toEqual([
        'Component',
        'Model',
        'Pipeline',
      ]);
      expect(await componentEntityV1alpha1Validator.check(entities[0])).toBe(
        true,
      );
      expect(modelEntityV1alpha1Validator(entities[1])).toBe(entities[1]);
      expect(pipelineEntityV1alpha1Validator(entities[2])).toBe(entities[2]);
      expect(entities[1].spec).toMatchObject({
        framework,
        owner: 'group:default/fraud-ml',
        system: 'system:default/fraud-detection',
        registry: { modelName: 'card-risk', instance: 'default' },
        trainedBy: 'pipeline:card-risk-training',
        featureViews: baseValues.featureViews,
        serving: {
          platform: servingTarget,
          namespace: 'fraud',
          resourceName: 'card-risk',
        },
      });
      expect(entities[1].spec.qualityGates).toEqual(
        expect.arrayContaining([
          { metric: 'accuracy', min: 0.9 },
          { metric: 'roc_auc', min: 0.92 },
          { metric: 'p95_latency_ms', max: 40 },
        ]),
      );

      // Feast definitions name the chosen views' features with their types.
      // The model card skeleton: the portal's section headings, each holding only guidance (an HTML comment)
      // so the card lists it as not written yet, and the model's name where the owner reads it.
      const card = files.get('MODEL_CARD.md')!;
      expect(card.split('\n')[0]).toBe('# card-risk model card');
      expect(card.match(/^## .*$/gm)).toEqual(
        MODEL_CARD_SECTIONS.map(s => `## ${s.heading}`),
      );
      for (const section of card.split(/^## .*$/m).slice(1)) {
        expect(section.replace(/<!--[\s\S]*?-->/g, '').trim()).toBe('');
      }
      expect(card).toMatch(
        /Whom to ask about card-risk beyond the owning team group:default\/fraud-ml/,
      );
      expect(card).not.toMatch(/\$\{\{|\{%/);

      const features = files.get('feature_repo/features.py')!;
      expect(features).toMatch(
        /Field\(name="txn_amount_sum_24h", dtype=ft\.Float64\)/,
      );
      expect(features).toMatch(
        /Field\(name="merchant_risk_score", dtype=ft\.Float32\)/,
      );
      expect(features).toMatch(/ttl=iso_duration\("PT6H"\)/);
      expect(features.match(/^customer_id = Entity/gm)).toHaveLength(1);
      expect(parse(files.get('quality_gates.yaml')!).gates).toEqual([
        { metric: 'accuracy', min: 0.9 },
        { metric: 'f1', min: 0.75 },
        { metric: 'roc_auc', min: 0.92 },
        { metric: 'p95_latency_ms', max: 40 },
      ]);
    },
  );

  // Debian has scikit-learn and XGBoost (scripts/test.sh installs them for /usr/bin/python3), not LightGBM.
  it.each(['scikit-learn', 'xgboost'])(
    "runs the generated repository's own tests (data, training, gates) for %s",
    async framework => {
      const { folder } = await generate({
        ...baseValues,
        framework,
        servingTarget: 'seldon',
        seldonRuntime: 'mlflow',
      });
      const python = process.env.MLOPS_ML_PYTHON ?? '/usr/bin/python3';
      const output = execFileSync(
        python,
        ['-m', 'pytest', '-q', '-p', 'no:cacheprovider', 'tests'],
        { cwd: folder, encoding: 'utf8' },
      );
      expect(output).toMatch(/\b11 passed\b/);
    },
  );

  // TechDocs: the portal builds the generated docs with Debian's mkdocs and material theme and without the
  // techdocs-core plugin (app-config.yaml: techdocs; scripts/test.sh installs them). --strict fails on a plugin,
  // theme or Markdown extension that is not there, and on a broken link.
  it("generates docs that build with the portal's mkdocs", async () => {
    const { folder, files } = await generate({
      ...baseValues,
      framework: 'scikit-learn',
      servingTarget: 'seldon',
      seldonRuntime: 'native',
    });
    // The reader page's title and subtitle, which techdocs-core would otherwise write.
    expect(JSON.parse(files.get('docs/techdocs_metadata.json')!)).toEqual({
      site_name: 'card-risk',
      site_description: baseValues.description,
    });
    execFileSync(
      'mkdocs',
      ['build', '--strict', '--site-dir', join(folder, 'site')],
      { cwd: folder, encoding: 'utf8', stdio: 'pipe' },
    );
    const page = readFileSync(join(folder, 'site', 'index.html'), 'utf8');
    expect(page).toMatch(/<h1 id="card-risk">card-risk/);
    expect(page).toMatch(/<h2 id="quality-gates">Quality gates/);
    expect(
      JSON.parse(
        readFileSync(join(folder, 'site', 'techdocs_metadata.json'), 'utf8'),
      ).site_name,
    ).toBe('card-risk');
  });

  it('refuses hostile and malformed inputs before generating anything', async () => {
    const hostile = [
      { name: 'Card Risk' },
      { name: 'card-risk"; rm -rf /' },
      { name: '${{ secrets.backstageToken }}' },
      { description: 'ok line\nkind: Secret' },
      { description: 'has a "quote" in it' },
      { description: 'template ${{ parameters.name }} syntax' },
      { targetColumn: 'label; import os' },
      { namespace: 'Fraud_NS' },
      { canarySteps: [] },
      { canarySteps: [5, 150] },
      { minAuc: 1.5 },
      { featureViews: [] },
    ];
    for (const bad of hostile) {
      const res = await dryRun({
        ...baseValues,
        framework: 'xgboost',
        servingTarget: 'kserve',
        ...bad,
      });
      expect({ bad, status: res.status }).toEqual({ bad, status: 400 });
      expect(res.body.errors.length).toBeGreaterThan(0);
    }
  });
});
