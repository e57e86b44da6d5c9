import express, { Router } from 'express';
import { MlflowFake } from './MlflowFake';
import { MlflowWebhookSender } from './MlflowWebhookSender';
import { seedMlflow } from './seedMlflow';

const API_PREFIXES = ['/api/2.0/mlflow', '/ajax-api/2.0/mlflow'];

/**
 * DEMO STAND-IN for an MLflow tracking server: the health check (`GET /health` → `OK`) and the REST API 2.0
 * under `/api/2.0/mlflow` (and the UI's `/ajax-api/2.0/mlflow` alias), and the artifact proxy's downloads
 * (`/api/2.0/mlflow-artifacts/artifacts/…`), served by {@link MlflowFake} with the example models' registry;
 * and MLflow 3.3's webhooks ({@link MlflowWebhookSender}): registered under `…/mlflow/webhooks`, sent for alias
 * moves (`registered-models/alias`), version tags (`model-versions/set-tag`) and new versions
 * (`model-versions/create`, which registers a version of a new run of the fake's own, with the tags given).
 */
export function mlflowRouter(
  fake: MlflowFake = seededFake(),
  webhooks: MlflowWebhookSender = new MlflowWebhookSender(),
): Router {
  const router = Router();
  router.get('/health', (_req, res) => {
    res.type('text/plain').send('OK');
  });
  router.use(
    API_PREFIXES.map(prefix => `${prefix}/webhooks`),
    webhooks.router(),
  );
  router.post(
    API_PREFIXES.map(prefix => `${prefix}/model-versions/create`),
    express.json({ type: () => true }),
    (req, res) => {
      const { name, tags, description } = req.body ?? {};
      const model = fake.handle({
        method: 'GET',
        path: '/registered-models/get',
        query: new URLSearchParams({ name: String(name ?? '') }),
      });
      if (model.status !== 200) {
        res.status(model.status).type(model.contentType).send(model.body);
        return;
      }
      const tagMap: Record<string, string> = Object.fromEntries(
        (Array.isArray(tags) ? tags : []).map(
          (t: { key?: string; value?: string }) => [
            String(t?.key),
            String(t?.value ?? ''),
          ],
        ),
      );
      const version = fake.addVersion(name, {
        metrics: {},
        createdAt: Date.now(),
        description,
        tags: tagMap,
      });
      const created = JSON.parse(
        fake.handle({
          method: 'GET',
          path: '/model-versions/get',
          query: new URLSearchParams({ name, version }),
        }).body,
      ).model_version;
      webhooks.sendInBackground('model_version.created', {
        name,
        version,
        source: created.source,
        run_id: created.run_id ?? null,
        tags: tagMap,
        description: created.description ?? null,
      });
      res.json({ model_version: created });
    },
  );
  router.use(API_PREFIXES, express.text({ type: () => true }), (req, res) => {
    const url = new URL(req.originalUrl, 'http://sandbox');
    const body = typeof req.body === 'string' ? req.body : undefined;
    const answer = fake.handle({
      method: req.method,
      path: req.path,
      query: url.searchParams,
      contentType: req.headers['content-type'],
      body,
    });
    if (
      answer.status === 200 &&
      req.method === 'POST' &&
      req.path === '/model-versions/set-tag'
    ) {
      // MLflow reports the request's own strings; an absent value was set as "".
      const { name, version, key, value } = JSON.parse(body ?? '{}');
      webhooks.sendInBackground('model_version_tag.set', {
        name,
        version,
        key,
        value: value ?? '',
      });
    }
    if (answer.status === 200 && req.path === '/registered-models/alias') {
      const { name, alias, version } = JSON.parse(body ?? '{}');
      if (req.method === 'POST') {
        webhooks.sendInBackground('model_version_alias.created', {
          name,
          alias,
          version,
        });
      } else if (req.method === 'DELETE') {
        webhooks.sendInBackground('model_version_alias.deleted', {
          name,
          alias,
        });
      }
    }
    res.status(answer.status).type(answer.contentType).send(answer.body);
  });
  router.use('/api/2.0/mlflow-artifacts/artifacts', (req, res) => {
    const answer = fake.handleArtifactDownload(
      req.method,
      decodeURIComponent(req.path.replace(/^\/+/, '')),
    );
    res.status(answer.status).type(answer.contentType).send(answer.body);
  });
  return router;
}

function seededFake() {
  const fake = new MlflowFake();
  seedMlflow(fake);
  return fake;
}
