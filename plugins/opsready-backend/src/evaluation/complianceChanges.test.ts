import { defaultLevels } from '@opsready/plugin-opsready-common';
import { complianceChanges, EvaluationOutcome } from './complianceChanges';

const entityRef = 'component:default/cartservice';
const at = new Date('2026-12-08T10:00:00Z');
const checks = [
  { id: 'catalog.owner', title: 'Has an owner', severity: 'critical' as const },
  {
    id: 'delivery.no-stale-critical-errors',
    title: 'No stale critical errors',
    severity: 'critical' as const,
  },
  { id: 'kubernetes.pdb', title: 'Has a PDB', severity: 'medium' as const },
];

const outcome = (
  level: string | null,
  statuses: Record<string, EvaluationOutcome['results'][number]['status']>,
): EvaluationOutcome => ({
  level,
  results: Object.entries(statuses).map(([checkId, status]) => ({
    checkId,
    status,
  })),
});

const changes = (
  previous: EvaluationOutcome | undefined,
  current: EvaluationOutcome,
  extra: { exempt?: Set<string>; levels?: typeof defaultLevels } = {},
) =>
  complianceChanges({
    entityRef,
    previous,
    current,
    checks,
    levels: extra.levels ?? defaultLevels,
    exempt: extra.exempt,
    at,
  });

describe('complianceChanges', () => {
  it('says nothing of a first evaluation, however bad', () => {
    expect(
      changes(undefined, outcome(null, { 'catalog.owner': 'fail' })),
    ).toEqual([]);
  });

  it('reports a drop in the configured order of levels, not the alphabet', () => {
    expect(changes(outcome('gold', {}), outcome('bronze', {}))).toEqual([
      {
        type: 'compliance.level-dropped',
        entityRef,
        from: 'gold',
        to: 'bronze',
        at: '2026-12-08T10:00:00.000Z',
      },
    ]);
    // silver < gold alphabetically too; bronze → silver is a rise.
    expect(changes(outcome('bronze', {}), outcome('silver', {}))).toEqual([]);
    expect(changes(outcome('silver', {}), outcome('silver', {}))).toEqual([]);
  });

  it('reports falling below every level as a drop to none, and rising from none as nothing', () => {
    expect(changes(outcome('bronze', {}), outcome(null, {}))).toEqual([
      expect.objectContaining({ from: 'bronze', to: 'none' }),
    ]);
    expect(changes(outcome(null, {}), outcome('bronze', {}))).toEqual([]);
  });

  it('follows levels configured in another order than their scores', () => {
    const levels = [
      { name: 'top', minScore: 90 },
      { name: 'base', minScore: 10 },
    ];
    expect(
      changes(outcome('top', {}), outcome('base', {}), { levels }),
    ).toEqual([expect.objectContaining({ from: 'top', to: 'base' })]);
  });

  it('does not compare with a level the configuration no longer has', () => {
    expect(changes(outcome('platinum', {}), outcome('gold', {}))).toEqual([]);
  });

  it('reports each critical check that turned to fail, once, with its title', () => {
    const events = changes(
      outcome('gold', {
        'catalog.owner': 'pass',
        'delivery.no-stale-critical-errors': 'fail',
        'kubernetes.pdb': 'pass',
      }),
      outcome('gold', {
        'catalog.owner': 'fail',
        // Failing before too: not news.
        'delivery.no-stale-critical-errors': 'fail',
        // Not critical.
        'kubernetes.pdb': 'fail',
      }),
    );
    expect(events).toEqual([
      {
        type: 'compliance.check-failing',
        entityRef,
        checkId: 'catalog.owner',
        title: 'Has an owner',
        at: '2026-12-08T10:00:00.000Z',
      },
    ]);
  });

  it('counts a check failing after pending, unknown or absent as starting to fail', () => {
    const events = changes(
      outcome('gold', { 'catalog.owner': 'pending' }),
      outcome('gold', {
        'catalog.owner': 'fail',
        'delivery.no-stale-critical-errors': 'fail',
      }),
    );
    expect(
      events.map(e => e.type === 'compliance.check-failing' && e.checkId),
    ).toEqual(['catalog.owner', 'delivery.no-stale-critical-errors']);
    // Unknown and error are not `fail`.
    expect(
      changes(
        outcome('gold', { 'catalog.owner': 'pass' }),
        outcome('gold', { 'catalog.owner': 'unknown' }),
      ),
    ).toEqual([]);
  });

  it('leaves out an exempted check', () => {
    expect(
      changes(
        outcome('gold', { 'catalog.owner': 'pass' }),
        outcome('gold', { 'catalog.owner': 'fail' }),
        { exempt: new Set(['catalog.owner']) },
      ),
    ).toEqual([]);
  });

  it('reports a drop and the failure that caused it together', () => {
    expect(
      changes(
        outcome('gold', { 'catalog.owner': 'pass' }),
        outcome('silver', { 'catalog.owner': 'fail' }),
      ).map(e => e.type),
    ).toEqual(['compliance.level-dropped', 'compliance.check-failing']);
  });
});
