import {
  campaignInputBody,
  campaignPatchBody,
  CampaignRules,
  checkPatch,
  parseCampaignBody,
} from './campaignInput';
import { StoredCampaign } from './types';

const rules: CampaignRules = {
  checks: () => [
    { id: 'kubernetes.pdb' },
    { id: 'catalog.owner' },
    { id: 'catalog.docs' },
  ],
  levels: [{ name: 'bronze' }, { name: 'silver' }, { name: 'gold' }],
};
const now = () => new Date('2026-12-01T10:00:00Z');

const valid = {
  name: '  PDBs everywhere ',
  goal: { checks: ['kubernetes.pdb'], minLevel: 'silver' },
  startsAt: '2026-12-01T00:00:00Z',
  deadline: '2027-01-31T00:00:00Z',
  owner: 'platform',
};

const parseInput = (body: unknown) =>
  parseCampaignBody(campaignInputBody(rules, now), body);
const problem = (body: unknown) => {
  try {
    parseInput(body);
  } catch (error) {
    return (error as Error).message;
  }
  return 'accepted';
};

describe('campaignInputBody', () => {
  it('takes a campaign, with defaults and refs made full', () => {
    expect(
      parseInput({
        ...valid,
        goal: {
          checks: ['kubernetes.pdb', 'kubernetes.pdb'],
          minLevel: null,
        },
        scope: {
          kinds: ['Component'],
          owners: ['team-a', 'group:default/Team-B'],
          tags: [],
        },
      }),
    ).toEqual({
      name: 'PDBs everywhere',
      description: '',
      rationale: '',
      goal: { checks: ['kubernetes.pdb'] },
      scope: {
        kinds: ['Component'],
        owners: ['group:default/team-a', 'group:default/team-b'],
      },
      startsAt: new Date('2026-12-01T00:00:00Z'),
      deadline: new Date('2027-01-31T00:00:00Z'),
      owner: 'group:default/platform',
      enforce: false,
    });
  });

  it('refuses what makes no campaign, naming the field', () => {
    const cases: Array<[unknown, string]> = [
      [
        { ...valid, deadline: valid.startsAt },
        'Invalid campaign: deadline: must be after startsAt',
      ],
      [
        {
          ...valid,
          startsAt: '2026-11-01T00:00:00Z',
          deadline: '2026-11-30T00:00:00Z',
        },
        'Invalid campaign: deadline: must be in the future',
      ],
      [
        { ...valid, deadline: 'end of january' },
        'Invalid campaign: deadline: must be an ISO 8601 date-time, e.g. 2026-11-22T10:00:00Z',
      ],
      [
        { ...valid, goal: {} },
        'Invalid campaign: goal: must name checks to pass, a minLevel, or both',
      ],
      [
        { ...valid, goal: { checks: [], minLevel: null } },
        'Invalid campaign: goal: must name checks to pass, a minLevel, or both',
      ],
      [
        { ...valid, goal: { checks: ['kubernetes.pdb', 'k8s.pdb'] } },
        "Invalid campaign: goal.checks.1: unknown check 'k8s.pdb'; the checks are kubernetes.pdb, catalog.owner, catalog.docs",
      ],
      [
        { ...valid, goal: { minLevel: 'platinum' } },
        "Invalid campaign: goal.minLevel: unknown level 'platinum'; the levels are bronze, silver, gold",
      ],
      [
        { ...valid, owner: 'user:default/ada' },
        "Invalid campaign: owner: 'user:default/ada' is not a group, e.g. group:default/platform",
      ],
      [
        { ...valid, owner: undefined },
        'Invalid campaign: owner: is required, e.g. group:default/platform',
      ],
      [
        { ...valid, scope: { kinds: ['Compo nent'] } },
        'Invalid campaign: scope.kinds.0: must be an entity kind, e.g. Component',
      ],
      [
        { ...valid, scope: { annotations: ['=1'] } },
        'Invalid campaign: scope.annotations.0: must be key (present) or key=value, e.g. opsready.io/tier=1',
      ],
      [
        { ...valid, name: '  ' },
        'Invalid campaign: name: String must contain at least 1 character(s)',
      ],
    ];
    const wrong = cases.flatMap(([body, message]) => {
      const got = problem(body);
      return got === message ? [] : [`${JSON.stringify(body)}: ${got}`];
    });
    expect(wrong).toEqual([]);
  });

  it('keeps the list of checks in a message short', () => {
    const many: CampaignRules = {
      ...rules,
      checks: () =>
        Array.from({ length: 200 }, (_, i) => ({ id: `custom.check-${i}` })),
    };
    const message = (() => {
      try {
        parseCampaignBody(campaignInputBody(many, now), {
          ...valid,
          goal: { checks: ['nope'] },
        });
      } catch (error) {
        return (error as Error).message;
      }
      return '';
    })();
    expect(message).toMatch(
      /^Invalid campaign: goal\.checks\.0: unknown check 'nope'; the checks are custom\.check-0, .* and \d+ more$/,
    );
    expect(message.length).toBeLessThan(400);
  });
});

