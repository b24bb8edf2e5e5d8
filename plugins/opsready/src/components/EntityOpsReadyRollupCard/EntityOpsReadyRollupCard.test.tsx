import { Entity } from '@backstage/catalog-model';
import { Rollup } from '@opsready/plugin-opsready-common';
import { fireEvent, screen, within } from '@testing-library/react';
import { OpsReadyApi } from '../../api/OpsReadyApi';
import { renderForEntity } from '../../__testUtils__/renderForEntity';
import { backendError, emptyApi } from '../../__testUtils__/testData';
import { EntityOpsReadyRollupCard } from './EntityOpsReadyRollupCard';

const payments: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'payments', namespace: 'default' },
  spec: { type: 'team', children: [] },
};

const rollup: Rollup = {
  entityRef: 'group:default/payments',
  title: 'Payments',
  scorecardId: 'production-readiness',
  scorecards: [
    { id: 'production-readiness', title: 'Production readiness' },
    { id: 'security', title: 'Security' },
  ],
  levels: ['gold', 'silver', 'bronze'],
  entities: 5,
  averageScore: 56,
  levelCounts: { none: 2, silver: 1, gold: 1, bronze: 1 },
  worstChecks: [
    { checkId: 'catalog.docs', title: 'Documentation', failing: 4 },
    { checkId: 'catalog.owner', title: 'Owner', failing: 1 },
  ],
  breakdown: [
    {
      entityRef: 'group:default/checkout',
      title: 'Checkout',
      kind: 'group',
      entities: 3,
      averageScore: 37,
    },
    {
      entityRef: 'component:default/cart',
      title: 'Cart',
      kind: 'component',
      entities: 1,
      averageScore: 80,
    },
  ],
  moreParts: 0,
};

function renderCard(api: Partial<OpsReadyApi>, entity: Entity = payments) {
  return renderForEntity(<EntityOpsReadyRollupCard />, {
    api: emptyApi(api),
    entity,
  });
}

describe('EntityOpsReadyRollupCard', () => {
  it('shows the average, the levels highest first, the checks failing most and where the score comes from', async () => {
    const getRollup = jest.fn().mockResolvedValue(rollup);
    await renderCard({ getRollup });

    expect(await screen.findByText('Average 56 / 100')).toBeInTheDocument();
    expect(screen.getByText('over 5 scored entities')).toBeInTheDocument();
    const levels = within(screen.getByLabelText('Entities per level'))
      .getAllByRole('listitem')
      .map(chip => chip.textContent);
    expect(levels).toEqual([
      'gold: 1',
      'silver: 1',
      'bronze: 1',
      'No level: 2',
    ]);
    const checks = screen.getByLabelText('Checks failing most');
    expect(within(checks).getByText('Documentation')).toBeInTheDocument();
    expect(
      within(checks).getByText('Failing on 4 entities'),
    ).toBeInTheDocument();
    expect(within(checks).getByText('Failing on 1 entity')).toBeInTheDocument();
    const table = screen.getByRole('table', {
      name: 'Where the score comes from',
    });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map(row => row.textContent)).toEqual([
      'Checkout337',
      'Cart180',
    ]);
    expect(within(table).getByText('Checkout').closest('a')).toHaveAttribute(
      'href',
      '/catalog/default/group/checkout',
    );
    expect(getRollup).toHaveBeenCalledWith(
      { kind: 'Group', namespace: 'default', name: 'payments' },
      { scorecard: undefined },
    );
  });

  it('orders the levels as the scorecard does, and says how many parts are left out', async () => {
    await renderCard({
      getRollup: jest.fn().mockResolvedValue({
        ...rollup,
        scorecardId: 'security',
        levels: ['hardened', 'reviewed'],
        levelCounts: { none: 1, reviewed: 3, hardened: 1 },
        moreParts: 140,
      }),
    });
    const levels = within(await screen.findByLabelText('Entities per level'))
      .getAllByRole('listitem')
      .map(chip => chip.textContent);
    expect(levels).toEqual(['hardened: 1', 'reviewed: 3', 'No level: 1']);
    expect(
      screen.getByText('and 140 more, each scoring better than those listed'),
    ).toBeInTheDocument();
  });

  it('asks again for the scorecard chosen', async () => {
    const getRollup = jest
      .fn()
      .mockResolvedValueOnce(rollup)
      .mockResolvedValueOnce({
        ...rollup,
        scorecardId: 'security',
        averageScore: 90,
      });
    await renderCard({ getRollup });
    await screen.findByText('Average 56 / 100');

    fireEvent.mouseDown(screen.getByRole('button', { name: 'Scorecard' }));
    fireEvent.click(await screen.findByRole('option', { name: 'Security' }));

    expect(await screen.findByText('Average 90 / 100')).toBeInTheDocument();
    expect(getRollup).toHaveBeenLastCalledWith(expect.anything(), {
      scorecard: 'security',
    });
  });

  it('says when nothing under the group is scored yet, and offers no selector for a single scorecard', async () => {
    await renderCard({
      getRollup: jest.fn().mockResolvedValue({
        ...rollup,
        scorecards: [rollup.scorecards[0]],
        entities: 0,
        averageScore: null,
        levelCounts: {},
        worstChecks: [],
        breakdown: [],
      }),
    });
    expect(
      await screen.findByText('No scored components under this group yet'),
    ).toBeInTheDocument();
    expect(screen.queryByText('Scorecard')).not.toBeInTheDocument();
  });

  it("shows the backend's error", async () => {
    await renderCard({
      getRollup: jest
        .fn()
        .mockRejectedValue(
          await backendError('No group group:default/payments in the catalog'),
        ),
    });
    expect(
      await screen.findByText(
        'Error: No group group:default/payments in the catalog',
      ),
    ).toBeInTheDocument();
  });
});
