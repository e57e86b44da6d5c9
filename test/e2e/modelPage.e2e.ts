import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { portalForTests } from './portalBrowser';

/** The Model card on a Model's overview (Backstage's cards are MUI Cards; the page's content is the article). */
const modelCard = (page: Page) =>
  page.locator('article', { hasText: 'Model card' }).last();

// The example model's page must show its owner, its pipeline and its feature views.
const portal = portalForTests();

describe('MLOps Portal in a browser', () => {
  it('shows the example model with its owner, pipeline and feature views', async () => {
    const { page } = portal;
    await portal.open('/catalog/default/model/fraud-detector');
    await page
      .getByRole('heading', { name: 'Fraud detector' })
      .first()
      .waitFor();

    const lineage = page.locator('article', { hasText: 'ML lineage' });
    const stage = (name: string) => lineage.getByRole('group', { name });
    await stage('Feature views')
      .getByRole('link', { name: /customer transactions/i })
      .waitFor();
    await stage('Feature views')
      .getByRole('link', { name: /merchant risk/i })
      .waitFor();
    await stage('Pipeline')
      .getByRole('link', { name: /fraud detector training/i })
      .waitFor();
    await stage('Serving')
      .getByRole('link', { name: /fraud scoring service/i })
      .waitFor();

    const overview = page.locator('article', { hasText: 'Quality gates' });
    await overview
      .getByRole('link', { name: /fraud ml/i })
      .first()
      .waitFor();
    // Gates by the metric's display name (spec.metrics), and the drift tests the backend applies.
    assert.match(await overview.innerText(), /AUC ≥ 0\.9/);
    assert.match(
      await overview.innerText(),
      /numerical features: Wasserstein distance \(normed\) ≥ 0\.1/,
    );
    assert.match(
      await overview.innerText(),
      /txn_amount_sum_24h: Wasserstein distance \(normed\) ≥ 0\.08/,
    );
    assert.match(await overview.innerText(), /xgboost/);
    await portal.screenshot('model-page');
  });

  it("shows the model card: the owner's text, the registry's evaluation against the gates, per slice, and the lineage", async () => {
    const { page } = portal;
    await portal.open('/catalog/default/model/fraud-detector');
    const card = modelCard(page);
    await card.getByText('From catalog-info.yaml (spec.modelCard)').waitFor();
    for (const heading of [
      'Intended use',
      'Out-of-scope use',
      'Training data',
      'Limitations',
      'Ethical considerations',
      'Contact',
    ]) {
      await card.getByText(heading, { exact: true }).first().waitFor();
    }
    assert.equal(await card.getByText(/Not written yet/).count(), 0);
    // Facts from MLflow, never typed by hand: the champion's metrics against the gates, and its slices.
    await card.getByText(/Evaluation results/).waitFor();
    await card
      .getByText(/champion v\d+/)
      .first()
      .waitFor();
    await card.getByText('card_not_present').first().waitFor();
    await card
      .getByRole('link', {
        name: /customer-transactions|customer transactions/i,
      })
      .first()
      .waitFor();
    await card
      .getByText('Model card', { exact: true })
      .first()
      // The card's header at the top of the screenshot, its sections below it.
      .evaluate(header => header.scrollIntoView({ block: 'start' }));
    await portal.screenshot('model-card');
  });

  it('says what a model without a card is missing', async () => {
    const { page } = portal;
    await portal.open('/catalog/default/model/churn-predictor');
    const card = modelCard(page);
    await card.getByText('No model card yet:').waitFor();
    assert.match(await card.innerText(), /No model card yet: intended use/);
    assert.match(
      await card.innerText(),
      /MODEL_CARD\.md beside catalog-info\.yaml/,
    );
    // The facts still show: the registry's versions against the gates.
    await card
      .getByText(/auc ≥ 0\.8/i)
      .first()
      .waitFor();
  });

  it('shows a pipeline with the models it trains', async () => {
    const { page } = portal;
    await portal.open('/catalog/default/pipeline/fraud-detector-training');
    await page
      .getByRole('heading', { name: 'Fraud detector training' })
      .first()
      .waitFor();
    const card = page.locator('article', { hasText: 'Kubeflow pipeline' });
    assert.match(await card.innerText(), /daily at 03:00 UTC/);
    await card
      .getByRole('link', { name: /fraud detector/i })
      .first()
      .waitFor();
    await portal.screenshot('pipeline-page');
  });

  it('shows a feature view with its features', async () => {
    const { page } = portal;
    await portal.open('/catalog/default/featureview/customer-transactions');
    await page
      .getByRole('heading', { name: 'Customer transactions' })
      .first()
      .waitFor();
    await page.getByRole('cell', { name: 'txn_amount_sum_24h' }).waitFor();
    await page.getByRole('cell', { name: 'DOUBLE' }).first().waitFor();
    // Live from the sandbox's Feast registry: materialized minutes ago, inside its 6-hour TTL.
    await page.getByText('Feast registry').first().waitFor();
    await page.getByText('fresh', { exact: true }).waitFor();
    assert.equal(await page.getByText(/^Stale:/).count(), 0);
    await portal.screenshot('feature-view-page');
  });

  it('warns on a feature view whose online store is older than its TTL', async () => {
    const { page } = portal;
    await portal.open('/catalog/default/featureview/merchant-risk');
    await page
      .getByText(/Stale: the online store is older than the TTL/)
      .first()
      .waitFor();
    await page.getByText('stale', { exact: true }).waitFor();
    await portal.screenshot('feature-view-stale');
  });

  it("shows the serving component's Seldon deployment and pods from the cluster", async () => {
    const { page } = portal;
    await portal.open(
      '/catalog/default/component/fraud-scoring-service/kubernetes',
    );
    const cluster = page.getByText('sandbox', { exact: true }).first();
    await cluster.waitFor();
    await page.getByText('2 pods').first().waitFor();
    await cluster.click();
    await page.getByText('SeldonDeployment').waitFor();
    const deployment = page.getByRole('button', {
      name: /fraud-detector-stable-0-classifier\s*Deployment/,
    });
    await deployment.getByText('2 pods').waitFor();
    // Let the accordion finish opening before the picture.
    await page.waitForTimeout(1000);
    await portal.screenshot('serving-component-kubernetes');
  });

  it('offers the Model kind in the catalog', async () => {
    const { page } = portal;
    // All models, not just the signed-in user's (the catalog defaults to "Owned" for owners).
    await portal.open('/catalog?filters[kind]=model&filters[user]=all');
    await page.getByRole('link', { name: /churn predictor/i }).waitFor();
    await page
      .getByRole('link', { name: /fraud detector/i })
      .first()
      .waitFor();
    await portal.screenshot('catalog-models');
  });
});
