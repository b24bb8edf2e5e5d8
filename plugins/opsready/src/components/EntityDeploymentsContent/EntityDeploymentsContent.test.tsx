import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { deployment, dora, emptyApi } from '../../__testUtils__/testData';
import { renderForEntity } from '../../__testUtils__/renderForEntity';
import {
  errorRateEvidence,
  latencyEvidence,
  sloStatus,
} from '../../__testUtils__/sloData';
import { EntityDeploymentsContent } from './EntityDeploymentsContent';

const recent = [
  deployment(1, {
    rollbackAdvised: true,
    rollbackAdvisedReason: '5 health failures in a row',
  }),
  deployment(2, { environment: 'staging' }),
  deployment(3, {
    isRollback: true,
    previousVersion: '1.0.9',
    status: 'rolled-back',
  }),
];

describe('EntityDeploymentsContent', () => {
  it('shows DORA bands, versions by environment and the history with its marks', async () => {
    const api = emptyApi({
      getDeployments: jest.fn().mockResolvedValue({ items: recent }),
      getEnvironments: jest.fn().mockResolvedValue({
        items: [
          {
            environment: 'production',
            version: '1.0.1',
            status: 'succeeded',
            deploymentId: 'd1',
            deployedAt: recent[0].startedAt,
            drift: true,
          },
          {
            environment: 'staging',
            version: '1.0.2',
            status: 'succeeded',
            deploymentId: 'd2',
            deployedAt: recent[1].startedAt,
            drift: false,
          },
        ],
      }),
    });
    await renderForEntity(<EntityDeploymentsContent />, { api });

    const frequency = await screen.findByRole('region', {
      name: 'Deployment frequency',
    });
    expect(within(frequency).getByText('1.4 per day')).toBeInTheDocument();
    expect(within(frequency).getByText('Elite performer')).toBeInTheDocument();
    expect(
      within(screen.getByRole('region', { name: 'Time to restore' })).getByText(
        'No data',
      ),
    ).toBeInTheDocument();

    const matrix = screen.getByRole('table', {
      name: 'Versions by environment',
    });
    const row = within(matrix).getByRole('row', { name: /1\.0\.1/ });
    expect(row).toHaveTextContent('(running, drifted)');

    expect(screen.getByText('Rollback advised')).toBeInTheDocument();
    expect(screen.getByText('Rollback')).toBeInTheDocument();
    expect(screen.getByText('Rolled back')).toBeInTheDocument();
    expect(screen.getByText('(from 1.0.9)')).toBeInTheDocument();
    expect(screen.getAllByText('3 min').length).toBe(3);
    expect(screen.getByText('abcdef1')).toBeInTheDocument();
  });

  it('filters by environment on the server and pages with the cursor', async () => {
    const getDeployments = jest.fn(async (_entity, filter, page) => {
      if (page?.limit === 200) return { items: recent };
      if (page?.cursor === 'next-1') return { items: [deployment(9)] };
      return {
        items: recent.filter(
          d => !filter?.environment || d.environment === filter.environment,
        ),
        nextCursor: 'next-1',
      };
    });
    await renderForEntity(<EntityDeploymentsContent />, {
      api: emptyApi({ getDeployments: getDeployments as any }),
    });

    await userEvent.click(
      await screen.findByRole('button', { name: 'Next page' }),
    );
    expect(await screen.findByText('1.0.9')).toBeInTheDocument();
    expect(screen.getByText('Page 2')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: /Environment/ }));
    await userEvent.click(screen.getByRole('option', { name: 'staging' }));
    await waitFor(() =>
      expect(getDeployments).toHaveBeenLastCalledWith(
        expect.anything(),
        { environment: 'staging', status: undefined },
        { cursor: undefined, limit: 25 },
      ),
    );
    // A new filter starts again at the first page.
    expect(await screen.findByText('Page 1')).toBeInTheDocument();
  });

  it('loads the history with the overview, not after it, and shows both together', async () => {
    let finishDora: (value: unknown) => void = () => {};
    const getDora = jest.fn(
      () => new Promise(resolve => (finishDora = resolve)),
    );
    const getDeployments = jest.fn().mockResolvedValue({ items: recent });
    await renderForEntity(<EntityDeploymentsContent />, {
      api: emptyApi({ getDora: getDora as any, getDeployments }),
    });
    // The history's first page is asked for while DORA is still loading…
    await waitFor(() =>
      expect(getDeployments).toHaveBeenCalledWith(
        expect.anything(),
        { environment: undefined, status: undefined },
        { cursor: undefined, limit: 25 },
      ),
    );
    // …but shown only with the rest, so an empty history never flashes.
    expect(await screen.findByText('History')).not.toBeVisible();
    finishDora(dora);
    await waitFor(() => expect(screen.getByText('History')).toBeVisible());
    expect(screen.getByText('Elite performer')).toBeVisible();
  });

  it('says how to send deployments when none is recorded', async () => {
    await renderForEntity(<EntityDeploymentsContent />, { api: emptyApi() });
    expect(
      await screen.findByText('No deployments recorded yet'),
    ).toBeInTheDocument();
    expect(screen.getByText(/api\/opsready\/deployments/)).toBeInTheDocument();
  });

  it("shows each trigger's figures and, on demand, the window and the query", async () => {
    const api = emptyApi({
      getDeployments: jest.fn().mockResolvedValue({
        items: [
          deployment(1, {
            rollbackAdvised: true,
            rollbackEvidence: [errorRateEvidence(), latencyEvidence()],
          }),
          deployment(2),
        ],
      }),
    });
    await renderForEntity(<EntityDeploymentsContent />, { api });

    // The history's rows, by their commit (the version matrix has none).
    await screen.findByText('abcdef1');
    const row = screen
      .getAllByRole('row')
      .find(r => r.textContent?.includes('abcdef1'))!;
    expect(row).toHaveTextContent('Fired Error rate 8.3 % (limit 5 %)');
    expect(row).toHaveTextContent('Not fired p95 +6 % (limit +50 %)');
    const other = screen
      .getAllByRole('row')
      .find(r => r.textContent?.includes('abcdef2'))!;
    expect(
      within(other).queryByRole('button', { name: /Rollback evidence/ }),
    ).not.toBeInTheDocument();

    await userEvent.click(
      within(row).getByRole('button', { name: 'Rollback evidence for 1.0.1' }),
    );
    const dialog = await screen.findByRole('dialog');
    const errorRate = within(dialog).getByRole('region', {
      name: 'Error rate trigger',
    });
    expect(errorRate).toHaveTextContent(errorRateEvidence().message!);
    expect(errorRate).toHaveTextContent('0.2 % → 8.3 % (fires above 5 %)');
    expect(errorRate).toHaveTextContent(
      'asked of https://prometheus.example.com',
    );
    expect(errorRate).not.toHaveTextContent('http_requests_total');
    await userEvent.click(
      within(errorRate).getByRole('button', { name: 'Show query' }),
    );
    await waitFor(() =>
      expect(errorRate).toHaveTextContent('http_requests_total'),
    );
  });

  it('puts the service level above the deployments when the entity has objectives', async () => {
    await renderForEntity(<EntityDeploymentsContent />, {
      api: emptyApi({
        getDeployments: jest.fn().mockResolvedValue({ items: recent }),
        getSlo: jest.fn().mockResolvedValue(sloStatus()),
      }),
    });
    expect(
      await screen.findByRole('heading', { name: 'Service level' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('list', { name: 'Deployments in range' }),
    ).toHaveTextContent('Rollback advised');
  });

  it('leaves the service level out for an entity without objectives', async () => {
    const getSlo = jest
      .fn()
      .mockResolvedValue(sloStatus({ objectives: undefined }));
    await renderForEntity(<EntityDeploymentsContent />, {
      api: emptyApi({
        getDeployments: jest.fn().mockResolvedValue({ items: recent }),
        getSlo,
      }),
    });
    expect(await screen.findByText('History')).toBeInTheDocument();
    await waitFor(() => expect(getSlo).toHaveBeenCalled());
    expect(screen.queryByText('No SLO declared')).not.toBeInTheDocument();
  });
});
