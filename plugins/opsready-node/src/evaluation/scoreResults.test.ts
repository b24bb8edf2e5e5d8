import { defaultLevels } from '@opsready/plugin-opsready-common';
import { scoreResults } from './scoreResults';

const DAY = 24 * 3600 * 1000;
const checks = [
  { id: 'kubernetes.no-literal-secrets', weight: 3, severity: 'critical' },
  { id: 'health.uptime', weight: 3, severity: 'high' },
  { id: 'catalog.docs', weight: 1, severity: 'low' },
] as const;
const settings = { warnCredit: 0.5, levels: defaultLevels, pendingForMs: DAY };
const firstSeenAt = new Date('2026-12-07T09:00:00Z');

describe('scoreResults', () => {
  const results = [
    {
      checkId: 'kubernetes.no-literal-secrets',
      status: 'pending',
      message: '',
    },
    { checkId: 'health.uptime', status: 'pass', message: '' },
    { checkId: 'catalog.docs', status: 'fail', message: '' },
  ] as const;

  it('leaves pending checks out of score and level while the entity is new', () => {
    const scored = scoreResults(checks, [...results], settings, {
      firstSeenAt,
      now: firstSeenAt,
    });
    expect(scored).toMatchObject({ score: 75, level: 'silver' });
    expect(scored.results[0].pendingUntil).toBe('2026-12-08T09:00:00.000Z');
  });

  it('counts them as unknown, and not passed, after the pending time', () => {
    const scored = scoreResults(checks, [...results], settings, {
      firstSeenAt,
      now: new Date(firstSeenAt.getTime() + DAY),
    });
    expect(scored.results[0].status).toBe('unknown');
    expect(scored).toMatchObject({ score: 43, level: null });
  });

  it('leaves exempted checks out of the score, but keeps their results', () => {
    const scored = scoreResults(checks, [...results], settings, {
      firstSeenAt,
      now: firstSeenAt,
      exempt: new Set(['catalog.docs']),
    });
    expect(scored.score).toBe(100);
    expect(scored.results).toHaveLength(3);
  });
});
