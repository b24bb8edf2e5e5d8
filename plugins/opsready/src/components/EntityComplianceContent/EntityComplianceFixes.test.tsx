import { screen, within } from '@testing-library/react';
import { FixProposal } from '@opsready/plugin-opsready-common';
import {
  backendError,
  emptyApi,
  evaluation,
  evaluationWith,
} from '../../__testUtils__/testData';
import { renderForEntity } from '../../__testUtils__/renderForEntity';
import { scaffolderTemplateRouteRef } from '../../routes';
import { EntityComplianceContent } from './EntityComplianceContent';

const ENTITY_REF = 'component:default/checkoutservice';

/** A failing check of the given id, in the kubernetes category. */
const failing = (id: string, title: string, fixable = true) => ({
  ...evaluation.checks[1],
  id,
  title,
  category: fixable ? ('kubernetes' as const) : ('health' as const),
  remediation: `Fix ${title}.`,
  result: { checkId: id, status: 'fail' as const, message: `${title} fails.` },
});

// catalog.owner passes and catalog.description fails (both fixable);
// kubernetes.probes fails (fixable); health.uptime fails (by hand only).
const checks = [
  ...evaluation.checks,
  failing('kubernetes.probes', 'Readiness and liveness probes'),
  failing('health.uptime', 'Uptime target met', false),
];

const proposal = (extra: Partial<FixProposal>): FixProposal => ({
  id: 'p1',
  entityRef: ENTITY_REF,
  checkId: 'kubernetes.probes',
  url: 'https://github.example.com/shop/checkout/pull/7',
  title: 'Add probes to checkoutservice',
  createdBy: 'user:default/alan.turing',
  createdAt: '2026-12-01T10:00:00Z',
  ...extra,
});

/** The form values the scaffolder reads from a link's `formData`. */
function formDataOf(link: HTMLElement) {
  const url = new URL(link.getAttribute('href')!, 'http://app.test');
  return {
    path: url.pathname,
    values: JSON.parse(url.searchParams.get('formData')!),
  };
}

const render = (api: ReturnType<typeof emptyApi>, options = {}) =>
  renderForEntity(<EntityComplianceContent />, { api, ...options });

describe('fixes on the compliance tab', () => {
  it('offers "Fix it" on fixable failing checks only, pre-filling the fix template, and "Fix all fixable" for all of them', async () => {
    await render(
      emptyApi({
        getEntityEvaluation: jest
          .fn()
          .mockResolvedValue(evaluationWith(checks)),
      }),
    );
    await screen.findByText('Score 60 / 100');

    const fixIts = screen.getAllByRole('button', { name: 'Fix it' });
    expect(fixIts.map(formDataOf)).toEqual([
      {
        path: '/create/templates/default/opsready-fix',
        values: { entityRef: ENTITY_REF, checkIds: ['catalog.description'] },
      },
      {
        path: '/create/templates/default/opsready-fix',
        values: { entityRef: ENTITY_REF, checkIds: ['kubernetes.probes'] },
      },
    ]);
    // Fixed by hand: its section has no button.
    const health = screen.getByRole('region', { name: 'Health' });
    expect(within(health).queryByRole('button', { name: 'Fix it' })).toBeNull();

    const all = screen.getByRole('button', { name: 'Fix all fixable (2)' });
    expect(formDataOf(all).values).toEqual({
      entityRef: ENTITY_REF,
      checkIds: ['catalog.description', 'kubernetes.probes'],
    });
  });

  it('leads to the scaffolder where the app binds it', async () => {
    await render(emptyApi(), {
      mountedRoutes: {
        '/scaffold/templates/:namespace/:templateName':
          scaffolderTemplateRouteRef,
      },
    });
    const fixIt = await screen.findByRole('button', { name: 'Fix it' });
    expect(formDataOf(fixIt).path).toBe(
      '/scaffold/templates/default/opsready-fix',
    );
  });

  it('shows "Fix proposed" with its link instead of "Fix it", and no chip on a passing check', async () => {
    const getFixProposals = jest.fn().mockResolvedValue({
      items: [
        proposal({}),
        // Left from before the check passed: not to be shown.
        proposal({ id: 'p2', checkId: 'catalog.owner' }),
      ],
    });
    await render(
      emptyApi({
        getEntityEvaluation: jest
          .fn()
          .mockResolvedValue(evaluationWith(checks)),
        getFixProposals,
      }),
    );

    const chip = await screen.findByRole('button', { name: 'Fix proposed' });
    expect(chip).toHaveAttribute(
      'href',
      'https://github.example.com/shop/checkout/pull/7',
    );
    expect(chip).toHaveAttribute('target', '_blank');
    expect(
      screen.getAllByRole('button', { name: 'Fix proposed' }),
    ).toHaveLength(1);
    expect(screen.getByText(/— fix proposed/)).toBeInTheDocument();
    const kubernetes = screen.getByRole('region', {
      name: 'Kubernetes workloads',
    });
    expect(
      within(kubernetes).queryByRole('button', { name: 'Fix it' }),
    ).toBeNull();
    // Already proposed: fix all leaves it out.
    const all = screen.getByRole('button', { name: 'Fix all fixable (1)' });
    expect(formDataOf(all).values.checkIds).toEqual(['catalog.description']);
    expect(getFixProposals).toHaveBeenCalledWith({
      kind: 'Component',
      namespace: 'default',
      name: 'checkoutservice',
    });
  });

  it('shows the branch and path of a fix proposed in a local repository, not a dead link', async () => {
    await render(
      emptyApi({
        getEntityEvaluation: jest
          .fn()
          .mockResolvedValue(evaluationWith(checks)),
        getFixProposals: jest.fn().mockResolvedValue({
          items: [
            proposal({
              url: 'file:///srv/git/checkout%20service',
              branch: 'opsready/fix-probes',
            }),
          ],
        }),
      }),
    );
    expect(await screen.findByLabelText('Where the fix is')).toHaveTextContent(
      'branch opsready/fix-probes in /srv/git/checkout service',
    );
    expect(screen.getByText('Fix proposed').closest('a')).toBeNull();
  });

  it('still shows the checks and "Fix it" when the proposals cannot be read', async () => {
    const error = await backendError('Fix proposals are unavailable', 500);
    await render(
      emptyApi({
        getFixProposals: jest.fn().mockRejectedValue(error),
      }),
    );
    expect(
      await screen.findByRole('button', { name: 'Fix it' }),
    ).toBeInTheDocument();
    expect(screen.getByText('Score 60 / 100')).toBeInTheDocument();
    expect(screen.queryByText('Fix proposed')).toBeNull();
    expect(screen.queryByText(/unavailable/)).toBeNull();
  });
});