describe('campaignPatchBody and checkPatch', () => {
  const current: StoredCampaign = {
    id: 'c1',
    name: 'PDBs everywhere',
    description: '',
    rationale: '',
    goal: { checks: ['kubernetes.pdb'] },
    scope: {},
    startsAt: '2026-12-01T00:00:00.000Z',
    deadline: '2027-01-31T00:00:00.000Z',
    owner: 'group:default/platform',
    enforce: false,
    state: 'active',
    createdBy: 'user:default/ada',
    createdAt: '2026-11-30T00:00:00.000Z',
    updatedAt: '2026-11-30T00:00:00.000Z',
  };
  const patchProblem = (patch: unknown, campaign: StoredCampaign = current) => {
    try {
      checkPatch(campaign, parseCampaignBody(campaignPatchBody(rules), patch));
    } catch (error) {
      return (error as Error).message;
    }
    return 'accepted';
  };

  it('takes an edit of any field, a pause, a resume of a paused campaign and an end', () => {
    expect(patchProblem({ deadline: '2027-02-28T00:00:00Z' })).toBe('accepted');
    expect(patchProblem({ state: 'paused', note: 'Freeze' })).toBe('accepted');
    expect(
      patchProblem({ state: 'active' }, { ...current, state: 'paused' }),
    ).toBe('accepted');
    expect(patchProblem({ state: 'ended' })).toBe('accepted');
  });

  it('refuses transitions that make no sense, and dates out of order', () => {
    expect(patchProblem({ state: 'active' })).toBe(
      'Invalid campaign: state: only a paused campaign can be resumed, and it is active',
    );
    expect(
      patchProblem({ state: 'paused' }, { ...current, state: 'paused' }),
    ).toBe('Invalid campaign: state: the campaign is paused already');
    expect(
      patchProblem({ name: 'Again' }, { ...current, state: 'ended' }),
    ).toBe(
      'Invalid campaign: state: the campaign has ended; an ended campaign is final',
    );
    expect(patchProblem({ deadline: '2026-11-01T00:00:00Z' })).toBe(
      'Invalid campaign: deadline: must be after startsAt (2026-12-01T00:00:00.000Z)',
    );
    expect(patchProblem({ startsAt: '2027-02-01T00:00:00Z' })).toBe(
      'Invalid campaign: startsAt: must be before the deadline (2027-01-31T00:00:00.000Z)',
    );
    expect(patchProblem({ note: 'Only a note' })).toBe(
      'Invalid campaign: changes nothing: give a field to edit, or a state',
    );
    expect(patchProblem({ state: 'done' })).toMatch(
      /^Invalid campaign: state: Invalid enum value\. Expected 'active' \| 'paused' \| 'ended', received 'done'$/,
    );
  });
});
