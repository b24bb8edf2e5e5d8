import { CheckStatus, defaultLevels } from '@opsready/plugin-opsready-common';
import { campaignStatus, GoalContext } from './campaignStatus';
import { replayBurnUp } from './replayBurnUp';
import { CampaignHistory, CheckStatusChange } from './types';

// Counted, to see which entities are judged again.
jest.mock('./campaignStatus', () => {
  const actual = jest.requireActual('./campaignStatus');
  return { ...actual, campaignStatus: jest.fn(actual.campaignStatus) };
});

const at = (iso: string) => new Date(iso);
const cart = 'component:default/cart';
const shop = 'component:default/shop';
const docs = 'component:default/docs';

const pdbAndProbes: GoalContext = {
  goal: { checks: ['kubernetes.pdb', 'kubernetes.probes'] },
  levels: defaultLevels,
  checks: new Map(),
};

const change = (
  entityRef: string,
  checkId: string,
  checkStatus: CheckStatus,
  changedAt: string,
): CheckStatusChange => ({
  entityRef,
  checkId,
  status: checkStatus,
  message: `${checkId} ${checkStatus}`,
  changedAt: at(changedAt),
});

const history = (extra: Partial<CampaignHistory> = {}): CampaignHistory => ({
  checkChanges: [],
  levelChanges: [],
  exemptions: [],
  ...extra,
});

