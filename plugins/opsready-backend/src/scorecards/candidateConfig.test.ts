import { candidateOf, readCandidate } from './candidateConfig';
import { checks, inForce } from './__testUtils__/fleet';

const known = new Set(checks.map(c => c.id));
const read = (body: unknown) => readCandidate(body, inForce, known);

describe('readCandidate', () => {
  it('reads a candidate as app-config is read, keeping how long checks may stay pending', () => {
    const candidate = read({
      checks: {
        disabled: ['catalog.docs'],
        overrides: { 'kubernetes.pdb': { weight: 3 } },
      },
      scoring: { warnCredit: 0.25, levels: [{ name: 'ok', minScore: 60 }] },
    });
    expect(candidate).toEqual({
      disabledChecks: ['catalog.docs'],
      overrides: new Map([
        ['kubernetes.pdb', { weight: 3, appliesTo: undefined }],
      ]),
      warnCredit: 0.25,
      levels: [{ name: 'ok', minScore: 60, noFailingCritical: false }],
      pendingForMs: inForce.pendingForMs,
      // Without scorecards, the one app-config without them has.
      scorecards: [
        expect.objectContaining({
          id: 'production-readiness',
          checks: ['*'],
          levels: [{ name: 'ok', minScore: 60, noFailingCritical: false }],
        }),
      ],
    });
  });

  it('reads scorecards as opsready.scorecards is read', () => {
    const candidate = read({
      scorecards: [
        {
          id: 'security',
          title: 'Security',
          checks: ['kubernetes.*'],
          weights: { 'kubernetes.pdb': 3 },
          levels: [{ name: 'safe', minScore: 85 }],
          appliesTo: { lifecycles: ['production'] },
        },
      ],
    });
    expect(candidate.scorecards).toEqual([
      {
        id: 'security',
        title: 'Security',
        description: undefined,
        checks: ['kubernetes.*'],
        weights: new Map([['kubernetes.pdb', 3]]),
        levels: [{ name: 'safe', minScore: 85, noFailingCritical: false }],
        appliesTo: {
          kinds: undefined,
          types: undefined,
          lifecycles: ['production'],
          tags: undefined,
        },
      },
    ]);
  });

  it.each([
    [
      { scoring: { warnCredit: 2 } },
      'Invalid candidate: opsready.scoring.warnCredit is a share from 0 to 1, got 2',
    ],
    [
      { scoring: { levels: [{ name: 'gold', minScore: 'high' }] } },
      'opsready.scoring.levels[0].minScore',
    ],
    [
      { checks: { overrides: { 'kubernetes.pdb': { weight: -1 } } } },
      'opsready.checks.overrides.kubernetes.pdb.weight must be a number of 0 or more, got -1',
    ],
    [
      { checks: { disabled: ['kubernetes.pbd'] } },
      "Invalid candidate: opsready.checks.disabled: no check has the id 'kubernetes.pbd'",
    ],
    [[], 'Invalid candidate: must be an object'],
    [
      { scorecards: [{ id: 'Security', title: 'Security' }] },
      "Invalid candidate: opsready.scorecards[0].id must be lowercase letters, digits and dashes (at most 63), got 'Security'",
    ],
    [
      { scorecards: [{ id: 'security', title: 'S', checks: ['k8s.*'] }] },
      "Invalid candidate: opsready.scorecards[0].checks: 'k8s.*' matches no check in force",
    ],
    [
      {
        checks: { disabled: ['catalog.docs'] },
        scorecards: [{ id: 'docs', title: 'Docs', checks: ['catalog.docs'] }],
      },
      "opsready.scorecards[0].checks: 'catalog.docs' matches no check in force",
    ],
    [
      {
        scorecards: [
          {
            id: 'security',
            title: 'Security',
            checks: ['kubernetes.*'],
            weights: { 'catalog.owner': 2 },
          },
        ],
      },
      "opsready.scorecards[0].weights: 'catalog.owner' is not a check of scorecard 'security'",
    ],
  ])('refuses %j with a message naming the key', (body, message) => {
    expect(() => read(body)).toThrow(
      expect.objectContaining({
        name: 'InputError',
        message: expect.stringContaining(message),
      }),
    );
  });
});

describe('candidateOf', () => {
  it('shows scorecards with their own weights, levels and scope, which read back the same', () => {
    const scorecards = read({
      scorecards: [
        { id: 'readiness', title: 'Readiness' },
        {
          id: 'security',
          title: 'Security',
          checks: ['kubernetes.*'],
          weights: { 'kubernetes.pdb': 3 },
          levels: [{ name: 'safe', minScore: 85 }],
          appliesTo: { lifecycles: ['production'] },
        },
      ],
    }).scorecards;
    const shown = candidateOf({ ...inForce, scorecards });
    expect(shown.scorecards).toEqual([
      { id: 'readiness', title: 'Readiness', checks: ['*'] },
      {
        id: 'security',
        title: 'Security',
        checks: ['kubernetes.*'],
        weights: { 'kubernetes.pdb': 3 },
        levels: [{ name: 'safe', minScore: 85, noFailingCritical: false }],
        appliesTo: { lifecycles: ['production'] },
      },
    ]);
    expect(
      candidateOf({ ...inForce, scorecards: read(shown).scorecards })
        .scorecards,
    ).toEqual(shown.scorecards);
  });

  it('gives the configuration in force in the shape a candidate takes, which reads back the same', () => {
    const config = {
      ...inForce,
      overrides: new Map([
        ['kubernetes.pdb', { weight: 2, appliesTo: { kinds: ['Component'] } }],
      ]),
    };
    const shown = candidateOf(config);
    expect(shown).toEqual({
      checks: {
        disabled: ['catalog.docs'],
        overrides: {
          'kubernetes.pdb': { weight: 2, appliesTo: { kinds: ['Component'] } },
        },
      },
      scoring: {
        warnCredit: 0.5,
        levels: [
          { name: 'bronze', minScore: 50, noFailingCritical: false },
          { name: 'silver', minScore: 75, noFailingCritical: false },
          { name: 'gold', minScore: 90, noFailingCritical: true },
        ],
      },
      // Its levels are `scoring.levels`, so they are left to inherit them.
      scorecards: [
        {
          id: 'production-readiness',
          title: 'Production readiness',
          description: expect.any(String),
          checks: ['*'],
        },
      ],
    });
    expect(read(shown)).toMatchObject({
      disabledChecks: config.disabledChecks,
      warnCredit: config.warnCredit,
    });
  });
});
