/* Entities, checks, evaluations and campaigns the campaign tests share. */
import { Entity } from '@backstage/catalog-model';
import {
  CheckDescription,
  CheckResult,
  defaultLevels,
  Exemption,
} from '@opsready/plugin-opsready-common';
import { CampaignLaunchesStore } from '../../database/CampaignLaunchesStore';
import { StoredEvaluation } from '../../database/EvaluationsStore';
import { StoredCampaign } from '../types';

export const levels = defaultLevels;

const check = (
  id: string,
  title: string,
  remediation: string,
): CheckDescription => ({
  id,
  title,
  description: title,
  category: 'catalog',
  severity: 'high',
  weight: 1,
  remediation,
});

export const checks: CheckDescription[] = [
  check(
    'kubernetes.pdb',
    'Has a PodDisruptionBudget',
    'Add a PodDisruptionBudget.',
  ),
  check('catalog.docs', 'Has docs', 'Add TechDocs.'),
  check('catalog.owner', 'Has an owner', 'Set spec.owner.'),
];

export function service(
  name: string,
  owner = 'team-a',
  spec: Record<string, unknown> = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default' },
    spec: { type: 'service', lifecycle: 'production', owner, ...spec },
    relations: [{ type: 'ownedBy', targetRef: `group:default/${owner}` }],
  };
}

export const ref = (name: string) => `component:default/${name}`;

export function evaluated(
  name: string,
  results: Record<string, CheckResult['status']>,
  level: string | null = 'silver',
): StoredEvaluation {
  return {
    entityRef: ref(name),
    kind: 'component',
    owner: 'group:default/team-a',
    score: 80,
    level,
    evaluatedAt: new Date('2026-12-01T00:00:00Z'),
    results: Object.entries(results).map(([checkId, status]) => ({
      checkId,
      status,
      message: `${checkId} ${status}`,
    })),
  };
}

/** EvaluationsStore and ExemptionsStore reads over maps a test fills in. */
export function evaluationReads() {
  const latest = new Map<string, StoredEvaluation>();
  const exempt = new Map<string, string[]>();
  return {
    latest,
    exempt,
    evaluations: {
      getEvaluations: jest.fn(async (refs: string[]) => {
        const found = new Map<string, StoredEvaluation>();
        for (const r of refs) {
          const evaluation = latest.get(r);
          if (evaluation) found.set(r, evaluation);
        }
        return found;
      }),
    },
    exemptions: {
      activeExemptionsOf: jest.fn(async (refs: string[]) => {
        const found = new Map<string, Exemption[]>();
        for (const r of refs) {
          const checkIds = exempt.get(r);
          if (checkIds) {
            found.set(
              r,
              checkIds.map(checkId => ({ checkId } as Exemption)),
            );
          }
        }
        return found;
      }),
    },
  };
}

export function memoryLaunches(): CampaignLaunchesStore & {
  launched: Map<string, Date>;
} {
  const launched = new Map<string, Date>();
  return {
    launched,
    async isLaunched(campaignId) {
      return launched.has(campaignId);
    },
    async markLaunched(campaignId, at) {
      if (!launched.has(campaignId)) launched.set(campaignId, at);
    },
  };
}

export function campaign(extra: Partial<StoredCampaign> = {}): StoredCampaign {
  return {
    id: 'pdbs',
    name: 'PDBs everywhere',
    description: '',
    rationale: 'Node drains take services down.',
    goal: { checks: ['kubernetes.pdb'] },
    scope: { types: ['service'] },
    startsAt: '2026-12-01T00:00:00.000Z',
    deadline: '2027-01-31T00:00:00.000Z',
    owner: 'group:default/platform',
    enforce: true,
    state: 'active',
    createdBy: 'user:default/ada',
    createdAt: '2026-11-30T00:00:00.000Z',
    updatedAt: '2026-11-30T00:00:00.000Z',
    ...extra,
  };
}
