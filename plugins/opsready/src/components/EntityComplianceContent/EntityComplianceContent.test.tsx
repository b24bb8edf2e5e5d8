import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  backendError,
  emptyApi,
  evaluation,
  evaluationWith,
  pendingUptime,
} from '../../__testUtils__/testData';
import { renderForEntity } from '../../__testUtils__/renderForEntity';
import { EntityComplianceContent } from './EntityComplianceContent';

const failingCritical = {
  ...evaluation.checks[1],
  id: 'kubernetes.probes',
  title: 'Readiness and liveness probes',
  category: 'kubernetes' as const,
  severity: 'critical' as const,
  remediation:
    'Add a `readinessProbe`. See [the guide](https://docs.example.com/probes).',
  result: {
    checkId: 'kubernetes.probes',
    status: 'fail' as const,
    message: 'Deployment checkoutservice has no readiness probe.',
    evidence: { workload: 'Deployment/checkoutservice' },
  },
};

describe('EntityComplianceContent', () => {
  it('shows score, level, what the next level needs, and every check by category with evidence and fix', async () => {
    const api = emptyApi({
      getEntityEvaluation: jest
        .fn()
        .mockResolvedValue(
          evaluationWith([...evaluation.checks, failingCritical]),
        ),
    });
    await renderForEntity(<EntityComplianceContent />, { api });

    expect(await screen.findByText('Score 60 / 100')).toBeInTheDocument();
    expect(screen.getByText('Level: bronze')).toBeInTheDocument();
    expect(screen.getByText('silver needs 15 more points')).toBeInTheDocument();

    const catalog = screen.getByRole('region', { name: 'Catalog metadata' });
    expect(
      within(catalog).getByText('1 of 2 need attention'),
    ).toBeInTheDocument();
    const kubernetes = screen.getByRole('region', {
      name: 'Kubernetes workloads',
    });
    // A failing check is open: its evidence and its fix, with the docs link.
    expect(
      within(kubernetes).getByText('Deployment/checkoutservice'),
    ).toBeInTheDocument();
    expect(
      within(kubernetes).getByRole('link', { name: /the guide/ }),
    ).toHaveAttribute('href', 'https://docs.example.com/probes');
    expect(
      screen.getByText('No score recorded in the last 30 days yet.'),
    ).toBeInTheDocument();
  });

  it('says when a result rests on repository facts that could not be read again, and why', async () => {
    const readAt = new Date(Date.now() - 3 * 3600_000).toISOString();
    const kept = {
      ...failingCritical,
      id: 'repository.codeowners',
      title: 'CODEOWNERS',
      category: 'repository' as const,
      result: {
        checkId: 'repository.codeowners',
        status: 'fail' as const,
        message: 'No CODEOWNERS file.',
        evidence: {
          searched: 'CODEOWNERS',
          repositoryReadAt: readAt,
          repositoryKeptBecause:
            'not read again: the request budget of github.com (4000 an hour) was spent',
        },
      },
    };
    const api = emptyApi({
      getEntityEvaluation: jest.fn().mockResolvedValue(evaluationWith([kept])),
    });
    await renderForEntity(<EntityComplianceContent />, { api });
    const repository = await screen.findByRole('region', {
      name: 'Repository',
    });
    expect(
      within(repository).getByText(
        /From the repository as read .*not read again: the request budget of github.com \(4000 an hour\) was spent\./,
      ),
    ).toBeInTheDocument();
    expect(within(repository).getByText('3 hours ago')).toBeInTheDocument();
    // Said in words, not listed again as raw evidence; the rest is listed.
    expect(within(repository).queryByText(/repositoryReadAt/)).toBeNull();
    expect(within(repository).getByText('searched:')).toBeInTheDocument();
  });

  it('labels a pending check with what it waits for and when it counts, and says the score leaves it out', async () => {
    const api = emptyApi({
      getEntityEvaluation: jest.fn().mockResolvedValue(
        evaluationWith([
          ...evaluation.checks,
          pendingUptime,
          {
            ...pendingUptime,
            id: 'kubernetes.drift',
            title: 'No drift from the manifests',
            category: 'kubernetes' as const,
            result: { ...pendingUptime.result, checkId: 'kubernetes.drift' },
          },
        ]),
      ),
    });
    await renderForEntity(<EntityComplianceContent />, { api });

    const health = await screen.findByRole('region', { name: 'Health' });
    expect(within(health).getByText('all 1 fine')).toBeInTheDocument();
    expect(
      within(health).getByText(
        'Pending — waiting for the first probe; counts from Dec 14, 2026',
      ),
    ).toBeInTheDocument();
    const kubernetes = screen.getByRole('region', {
      name: 'Kubernetes workloads',
    });
    expect(
      within(kubernetes).getByText(
        'Pending — waiting for the first deployment; counts from Dec 14, 2026',
      ),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('Pending checks')).toHaveTextContent(
      '2 checks are pending, left out of this score until their first data arrives or until Dec 14, 2026.',
    );
  });

  it('lets only users with permission run the checks, saying why to the others, and shows progress, then the new score', async () => {
    let finish: (v: unknown) => void = () => {};
    const refresh = jest.fn(() => new Promise(resolve => (finish = resolve)));
    const api = emptyApi({ refreshEntityEvaluation: refresh as any });

    const denied = await renderForEntity(<EntityComplianceContent />, { api });
    await screen.findByText('Score 60 / 100');
    const run = await screen.findByRole('button', { name: 'Run checks now' });
    expect(run).toBeDisabled();
    expect(
      screen.getByTitle(
        "Only this entity's owners and the platform team may run its checks.",
      ),
    ).toContainElement(run);
    // Neither grant nor ask: the request button is disabled, saying why.
    expect(
      screen.queryByRole('button', { name: 'Grant an exemption' }),
    ).not.toBeInTheDocument();
    const ask = screen.getByRole('button', { name: 'Request an exemption' });
    expect(ask).toBeDisabled();
    expect(
      screen.getByTitle(
        "Only this entity's owners may ask for an exemption from its checks.",
      ),
    ).toContainElement(ask);
    denied.unmount();

    await renderForEntity(<EntityComplianceContent />, { api, allowed: true });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Run checks now' }),
    );
    expect(
      screen.getByRole('button', { name: 'Running checks…' }),
    ).toBeDisabled();
    finish(evaluationWith(evaluation.checks, { score: 80, level: 'silver' }));
    expect(
      await screen.findByText('Checks ran: score 80 / 100 (was 60).'),
    ).toBeInTheDocument();
    expect(screen.getByText('Score 80 / 100')).toBeInTheDocument();
    expect(screen.getByText('Level: silver')).toBeInTheDocument();
  });

  it('grants an exemption with a reason and reloads the checks', async () => {
    const createExemption = jest.fn().mockResolvedValue({});
    const getEntityEvaluation = jest.fn().mockResolvedValue(evaluation);
    const api = emptyApi({ createExemption, getEntityEvaluation });
    await renderForEntity(<EntityComplianceContent />, { api, allowed: true });

    await userEvent.click(
      await screen.findByRole('button', { name: 'Grant an exemption' }),
    );
    const dialog = screen.getByRole('dialog');
    const grant = within(dialog).getByRole('button', {
      name: 'Grant exemption',
    });
    expect(grant).toBeDisabled();
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: /Reason/ }),
      'Internal tool, no users',
    );
    await userEvent.click(grant);

    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(createExemption).toHaveBeenCalledWith(
      { kind: 'Component', namespace: 'default', name: 'checkoutservice' },
      expect.objectContaining({
        checkId: 'catalog.description',
        reason: 'Internal tool, no users',
      }),
    );
    expect(getEntityEvaluation).toHaveBeenCalledTimes(2);
  });

  it('lets an owner, who may not grant, ask for an exemption instead, and reloads', async () => {
    const requestExemption = jest.fn().mockResolvedValue({});
    const getEntityEvaluation = jest.fn().mockResolvedValue(evaluation);
    const api = emptyApi({ requestExemption, getEntityEvaluation });
    await renderForEntity(<EntityComplianceContent />, {
      api,
      allowed: ['opsready.exemptions.request', 'opsready.checks.run'],
    });

    expect(
      screen.queryByRole('button', { name: 'Grant an exemption' }),
    ).not.toBeInTheDocument();
    await userEvent.click(
      await screen.findByRole('button', { name: 'Request an exemption' }),
    );
    const dialog = screen.getByRole('dialog');
    expect(dialog).toHaveTextContent('Ask to exempt from');
    expect(dialog).toHaveTextContent('until then the check counts');
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: /Reason/ }),
      'Internal tool, no users',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Send request' }),
    );
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(requestExemption).toHaveBeenCalledWith(
      { kind: 'Component', namespace: 'default', name: 'checkoutservice' },
      expect.objectContaining({
        checkId: 'catalog.description',
        reason: 'Internal tool, no users',
      }),
    );
    expect(getEntityEvaluation).toHaveBeenCalledTimes(2);
  });

  it('shows a waiting request to everyone, and lets a manager decline it with a note', async () => {
    const requested = evaluationWith(
      evaluation.checks.map(c =>
        c.id === 'catalog.description'
          ? {
              ...c,
              exemptionRequest: {
                id: 'req-1',
                reason: 'Generated service',
                expiresAt: '2027-01-31T23:59:59Z',
                createdBy: 'user:default/linus',
                createdAt: '2026-11-30T10:00:00Z',
              },
            }
          : c,
      ),
    );
    const decideExemption = jest.fn().mockResolvedValue({});
    const getEntityEvaluation = jest.fn().mockResolvedValue(requested);
    const api = emptyApi({ decideExemption, getEntityEvaluation });

    const owner = await renderForEntity(<EntityComplianceContent />, { api });
    expect(
      await screen.findByText(/— exemption requested/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/user:default\/linus asked for an exemption until/),
    ).toHaveTextContent('Generated service');
    // Asked once: no second request, and no decision without the permission.
    expect(
      screen.queryByRole('button', { name: /Request an exemption|Review/ }),
    ).not.toBeInTheDocument();
    owner.unmount();

    await renderForEntity(<EntityComplianceContent />, { api, allowed: true });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Review the request' }),
    );
    const dialog = screen.getByRole('dialog');
    expect(dialog).toHaveTextContent('Generated service');
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: /Note/ }),
      'Describe it in one line instead',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Decline' }),
    );
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(decideExemption).toHaveBeenCalledWith('req-1', {
      decision: 'decline',
      note: 'Describe it in one line instead',
    });
  });

  it("shows the backend's message when the evaluation cannot be read", async () => {
    const error = await backendError(
      'No entity component:default/checkoutservice in the catalog',
    );
    const api = emptyApi({
      getEntityEvaluation: jest.fn().mockRejectedValue(error),
    });
    await renderForEntity(<EntityComplianceContent />, { api });
    expect(
      await screen.findByText(
        'Error: No entity component:default/checkoutservice in the catalog',
      ),
    ).toBeInTheDocument();
  });
});