describe('replayBurnUp', () => {
  it('gives one point per UTC day, each as at the end of its day, the last as at `to`', () => {
    const points = replayBurnUp({
      entityRefs: [cart, shop],
      context: pdbAndProbes,
      history: history({
        checkChanges: [
          change(cart, 'kubernetes.pdb', 'fail', '2026-11-01T08:00:00Z'),
          change(cart, 'kubernetes.probes', 'pass', '2026-11-01T08:00:00Z'),
          // Fixed in the last millisecond of the 2nd: done that day.
          change(cart, 'kubernetes.pdb', 'pass', '2026-12-02T23:59:59.999Z'),
          change(shop, 'kubernetes.pdb', 'pass', '2026-11-01T08:00:00Z'),
          change(shop, 'kubernetes.probes', 'fail', '2026-11-01T08:00:00Z'),
          // At midnight: the 4th, not the 3rd.
          change(shop, 'kubernetes.probes', 'pass', '2026-12-04T00:00:00Z'),
          // After `to`, on its day: not yet.
          change(cart, 'kubernetes.pdb', 'fail', '2026-12-04T15:00:00Z'),
        ],
      }),
      from: at('2026-12-01T10:00:00Z'),
      to: at('2026-12-04T12:00:00Z'),
    });
    expect(points).toEqual([
      { day: '2026-12-01', total: 2, done: 0, exempt: 0 },
      { day: '2026-12-02', total: 2, done: 1, exempt: 0 },
      { day: '2026-12-03', total: 2, done: 1, exempt: 0 },
      { day: '2026-12-04', total: 2, done: 2, exempt: 0 },
    ]);
  });

  it('counts an entity open until it has a result for every goal check, and a check that does not apply as met', () => {
    const points = replayBurnUp({
      entityRefs: [cart, shop, docs],
      context: pdbAndProbes,
      history: history({
        checkChanges: [
          // Only one of the two checks ever evaluated.
          change(cart, 'kubernetes.pdb', 'pass', '2026-12-01T08:00:00Z'),
          change(
            shop,
            'kubernetes.pdb',
            'not-applicable',
            '2026-12-01T08:00:00Z',
          ),
          change(shop, 'kubernetes.probes', 'pass', '2026-12-02T08:00:00Z'),
          // Another check, and another entity: not the campaign's.
          change(cart, 'docs.readme', 'pass', '2026-12-01T08:00:00Z'),
          change(
            'component:default/other',
            'kubernetes.pdb',
            'pass',
            '2026-12-01T08:00:00Z',
          ),
        ],
      }),
      from: at('2026-12-01T00:00:00Z'),
      to: at('2026-12-02T23:00:00Z'),
    });
    expect(points).toEqual([
      { day: '2026-12-01', total: 3, done: 0, exempt: 0 },
      { day: '2026-12-02', total: 3, done: 1, exempt: 0 },
    ]);
  });

  it('starts from the state the history left before `from`, and goes back when a check regresses', () => {
    const points = replayBurnUp({
      entityRefs: [cart],
      context: pdbAndProbes,
      history: history({
        checkChanges: [
          change(cart, 'kubernetes.pdb', 'pass', '2026-10-01T08:00:00Z'),
          change(cart, 'kubernetes.probes', 'pass', '2026-10-01T08:00:00Z'),
          change(cart, 'kubernetes.probes', 'fail', '2026-12-02T09:00:00Z'),
          change(cart, 'kubernetes.probes', 'error', '2026-12-02T10:00:00Z'),
        ],
      }),
      from: at('2026-12-01T00:00:00Z'),
      to: at('2026-12-02T23:00:00Z'),
    });
    expect(points.map(p => p.done)).toEqual([1, 0]);
  });

  it('counts an entity exempt while an exemption from its only failing check is in force', () => {
    const points = replayBurnUp({
      entityRefs: [cart, shop],
      context: pdbAndProbes,
      history: history({
        checkChanges: [
          change(cart, 'kubernetes.pdb', 'fail', '2026-11-01T08:00:00Z'),
          change(cart, 'kubernetes.probes', 'pass', '2026-11-01T08:00:00Z'),
          change(shop, 'kubernetes.pdb', 'fail', '2026-11-01T08:00:00Z'),
          change(shop, 'kubernetes.probes', 'fail', '2026-11-01T08:00:00Z'),
        ],
        exemptions: [
          // Granted on the 2nd, revoked on the 4th.
          {
            entityRef: cart,
            checkId: 'kubernetes.pdb',
            from: at('2026-12-02T12:00:00Z'),
            until: at('2026-12-04T12:00:00Z'),
          },
          // Exempt from one check, still failing the other: open.
          {
            entityRef: shop,
            checkId: 'kubernetes.pdb',
            from: at('2026-11-20T00:00:00Z'),
            until: at('2027-01-01T00:00:00Z'),
          },
        ],
      }),
      from: at('2026-12-01T00:00:00Z'),
      to: at('2026-12-05T00:00:00Z'),
    });
    expect(points.map(p => [p.day, p.done, p.exempt])).toEqual([
      ['2026-12-01', 0, 0],
      ['2026-12-02', 0, 1],
      ['2026-12-03', 0, 1],
      ['2026-12-04', 0, 0],
      ['2026-12-05', 0, 0],
    ]);
  });

  it('judges a level goal by the level the entity had each day', () => {
    const points = replayBurnUp({
      entityRefs: [cart, shop],
      context: { ...pdbAndProbes, goal: { minLevel: 'silver' } },
      history: history({
        levelChanges: [
          {
            entityRef: cart,
            level: 'bronze',
            changedAt: at('2026-11-01T00:00:00Z'),
          },
          {
            entityRef: cart,
            level: 'gold',
            changedAt: at('2026-12-02T08:00:00Z'),
          },
          {
            entityRef: cart,
            level: 'bronze',
            changedAt: at('2026-12-03T08:00:00Z'),
          },
          {
            entityRef: shop,
            level: 'silver',
            changedAt: at('2026-12-03T08:00:00Z'),
          },
        ],
      }),
      from: at('2026-12-01T00:00:00Z'),
      to: at('2026-12-03T23:00:00Z'),
    });
    expect(points.map(p => p.done)).toEqual([0, 1, 1]);
  });

  it('takes the latest change of each day whatever order the history is in', () => {
    const checkChanges = [
      change(cart, 'kubernetes.probes', 'pass', '2026-11-01T08:00:00Z'),
      change(cart, 'kubernetes.pdb', 'fail', '2026-11-01T08:00:00Z'),
      change(cart, 'kubernetes.pdb', 'pass', '2026-11-20T08:00:00Z'),
      change(cart, 'kubernetes.pdb', 'fail', '2026-12-01T08:00:00Z'),
      change(cart, 'kubernetes.pdb', 'pass', '2026-12-01T09:00:00Z'),
      change(cart, 'kubernetes.pdb', 'fail', '2026-12-02T09:00:00Z'),
    ];
    const replay = (changes: CheckStatusChange[]) =>
      replayBurnUp({
        entityRefs: [cart],
        context: pdbAndProbes,
        history: history({ checkChanges: changes }),
        from: at('2026-11-30T00:00:00Z'),
        to: at('2026-12-02T10:00:00Z'),
      }).map(p => p.done);
    expect(replay(checkChanges)).toEqual([1, 1, 0]);
    expect(replay([...checkChanges].reverse())).toEqual([1, 1, 0]);
  });

  it('gives one point, as at `to`, when both are on the same day', () => {
    expect(
      replayBurnUp({
        entityRefs: [cart, shop],
        context: pdbAndProbes,
        history: history({
          checkChanges: [
            change(cart, 'kubernetes.pdb', 'pass', '2026-12-01T08:00:00Z'),
            change(cart, 'kubernetes.probes', 'pass', '2026-12-01T09:00:00Z'),
            change(shop, 'kubernetes.pdb', 'pass', '2026-12-01T08:00:00Z'),
            change(shop, 'kubernetes.probes', 'pass', '2026-12-01T11:00:00Z'),
          ],
        }),
        from: at('2026-12-01T06:00:00Z'),
        to: at('2026-12-01T10:00:00Z'),
      }),
    ).toEqual([{ day: '2026-12-01', total: 2, done: 1, exempt: 0 }]);
  });

  it('gives no point when `to` is before `from`', () => {
    expect(
      replayBurnUp({
        entityRefs: [cart],
        context: pdbAndProbes,
        history: history(),
        from: at('2026-12-02T00:00:00Z'),
        to: at('2026-12-01T00:00:00Z'),
      }),
    ).toEqual([]);
  });

  describe('over a fleet of 10,000 entities and 90 days', () => {
    const entityRefs = Array.from(
      { length: 10_000 },
      (_, i) => `component:default/svc-${i}`,
    );
    const from = at('2026-09-01T00:00:00Z');
    const day = 24 * 60 * 60 * 1000;
    // Every entity fails both checks from the start; most fix them on a day
    // of their own, some flap every other week, a tenth never fix them.
    const checkChanges = entityRefs.flatMap((ref, i) => {
      const start = change(
        ref,
        'kubernetes.pdb',
        'fail',
        '2026-08-01T00:00:00Z',
      );
      const probes = change(
        ref,
        'kubernetes.probes',
        'pass',
        '2026-08-01T00:00:00Z',
      );
      if (i % 10 === 0) return [start, probes];
      const times = i % 7 === 0 ? [14, 21, 28, 35, 42, 49] : [i % 90];
      return [
        start,
        probes,
        ...times.map((d, k) =>
          change(
            ref,
            'kubernetes.pdb',
            k % 2 ? 'fail' : 'pass',
            new Date(from.getTime() + d * day + 3_600_000).toISOString(),
          ),
        ),
      ];
    });

    it('judges each entity once, then again only on the days its inputs change', () => {
      const judge = jest.mocked(campaignStatus);
      judge.mockClear();
      const points = replayBurnUp({
        entityRefs,
        context: pdbAndProbes,
        history: history({ checkChanges }),
        from,
        to: new Date(from.getTime() + 89 * day + 3_600_000),
      });
      const changesInRange = checkChanges.filter(c => c.changedAt >= from);
      expect(points).toHaveLength(90);
      expect(judge.mock.calls.length).toBeLessThanOrEqual(
        entityRefs.length + changesInRange.length,
      );
      expect(points[89]).toEqual({
        day: '2026-11-29',
        total: 10_000,
        // Fixed for good: not the tenth that never fix, nor the 6-flip flappers.
        done: entityRefs.filter((_, i) => i % 10 !== 0 && i % 7 !== 0).length,
        exempt: 0,
      });
    });

    it('replays well under a second', () => {
      const started = performance.now();
      replayBurnUp({
        entityRefs,
        context: pdbAndProbes,
        history: history({ checkChanges }),
        from,
        to: new Date(from.getTime() + 89 * day),
      });
      expect(performance.now() - started).toBeLessThan(1000);
    });
  });
});
