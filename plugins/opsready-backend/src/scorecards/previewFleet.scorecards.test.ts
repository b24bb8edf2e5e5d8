import { CheckStatus, defaultLevels } from '@opsready/plugin-opsready-common';
import {
  defaultScorecard,
  ScorecardDefinition,
} from '@opsready/plugin-opsready-node';
import { EntityScope } from '../database/EvaluationsStore';
import { CandidateScoring } from './candidateConfig';
import { previewFleet } from './previewFleet';
import { checks, evaluation, inForce, storesOf } from './__testUtils__/fleet';

const readiness: ScorecardDefinition = {
  ...defaultScorecard(defaultLevels),
  id: 'readiness',
  title: 'Readiness',
};
const security: ScorecardDefinition = {
  id: 'security',
  title: 'Security',
  checks: ['kubernetes.*'],
  weights: new Map([['kubernetes.pdb', 1]]),
  levels: [{ name: 'safe', minScore: 50 }],
  appliesTo: { lifecycles: ['production'] },
};

const scoped = (
  ref: string,
  lifecycle: string | null,
  statuses: Record<string, CheckStatus>,
) => {
  const scope: EntityScope = { type: 'service', lifecycle, tags: [] };
  return { ...evaluation(ref, statuses), scope };
};

const fleet = [
  scoped('component:default/p1', 'production', {
    'kubernetes.pdb': 'pass',
    'kubernetes.probes': 'fail',
    'catalog.owner': 'pass',
  }),
  scoped('component:default/p2', 'production', {
    'kubernetes.pdb': 'fail',
    'kubernetes.probes': 'pass',
    'catalog.owner': 'pass',
  }),
  scoped('component:default/x1', 'experimental', {
    'kubernetes.pdb': 'fail',
    'kubernetes.probes': 'pass',
    // Out of the owner check's scope in force (see below).
    'catalog.owner': 'not-applicable',
  }),
  // Evaluated before type, lifecycle and tags were kept.
  evaluation('component:default/old', {
    'kubernetes.pdb': 'pass',
    'kubernetes.probes': 'pass',
    'catalog.owner': 'pass',
  }),
];

const withScorecards: CandidateScoring = {
  ...inForce,
  scorecards: [readiness, security],
};

const preview = (before: CandidateScoring, after: CandidateScoring) =>
  previewFleet({
    ...storesOf(fleet, {}),
    checks,
    inForce: before,
    candidate: after,
  });

describe('previewFleet with several scorecards', () => {
  it('previews each scorecard: weights, levels and who enters its scope', async () => {
    const result = await preview(withScorecards, {
      ...withScorecards,
      scorecards: [
        readiness,
        {
          ...security,
          weights: new Map([['kubernetes.pdb', 3]]),
          levels: [{ name: 'safe', minScore: 70 }],
          appliesTo: { lifecycles: ['production', 'experimental'] },
        },
      ],
    });

    // The entity's score is readiness's, which nothing changes.
    expect(result).toMatchObject({ entities: 4, changed: 0, groups: [] });
    expect(result.scorecards.map(s => [s.id, s.status])).toEqual([
      ['readiness', 'unchanged'],
      ['security', 'changed'],
    ]);
    const [, sec] = result.scorecards;
    expect(sec.changes).toEqual([
      'security: scope lifecycles production → production, experimental',
      'security: weight of kubernetes.pdb 1→3',
      'security: level safe minScore 50→70',
    ]);
    // p1 stays safe (50 → 75), p2 drops (50 → 25), x1 enters at 25.
    expect(sec).toMatchObject({
      entities: 3,
      changed: 2,
      levelsBefore: { safe: 2 },
      levelsAfter: { safe: 1, none: 2 },
      scoreDelta: { min: -25, max: 25, scored: 2 },
    });
    expect(
      sec.groups.map(g => ({
        summary: g.summary,
        scope: g.scope,
        causes: g.causes,
      })),
    ).toEqual([
      {
        summary: '1 component drops from safe to no level',
        scope: undefined,
        causes: [
          { change: 'security: weight of kubernetes.pdb 1→3', entities: 1 },
          { change: 'security: level safe minScore 50→70', entities: 1 },
        ],
      },
      {
        summary: '1 component enters the scorecard below every level',
        scope: 'entering',
        causes: [
          {
            change:
              'security: scope lifecycles production → production, experimental',
            entities: 1,
          },
        ],
      },
    ]);
    // old's lifecycle is not known: left out of security's figures, said so.
    expect(result.notPreviewed).toEqual([
      {
        change: 'security scope',
        reason: expect.stringContaining(
          '1 entity was last evaluated before type, lifecycle and tags were kept: scope unknown until next evaluation',
        ),
      },
    ]);
  });

  it('previews a check scope narrowed by lifecycle, and reports one widened', async () => {
    const before: CandidateScoring = {
      ...inForce,
      overrides: new Map([
        ['catalog.owner', { appliesTo: { lifecycles: ['production'] } }],
      ]),
    };
    const result = await preview(before, {
      ...inForce,
      overrides: new Map([
        ['kubernetes.pdb', { appliesTo: { lifecycles: ['production'] } }],
      ]),
    });

    expect(result.changes).toEqual([
      'kubernetes.pdb appliesTo lifecycles any → production',
      'catalog.owner appliesTo lifecycles production → any',
    ]);
    // x1's failing PDB check no longer applies: 50 (bronze) → 100 (gold).
    expect(result.groups).toEqual([
      expect.objectContaining({
        summary: '1 component rises from bronze to gold',
        causes: [
          {
            change: 'kubernetes.pdb appliesTo lifecycles any → production',
            entities: 1,
          },
        ],
      }),
    ]);
    expect(result.notPreviewed).toEqual([
      {
        change: 'catalog.owner appliesTo',
        reason: expect.stringMatching(/^1 entity comes into the check's scope/),
      },
      {
        change: 'kubernetes.pdb appliesTo',
        reason: expect.stringContaining('scope unknown until next evaluation'),
      },
      {
        change: 'catalog.owner appliesTo',
        reason: expect.stringContaining('scope unknown until next evaluation'),
      },
    ]);
  });

  it('previews scorecards added and removed, and a new first scorecard', async () => {
    const result = await preview(withScorecards, {
      ...withScorecards,
      scorecards: [
        {
          ...readiness,
          id: 'apis',
          title: 'APIs',
          appliesTo: { kinds: ['API'] },
        },
        readiness,
      ],
    });
    expect(
      result.scorecards.map(s => ({
        id: s.id,
        status: s.status,
        changed: s.changed,
      })),
    ).toEqual([
      // No API in the fleet: nothing enters it.
      { id: 'apis', status: 'added', changed: 0 },
      { id: 'readiness', status: 'unchanged', changed: 0 },
      // p1 and p2 leave it; old's lifecycle is not known.
      { id: 'security', status: 'removed', changed: 2 },
    ]);
    expect(result.scorecards[2].groups[0]).toMatchObject({
      summary: '2 components leave the scorecard from safe',
      scope: 'leaving',
      causes: [{ change: 'security: scorecard removed', entities: 2 }],
    });
    // The entity's score is now the APIs scorecard's, which covers none of
    // the components: each goes to no level.
    expect(result.levelsAfter).toEqual({ none: 4 });
  });
});
