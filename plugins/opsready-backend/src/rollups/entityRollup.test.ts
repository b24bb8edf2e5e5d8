import { mockCredentials } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { entityRollup } from './entityRollup';
import { OrgEntities } from './orgEntities';
import { rollupScoring } from './rollupScorecards';
import { component, fixedReads, group, system } from './__testUtils__/org';

describe('entityRollup', () => {
  it('lists the 100 worst parts one step down, and counts the others it leaves out', async () => {
    const names = Array.from({ length: 105 }, (_, i) => `svc-${i}`);
    const scoring = rollupScoring(
      [
        {
          id: 'production-readiness',
          title: 'Production readiness',
          checks: ['*'],
          weights: new Map(),
          levels: [
            { name: 'bronze', minScore: 50 },
            { name: 'gold', minScore: 90 },
          ],
        },
      ],
      [{ id: 'catalog.docs', title: 'Docs', weight: 1, severity: 'low' }],
    );
    const rollup = await entityRollup({
      target: { ref: 'system:default/shop', title: 'Shop' },
      kind: 'system',
      scorecard: scoring.scorecard(undefined),
      scoring,
      org: new OrgEntities(
        catalogServiceMock({
          entities: [
            group('platform'),
            system('shop'),
            ...names.map(name => component(name, 'platform', 'shop')),
          ],
        }),
        mockCredentials.user(),
      ),
      reads: fixedReads(
        Object.fromEntries(
          names.map((name, i) => [name, { score: i, level: null }]),
        ),
      ),
    });
    // Every entity counts in the figures; the answer lists the worst 100.
    expect(rollup.entities).toBe(105);
    expect(rollup.breakdown).toHaveLength(100);
    expect(rollup.breakdown[0].averageScore).toBe(0);
    expect(rollup.breakdown[99].averageScore).toBe(99);
    expect(rollup.moreParts).toBe(5);
    // The scorecard's levels, highest first, for the card to order by.
    expect(rollup.levels).toEqual(['gold', 'bronze']);
  });
});
