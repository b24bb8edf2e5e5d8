import {
  CheckResult,
  CheckStatus,
  defaultLevels,
  Exemption,
} from '@opsready/plugin-opsready-common';
import { defaultScorecard } from '@opsready/plugin-opsready-node';
import { StoredEvaluation } from '../../database/EvaluationsStore';
import { CandidateScoring } from '../candidateConfig';
import { storePages } from '../evaluationPages';

/** The registered checks of the tests: docs is disabled in force. */
export const checks = [
  { id: 'kubernetes.pdb', weight: 1, severity: 'high' as const },
  { id: 'kubernetes.probes', weight: 1, severity: 'critical' as const },
  { id: 'catalog.owner', weight: 2, severity: 'medium' as const },
  { id: 'catalog.docs', weight: 1, severity: 'low' as const },
];

export const inForce: CandidateScoring = {
  disabledChecks: ['catalog.docs'],
  overrides: new Map(),
  warnCredit: 0.5,
  levels: defaultLevels,
  pendingForMs: 7 * 24 * 3600_000,
  scorecards: [defaultScorecard(defaultLevels)],
};

const evaluatedAt = new Date('2026-12-01T10:00:00Z');

export function evaluation(
  ref: string,
  statuses: Record<string, CheckStatus>,
): StoredEvaluation {
  const results: CheckResult[] = Object.entries(statuses).map(
    ([checkId, status]) => ({ checkId, status, message: status }),
  );
  return {
    entityRef: ref,
    kind: ref.split(':')[0],
    owner: 'group:default/payments',
    score: null,
    level: null,
    evaluatedAt,
    firstEvaluatedAt: new Date('2026-10-01T10:00:00Z'),
    results,
  };
}

/**
 * Two components at silver that a heavier PDB check drops to bronze, one at
 * gold throughout, one whose failing PDB check is exempted, and an API
 * whose critical check keeps it at silver.
 */
export const fleet = [
  evaluation('component:default/a', {
    'kubernetes.pdb': 'fail',
    'kubernetes.probes': 'pass',
    'catalog.owner': 'pass',
  }),
  evaluation('component:default/b', {
    'kubernetes.pdb': 'fail',
    'kubernetes.probes': 'pass',
    'catalog.owner': 'pass',
    // A result kept from before docs was disabled: counted by neither side.
    'catalog.docs': 'fail',
  }),
  evaluation('component:default/c', {
    'kubernetes.pdb': 'pass',
    'kubernetes.probes': 'pass',
    'catalog.owner': 'pass',
  }),
  evaluation('component:default/d', {
    'kubernetes.pdb': 'fail',
    'kubernetes.probes': 'pass',
    'catalog.owner': 'pass',
  }),
  evaluation('api:default/e', {
    'kubernetes.pdb': 'pass',
    'kubernetes.probes': 'fail',
    'catalog.owner': 'pass',
  }),
];

/** The stores over these evaluations, recording the pages asked for. */
export function storesOf(
  evaluations: StoredEvaluation[],
  exempt: Record<string, string[]> = {
    'component:default/d': ['kubernetes.pdb'],
  },
) {
  const pages: string[][] = [];
  const byRef = new Map(evaluations.map(e => [e.entityRef, e]));
  const store = {
    listEntityRefs: async () => [...byRef.keys()].reverse(),
    getEvaluations: async (refs: string[]) => {
      pages.push(refs);
      return new Map(
        refs.flatMap(r => (byRef.has(r) ? [[r, byRef.get(r)!]] : [])),
      );
    },
  };
  return {
    pages,
    evaluations: storePages(store),
    exemptions: {
      activeExemptionsOf: async (refs: string[]) =>
        new Map(
          refs
            .filter(r => exempt[r])
            .map(r => [
              r,
              exempt[r].map(checkId => ({ checkId } as Exemption)),
            ]),
        ),
    },
  };
}
