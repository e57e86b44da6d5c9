import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { portalForTests } from './portalBrowser';

/*
 * Amira (the demo guest) owns fraud-detector, so she may roll its challenger out by each strategy in turn: a
 * canary (the engine's first tick shifts 5% of the sandbox SeldonDeployment's traffic to it), an A/B test, a
 * shadow (the sandbox mirrors traffic to it and Prometheus gets both predictors' prediction histograms) and a
 * blue-green (the sandbox's operator stand-in reports green ready, the engine switches, she switches back).
 * Last, traffic a lost rollout left behind (written straight into the sandbox's Kubernetes) is named on the tab
 * and returned to stable from it.
 */
const portal = portalForTests();

/** The e2e sandbox's Kubernetes stand-in and the example SeldonDeployment in it. */
const KUBERNETES =
  process.env.MLOPS_E2E_KUBERNETES_URL ?? 'http://127.0.0.1:7011/kubernetes';
const FRAUD_DETECTOR = `${KUBERNETES}/apis/machinelearning.seldon.io/v1/namespaces/fraud/seldondeployments/fraud-detector`;
const CLAIM_KEY = 'mlops.backstage.io/rollout';
const LOST_CLAIM = JSON.stringify({
  rollout: 'lost-rollout',
  instance: 'https://old.portal',
});

type Predictor = {
  name: string;
  traffic?: number;
  shadow?: boolean;
  labels?: Record<string, string>;
  graph: Record<string, unknown>;
};
type SeldonDeployment = {
  metadata: { resourceVersion?: string; annotations?: Record<string, string> };
  spec: { predictors: Predictor[] };
};

async function kubernetes(
  method: 'GET' | 'PUT',
  body?: SeldonDeployment,
): Promise<{ status: number; sdep: SeldonDeployment }> {
  const response = await fetch(FRAUD_DETECTOR, {
    method,
    headers: {
      Authorization: 'Bearer sandbox-token',
      ...(body ? { 'Content-Type': 'application/json' } : {}),
    },
    body: body && JSON.stringify(body),
  });
  return { status: response.status, sdep: await response.json() };
}

/**
 * Reads the SeldonDeployment, changes it and replaces it with the resourceVersion read, as any client of the API
 * server must; read again and retried when another writer (the operator stand-in) got there first.
 */
async function editFraudDetector(
  change: (sdep: SeldonDeployment) => SeldonDeployment,
): Promise<SeldonDeployment> {
  for (let attempt = 1; ; attempt++) {
    const read = await kubernetes('GET');
    assert.equal(read.status, 200, JSON.stringify(read.sdep));
    const written = await kubernetes('PUT', change(structuredClone(read.sdep)));
    if (written.status === 200) {
      return written.sdep;
    }
    assert.ok(
      written.status === 409 && attempt < 5,
      `PUT ${FRAUD_DETECTOR}: ${written.status} ${JSON.stringify(
        written.sdep,
      )}`,
    );
  }
}

/** What the orphan test found before it wrote; restored after the tests if the orphan is still there. */
let beforeOrphan: SeldonDeployment | undefined;

