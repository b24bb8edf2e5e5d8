import { Entity } from '@backstage/catalog-model';
import { CheckResult, defaultLevels } from '@opsready/plugin-opsready-common';
import { defaultScorecard } from './readScorecards';
import { scorecardsInForce, scoreScorecards } from './scoreScorecards';
import { ScorecardDefinition } from './types';

const checks = [
  { id: 'catalog.owner', weight: 1, severity: 'high' as const },
  { id: 'kubernetes.pdb', weight: 1, severity: 'medium' as const },
  { id: 'kubernetes.limits', weight: 2, severity: 'critical' as const },
];
const results: CheckResult[] = [
  { checkId: 'catalog.owner', status: 'pass', message: '' },
  { checkId: 'kubernetes.pdb', status: 'pass', message: '' },
  { checkId: 'kubernetes.limits', status: 'fail', message: '' },
];
const entity = (lifecycle: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'cart' },
  spec: { lifecycle },
});
const kubernetes: ScorecardDefinition = {
  id: 'kubernetes',
  title: 'Kubernetes',
  checks: ['kubernetes.*'],
  weights: new Map([['kubernetes.pdb', 3]]),
  levels: [{ name: 'ok', minScore: 50 }],
  appliesTo: { lifecycles: ['production'] },
};

describe('scoreScorecards', () => {
  it('scores the default scorecard as the single score always was', () => {
    const [outcome] = scoreScorecards(
      scorecardsInForce([defaultScorecard(defaultLevels)], checks),
      entity('production'),
      results,
      { warnCredit: 0.5 },
    );
    // 2 of 4 weight passes; gold would also need no failing critical check.
    expect(outcome).toMatchObject({
      scorecardId: 'production-readiness',
      score: 50,
      level: 'bronze',
    });
  });

  it("scores only the scorecard's checks, with its weights and levels", () => {
    const scored = scoreScorecards(
      scorecardsInForce([defaultScorecard(defaultLevels), kubernetes], checks),
      entity('production'),
      results,
      { warnCredit: 0.5 },
    );
    // pdb passes with weight 3 of 3 + 2.
    expect(scored[1]).toEqual({
      scorecardId: 'kubernetes',
      score: 60,
      level: 'ok',
      next: null,
    });
  });

  it('leaves out a scorecard whose scope does not cover the entity', () => {
    const scored = scoreScorecards(
      scorecardsInForce([kubernetes], checks),
      entity('experimental'),
      results,
      { warnCredit: 0.5 },
    );
    expect(scored).toEqual([]);
  });

  it('keeps exempted checks out of every scorecard', () => {
    const [outcome] = scoreScorecards(
      scorecardsInForce([kubernetes], checks),
      entity('production'),
      results,
      { warnCredit: 0.5, exempt: new Set(['kubernetes.limits']) },
    );
    expect(outcome.score).toBe(100);
  });

  it('gives no score where none of the scorecard checks applies', () => {
    const [outcome] = scoreScorecards(
      scorecardsInForce([kubernetes], checks),
      entity('production'),
      [{ checkId: 'catalog.owner', status: 'pass', message: '' }],
      { warnCredit: 0.5 },
    );
    expect(outcome).toMatchObject({ score: null, level: null });
  });
});
