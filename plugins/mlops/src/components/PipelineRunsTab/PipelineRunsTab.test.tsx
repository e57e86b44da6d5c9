import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { FakeMlopsApi } from '../../__testUtils__/FakeMlopsApi';
import { renderEntityTab } from '../../__testUtils__/renderEntityTab';
import { PipelineRunsTab } from './PipelineRunsTab';

describe('PipelineRunsTab', () => {
  it('lists runs with state, duration, parameters and Kubeflow links, and the recurring runs', async () => {
    await renderEntityTab(<PipelineRunsTab />, new FakeMlopsApi());
    expect(
      await screen.findByText(
        'Runs of fraud-detector-training (Kubeflow default)',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /nightly 2026-11-26/ }),
    ).toHaveAttribute(
      'href',
      'https://kubeflow.example.com/pipeline/#/runs/details/run-2',
    );
    expect(screen.getByText('43 min 0 s')).toBeInTheDocument();
    expect(screen.getByText('max_depth=10, eta=0.1')).toBeInTheDocument();
    expect(screen.getByText('FAILED')).toBeInTheDocument();
    // Kubeflow's 6-field cron in words, the expression in the tooltip.
    expect(screen.getByText('daily at 03:00 UTC')).toHaveAttribute(
      'title',
      '0 0 3 * * *',
    );
    // Every run links to the Kubeflow UI here, so nothing says links are missing.
    expect(screen.queryByText(/not linked to the Kubeflow UI/)).toBeNull();
    // The run that registered a model version links to the Model.
    expect(
      screen.getByRole('link', { name: 'fraud-detector v6' }),
    ).toHaveAttribute('href', '/catalog/default/model/fraud-detector');
  });

  it('says which task failed a run and why, and that a succeeded run registered no version', async () => {
    const api = new FakeMlopsApi();
    api.pipelineRuns.runs[0].modelVersions = undefined;
    for (const run of api.pipelineRuns.runs) delete run.url;
    await renderEntityTab(<PipelineRunsTab />, api);

    const reason = await screen.findByText(
      'Failed at Train: OOMKilled (exit code 137): the container used more than its 8G memory limit',
    );
    // The pod is in the tooltip, to look up its logs.
    expect(reason).toHaveAttribute(
      'title',
      expect.stringContaining('(pod fraud-detector-training-run-1-train)'),
    );
    // A failed run registered nothing, by definition: no "none registered" to explain there.
    const failedRow = reason.closest('tr')!;
    expect(within(failedRow).queryByText('none registered')).toBeNull();
    const succeededRow = screen.getByText('nightly 2026-11-26').closest('tr')!;
    expect(within(succeededRow).getByText('none registered')).toHaveAttribute(
      'title',
      expect.stringContaining('kfp_run_id'),
    );
    expect(within(succeededRow).queryByText(/Failed at/)).toBeNull();
    // Without uiUrl the runs cannot link to Kubeflow, and the table says what to configure.
    expect(
      screen.queryByRole('link', { name: /nightly/ }),
    ).not.toBeInTheDocument();
    expect(
      screen.getByText(
        "Runs are not linked to the Kubeflow UI: set mlops.kubeflow.instances[].uiUrl for instance 'default'.",
      ),
    ).toBeInTheDocument();
  });

  it("shows the run's own error when Kubeflow names no failed task", async () => {
    const api = new FakeMlopsApi();
    delete api.pipelineRuns.runs[1].failedTask;
    await renderEntityTab(<PipelineRunsTab />, api);
    expect(
      await screen.findByText('Train failed: exit code 1'),
    ).toBeInTheDocument();
  });

  it('says why model version links are missing when MLflow cannot be read', async () => {
    const api = new FakeMlopsApi();
    api.pipelineRuns.modelVersionsError =
      "MLflow instance 'default' searchModelVersions failed: HTTP 503";
    await renderEntityTab(<PipelineRunsTab />, api);
    expect(
      await screen.findByText(
        /Model versions registered by these runs cannot be shown/,
      ),
    ).toBeInTheDocument();
  });

  it('starts a run with typed parameters from the dialog, keeping backend errors in it', async () => {
    const api = new FakeMlopsApi();
    await renderEntityTab(<PipelineRunsTab />, api);
    const button = await screen.findByRole('button', { name: 'Run pipeline' });
    await waitFor(() => expect(button).toBeEnabled());
    fireEvent.click(button);
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByLabelText(/^eta/)).toHaveValue('0.1');
    fireEvent.change(within(dialog).getByLabelText(/^max_depth/), {
      target: { value: '12' },
    });
    fireEvent.change(within(dialog).getByLabelText(/^note/), {
      target: { value: 'retry after fix' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Start run' }));
    await waitFor(() =>
      expect(api.pipelineRunCalls).toEqual([
        { eta: 0.1, max_depth: 12, note: 'retry after fix' },
      ]),
    );
    expect(
      await screen.findByText('started from the portal'),
    ).toBeInTheDocument();

    api.startPipelineRun = async () => {
      throw new Error(
        'Invalid run parameters: eta: expected NUMBER_DOUBLE, got "x"',
      );
    };
    // Once the first dialog has closed, the page is accessible again.
    fireEvent.click(
      await screen.findByRole(
        'button',
        { name: 'Run pipeline' },
        { timeout: 3000 },
      ),
    );
    const again = await screen.findByRole('dialog');
    fireEvent.click(within(again).getByRole('button', { name: 'Start run' }));
    expect(await within(again).findByRole('alert')).toHaveTextContent(
      'Invalid run parameters: eta: expected NUMBER_DOUBLE, got "x"',
    );
  });

  it('disables running without permission, saying why', async () => {
    await renderEntityTab(
      <PipelineRunsTab />,
      new FakeMlopsApi(),
      AuthorizeResult.DENY,
    );
    const button = await screen.findByRole('button', { name: 'Run pipeline' });
    await waitFor(() => expect(button).toBeDisabled());
  });
});
