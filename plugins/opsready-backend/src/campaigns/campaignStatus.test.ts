import {
  CheckDescription,
  defaultLevels,
} from '@opsready/plugin-opsready-common';
import { campaignStatus, GoalContext } from './campaignStatus';

const description = (id: string, title: string): CheckDescription => ({
  id,
  title,
  description: '',
  category: 'kubernetes',
  severity: 'high',
  weight: 1,
  remediation: `Add a ${title}`,
});

const checks = new Map([
  ['kubernetes.pdb', description('kubernetes.pdb', 'PodDisruptionBudget')],
  ['kubernetes.probes', description('kubernetes.probes', 'Probes')],
]);

const context = (goal: GoalContext['goal']): GoalContext => ({
  goal,
  levels: defaultLevels,
  checks,
});

const results = (entries: Record<string, string>) =>
  new Map(
    Object.entries(entries).map(([id, status]) => [
      id,
      { status: status as any, message: `${id} is ${status}` },
    ]),
  );

const none = new Set<string>();

describe('campaignStatus', () => {
  const pdbAndProbes = context({
    checks: ['kubernetes.pdb', 'kubernetes.probes'],
  });

  it('is done when every goal check passes or does not apply', () => {
    expect(
      campaignStatus(pdbAndProbes, {
        results: results({
          'kubernetes.pdb': 'pass',
          'kubernetes.probes': 'not-applicable',
        }),
        level: null,
        exemptCheckIds: none,
      }),
    ).toEqual({ status: 'done', items: [] });
  });

  it('lists each check left with why it fails and how to fix it', () => {
    const standing = campaignStatus(pdbAndProbes, {
      results: results({
        'kubernetes.pdb': 'fail',
        'kubernetes.probes': 'warn',
      }),
      level: 'gold',
      exemptCheckIds: none,
    });
    expect(standing.status).toBe('open');
    expect(standing.items).toEqual([
      {
        type: 'check',
        checkId: 'kubernetes.pdb',
        title: 'PodDisruptionBudget',
        status: 'fail',
        message: 'kubernetes.pdb is fail',
        remediation: 'Add a PodDisruptionBudget',
      },
      expect.objectContaining({ checkId: 'kubernetes.probes', status: 'warn' }),
    ]);
  });

  it('counts a goal check never evaluated as left, not as passed', () => {
    const standing = campaignStatus(pdbAndProbes, {
      results: results({ 'kubernetes.pdb': 'pass' }),
      level: null,
      exemptCheckIds: none,
    });
    expect(standing.status).toBe('open');
    expect(standing.items).toEqual([
      expect.objectContaining({
        checkId: 'kubernetes.probes',
        status: 'unknown',
        message: 'Not evaluated yet',
      }),
    ]);
  });

  it('is exempt when the only checks left are exempted, and open when another is left', () => {
    const pdbFailing = results({
      'kubernetes.pdb': 'fail',
      'kubernetes.probes': 'pass',
    });
    expect(
      campaignStatus(pdbAndProbes, {
        results: pdbFailing,
        level: null,
        exemptCheckIds: new Set(['kubernetes.pdb']),
      }),
    ).toEqual({
      status: 'exempt',
      items: [expect.objectContaining({ checkId: 'kubernetes.pdb' })],
    });
    const bothFailing = campaignStatus(pdbAndProbes, {
      results: results({
        'kubernetes.pdb': 'fail',
        'kubernetes.probes': 'fail',
      }),
      level: null,
      exemptCheckIds: new Set(['kubernetes.pdb']),
    });
    expect(bothFailing.status).toBe('open');
    expect(bothFailing.items.map(item => item.checkId)).toEqual([
      'kubernetes.probes',
    ]);
  });

  it('asks for the level when it is not reached, whatever is exempted', () => {
    const silver = context({ minLevel: 'silver' });
    expect(
      campaignStatus(silver, {
        results: new Map(),
        level: 'gold',
        exemptCheckIds: none,
      }),
    ).toEqual({ status: 'done', items: [] });
    expect(
      campaignStatus(silver, {
        results: new Map(),
        level: 'bronze',
        exemptCheckIds: new Set(['kubernetes.pdb']),
      }),
    ).toEqual({
      status: 'open',
      items: [
        {
          type: 'level',
          title: 'Reach level silver',
          currentLevel: 'bronze',
          requiredLevel: 'silver',
        },
      ],
    });
    expect(
      campaignStatus(silver, {
        results: new Map(),
        level: null,
        exemptCheckIds: none,
      }).status,
    ).toBe('open');
  });
});