describe('Deployment tab in a browser', () => {
  after(async () => {
    // A failed orphan test must not leave traffic no rollout drives to the next test file: it blocks rollouts.
    const now = await kubernetes('GET');
    if (
      beforeOrphan &&
      now.sdep.metadata.annotations?.[CLAIM_KEY] === LOST_CLAIM
    ) {
      const { spec, metadata } = beforeOrphan;
      await editFraudDetector(sdep => ({
        ...sdep,
        metadata: { ...sdep.metadata, annotations: metadata.annotations },
        spec,
      }));
    }
  });

  it('starts a canary rollout of the challenger and shows its steps', async () => {
    const { page } = portal;
    await portal.open('/catalog/default/model/fraud-detector/deployment');
    const start = page.getByRole('button', { name: 'Roll out challenger v6' });
    await start.waitFor();
    await page.waitForFunction(
      () =>
        !(
          document.querySelector('button[disabled]')?.textContent ?? ''
        ).includes('Roll out challenger'),
    );
    await start.click();
    // Nothing starts yet: the dialog shows the default plan (a dry run), editable, and asks why.
    const confirm = page.getByRole('dialog');
    await confirm.getByText(/^3 step\(s\): 5% for at least 5 min/).waitFor();
    await confirm.getByLabel(/^Reason/).fill('v6 beats v4 offline; canary it');
    await confirm.getByRole('button', { name: 'Start canary' }).click();
    await page.getByText('Canary of v6 against champion v4').waitFor();
    await page.getByText('5% canary, 5 min').waitFor();
    await page
      .getByRole('list', { name: 'Rollout timeline' })
      .getByText('started: v4 → v6: v6 beats v4 offline; canary it')
      .waitFor();
    assert.equal(
      await page.getByRole('button', { name: 'Pause' }).isEnabled(),
      true,
    );
    // The scheduler's next tick (every 5 s) sets the first step's weight, and the page refreshes every 5 s.
    await page
      .getByText(/step 1: canary at 5%|Progressing/)
      .first()
      .waitFor();
    await portal.screenshot('model-deployment-tab');

    // Jonas pauses it from his own browser. Amira's page shows it within seconds and without a reload: the
    // rollout's signal (with signals connected, the fallback poll comes only every 30 s).
    await page.evaluate(() => {
      (window as any).mlopsNotReloaded = true;
    });
    const jonas = await portal.asAnotherPerson();
    try {
      await jonas.open(
        '/catalog/default/model/fraud-detector/deployment',
        'Jonas Berg',
      );
      await jonas.page.getByRole('button', { name: 'Pause' }).click();
      const pause = jonas.page.getByRole('dialog');
      await pause.getByLabel(/Reason/).fill('hold it while we check latency');
      await pause.getByRole('button', { name: 'Pause' }).click();
      await pause.waitFor({ state: 'hidden' });
      assert.deepEqual(jonas.takeConsoleErrors(), []);
    } finally {
      await jonas.page.context().close();
    }
    await page
      .locator('[data-state="Paused"]')
      .first()
      .waitFor({ timeout: 5_000 });
    assert.equal(
      await page.evaluate(() => (window as any).mlopsNotReloaded),
      true,
    );
  });

  it('aborts the canary and starts an A/B test of the challenger instead', async () => {
    const { page } = portal;
    await page.getByRole('button', { name: 'Abort' }).click();
    const abort = page.getByRole('dialog');
    await abort.getByLabel(/Reason/).fill('test the challenger on conversions');
    await abort.getByRole('button', { name: 'Abort' }).click();
    await page.getByText('Aborted', { exact: true }).first().waitFor();

    const open = page.getByRole('button', { name: 'A/B test challenger v6' });
    await page.waitForFunction(
      () =>
        ![...document.querySelectorAll('button[disabled]')].some(b =>
          (b.textContent ?? '').includes('A/B test challenger'),
        ),
    );
    await open.click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(/Baseline success rate/).fill('10');
    await dialog.getByLabel(/Smallest change worth detecting/).fill('2');
    // The backend's dry run plans the sample before anything starts.
    await dialog.getByRole('button', { name: 'Check plan' }).click();
    await dialog
      .getByText(/^Needs 3,841 requests per arm before any verdict/)
      .waitFor();
    await dialog.getByLabel(/^Reason/).fill('test v6 on conversions');
    await dialog.getByRole('button', { name: 'Start A/B test' }).click();
    // The backend planned the sample: 10% → 12% at α 0.05 and power 0.8.
    await page
      .getByText(
        /^A\/B test: 50% to the candidate, 3841 trials per arm planned/,
      )
      .waitFor();
    await page.getByText('50% candidate (A/B split)').waitFor();
    await page.getByText(/no verdict before it is reached/).waitFor();
    await portal.screenshot('model-deployment-abtest');
  });

  /** Aborts the current rollout from its card, giving `reason`. */
  const abortCurrent = async (reason: string) => {
    const { page } = portal;
    await page.getByRole('button', { name: 'Abort' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(/Reason/).fill(reason);
    await dialog.getByRole('button', { name: 'Abort' }).click();
    await page.getByText('Aborted', { exact: true }).first().waitFor();
  };
  /** Opens a strategy's dialog once the start buttons are enabled again. */
  const openPlan = async (label: string) => {
    const { page } = portal;
    await page.waitForFunction(
      text =>
        ![...document.querySelectorAll('button[disabled]')].some(b =>
          (b.textContent ?? '').includes(text),
        ),
      label,
    );
    await page.getByRole('button', { name: `${label} v6` }).click();
    return page.getByRole('dialog');
  };

  it('aborts the A/B test and shadows the challenger, comparing its predictions with stable', async () => {
    const { page } = portal;
    await abortCurrent('compare the predictions first');
    const dialog = await openPlan('Shadow challenger');
    await dialog.getByLabel(/Shadow for \(minutes\)/).fill('30');
    await dialog.getByLabel(/^Reason/).fill('compare the predictions first');
    await dialog.getByRole('button', { name: 'Start shadow' }).click();
    await page.getByText('Shadow of v6 beside champion v4').waitFor();
    await page.getByText('Shadow: copy of all traffic, 30 min').waitFor();
    // Both predictors' histograms reach Prometheus within a few scrapes; the engine then compares them.
    await page
      .getByText(
        /^Predictions so far: PSI 0\.0\d\d · Jensen–Shannon 0\.0\d\d \(\d+ shadow \/ \d+ stable predictions\)$/,
      )
      .waitFor({ timeout: 60_000 });
    assert.equal(
      await page.getByRole('button', { name: 'Promote now' }).count(),
      0,
    );
    await portal.screenshot('model-deployment-shadow');
  });

  it('aborts the shadow, switches to the challenger blue-green once it is ready, and switches back', async () => {
    const { page } = portal;
    await abortCurrent('shadow looked fine');
    await page
      .getByText(/shadow removed, alias 'shadow' cleared/)
      .first()
      .waitFor();
    const dialog = await openPlan('Blue-green challenger');
    await dialog.getByLabel(/Keep blue warm for/).fill('10');
    await dialog.getByLabel(/^Reason/).fill('the shadow looked fine');
    await dialog.getByRole('button', { name: 'Start blue-green' }).click();
    await page.getByText('Blue-green of v6 against champion v4').waitFor();
    await page
      .getByText(/^green v6 serves all traffic; blue v4 stays warm until /)
      .waitFor({ timeout: 60_000 });
    await portal.screenshot('model-deployment-bluegreen');
    await page.getByRole('button', { name: 'Switch back' }).click();
    const back = page.getByRole('dialog');
    await back.getByLabel(/Reason/).fill('latency alert on green');
    await back.getByRole('button', { name: 'Switch back' }).click();
    await page
      .getByText('latency alert on green; switched back: blue v4 has 100%')
      .first()
      .waitFor();
  });

  it('names traffic no rollout drives, claimed by a portal that is gone, and returns it to stable', async () => {
    const { page } = portal;
    // The blue-green is over: all traffic on blue v4, no rollout driving it.
    await page.getByText('Stable v4: 100%').waitFor({ timeout: 60_000 });
    assert.equal(await page.getByText(/^Driven by/).count(), 0);

    // Another portal's rollout shifted 20% to v6 and its portal is gone (its database with it).
    await editFraudDetector(sdep => {
      beforeOrphan = structuredClone(sdep);
      const stable = sdep.spec.predictors.find(
        p => !p.shadow && p.name !== 'canary',
      )!;
      const canary: Predictor = {
        ...structuredClone(stable),
        name: 'canary',
        traffic: 20,
        labels: { ...stable.labels, 'mlops.backstage.io/model-version': '6' },
        graph: { ...stable.graph, modelUri: 'models:/fraud-detector/6' },
      };
      sdep.spec.predictors = [
        { ...stable, traffic: 80 },
        canary,
        ...sdep.spec.predictors.filter(
          p => p !== stable && p.name !== 'canary',
        ),
      ];
      sdep.metadata.annotations = {
        ...sdep.metadata.annotations,
        [CLAIM_KEY]: LOST_CLAIM,
      };
      return sdep;
    });

    await portal.open('/catalog/default/model/fraud-detector/deployment');
    const warning = page
      .getByRole('alert')
      .filter({ hasText: 'no rollout drives it' });
    await warning
      .getByText(
        "v6 receives 20% and no rollout drives it (claimed by rollout lost-rollout of portal 'https://old.portal')",
        { exact: false },
      )
      .waitFor();
    await warning
      .getByText(
        /still carries the claim of rollout lost-rollout of portal 'https:\/\/old\.portal'/,
      )
      .waitFor();
    await page.getByText('Canary v6: 20%').waitFor();
    await page.getByText('Stable v4: 80%').waitFor();
    await portal.screenshot('model-deployment-orphan');

    await warning
      .getByRole('button', {
        name: 'Return all traffic to stable',
        exact: true,
      })
      .click();
    const dialog = page.getByRole('dialog');
    await dialog
      .getByText(
        "the claim of rollout lost-rollout of portal 'https://old.portal' is cleared",
        { exact: false },
      )
      .waitFor();
    await dialog
      .getByLabel(/Reason/)
      .fill('the old portal is gone and v6 was never approved for 20%');
    await dialog
      .getByRole('button', { name: 'Return to stable', exact: true })
      .click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('Stable v4: 100%').waitFor();
    assert.equal(await page.getByText('no rollout drives it').count(), 0);

    // The cluster agrees: stable with all traffic as before the orphan, the canary predictor gone, no claim.
    const { sdep } = await kubernetes('GET');
    const shares = (d: SeldonDeployment) =>
      d.spec.predictors.map(p => [p.name, p.traffic]);
    assert.deepEqual(
      shares(sdep),
      shares(beforeOrphan!).filter(([name]) => name !== 'canary'),
    );
    assert.equal(sdep.metadata.annotations?.[CLAIM_KEY], undefined);
  });
});
