import { defaultScorecard } from '@opsready/plugin-opsready-node';
import { CandidateScoring } from './candidateConfig';
import { previewFleet } from './previewFleet';
import {
  checks,
  evaluation,
  fleet,
  inForce,
  storesOf,
} from './__testUtils__/fleet';

const heavierPdb: CandidateScoring = {
  ...inForce,
  overrides: new Map([['kubernetes.pdb', { weight: 3 }]]),
};

describe('previewFleet', () => {
  it('groups the entities whose level changes, with the change that causes it', async () => {
    const preview = await previewFleet({
      ...storesOf(fleet),
      checks,
      inForce,
      candidate: heavierPdb,
    });

    expect(preview.entities).toBe(5);
    expect(preview.changed).toBe(2);
    expect(preview.changes).toEqual(['kubernetes.pdb weight 1→3']);
    expect(preview.groups).toEqual([
      {
        summary: '2 components drop from silver to bronze',
        kind: 'component',
        from: 'silver',
        to: 'bronze',
        direction: 'down',
        count: 2,
        entities: [
          { entityRef: 'component:default/a', scoreBefore: 75, scoreAfter: 50 },
          { entityRef: 'component:default/b', scoreBefore: 75, scoreAfter: 50 },
        ],
        causes: [{ change: 'kubernetes.pdb weight 1→3', entities: 2 }],
      },
    ]);
    // a and b lose 25 points, e gains 8 (83 against 75), c and d keep theirs.
    expect(preview.scoreDelta).toEqual({
      min: -25,
      avg: -8.4,
      max: 8,
      scored: 5,
    });
    expect(preview.levelsBefore).toEqual({ silver: 3, gold: 2 });
    expect(preview.levelsAfter).toEqual({ bronze: 2, silver: 1, gold: 2 });
    expect(preview.notPreviewed).toEqual([]);
  });

  it('keeps exemptions out of both sides, so an exempted check changes nothing', async () => {
    const withoutExemption = await previewFleet({
      ...storesOf(fleet, {}),
      checks,
      inForce,
      candidate: heavierPdb,
    });
    // Without its exemption d is at silver (75) and drops with a and b.
    expect(withoutExemption.groups[0].summary).toBe(
      '3 components drop from silver to bronze',
    );
  });

  it('reads the fleet in pages, and answers as from one', async () => {
    const paged = storesOf(fleet);
    const preview = await previewFleet({
      ...paged,
      checks,
      inForce,
      candidate: heavierPdb,
      pageSize: 2,
    });
    expect(paged.pages.map(p => p.length)).toEqual([2, 2, 1]);
    const whole = await previewFleet({
      ...storesOf(fleet),
      checks,
      inForce,
      candidate: heavierPdb,
    });
    expect(preview).toEqual(whole);
  });

  it('lists at most entitiesPerGroup entities, and counts them all', async () => {
    const preview = await previewFleet({
      ...storesOf(fleet),
      checks,
      inForce,
      candidate: heavierPdb,
      entitiesPerGroup: 1,
    });
    expect(preview.groups[0].count).toBe(2);
    expect(preview.groups[0].entities).toHaveLength(1);
    expect(preview.entitiesPerGroup).toBe(1);
  });

  it('names level, warn credit and disabling changes as causes, and the ones it cannot preview', async () => {
    const warned = [
      evaluation('component:default/w', {
        'kubernetes.pdb': 'warn',
        'kubernetes.probes': 'pass',
        'catalog.owner': 'pass',
      }),
      ...fleet,
    ];
    const levels = [
      { name: 'bronze', minScore: 50 },
      { name: 'silver', minScore: 80 },
      { name: 'gold', minScore: 90, noFailingCritical: true },
    ];
    const preview = await previewFleet({
      ...storesOf(warned),
      checks,
      inForce,
      candidate: {
        ...inForce,
        disabledChecks: ['kubernetes.probes'],
        overrides: new Map([
          ['catalog.owner', { appliesTo: { kinds: ['Component'] } }],
        ]),
        warnCredit: 0,
        levels,
        scorecards: [defaultScorecard(levels)],
      },
    });

    expect(preview.changes).toEqual([
      'kubernetes.probes disabled',
      'catalog.owner appliesTo kinds any → Component',
      'warnCredit 0.5→0',
      'level silver minScore 75→80',
    ]);
    // The API's passing owner check no longer applies to it.
    expect(preview.notPreviewed).toEqual([
      {
        change: 'catalog.docs enabled',
        reason: expect.stringContaining('no results of it are stored'),
      },
    ]);
    const summaries = Object.fromEntries(
      preview.groups.map(g => [g.summary, g.causes]),
    );
    // w: 88 (a warn at half of 1 in 4) to 67 (nothing for it in 3); a and
    // b: 75 to 67 without their passing probes. Only w has a warn.
    expect(summaries['3 components drop from silver to bronze']).toEqual([
      { change: 'kubernetes.probes disabled', entities: 3 },
      { change: 'level silver minScore 75→80', entities: 3 },
      { change: 'warnCredit 0.5→0', entities: 1 },
    ]);
    // e: its failing critical check disabled, 100 and gold.
    expect(summaries['1 api rises from silver to gold']).toEqual([
      { change: 'kubernetes.probes disabled', entities: 1 },
      { change: 'catalog.owner appliesTo kinds any → Component', entities: 1 },
      { change: 'level silver minScore 75→80', entities: 1 },
    ]);
  });

  it('answers an empty fleet with no groups and no deltas', async () => {
    const preview = await previewFleet({
      ...storesOf([]),
      checks,
      inForce,
      candidate: heavierPdb,
    });
    expect(preview).toMatchObject({
      entities: 0,
      changed: 0,
      groups: [],
      scoreDelta: { min: null, avg: null, max: null, scored: 0 },
      levelsBefore: {},
      levelsAfter: {},
    });
  });
});
