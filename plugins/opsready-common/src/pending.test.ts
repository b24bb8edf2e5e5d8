import { computeScore } from './score';
import { pendingUntil, settlePending } from './pending';
import { CheckResult } from './types';

const DAY = 24 * 60 * 60 * 1000;
const firstSeenAt = new Date('2026-12-01T10:00:00Z');
const window = { firstSeenAt, pendingForMs: 7 * DAY };
const weights = new Map([
  ['health.uptime', 3],
  ['catalog.owner', 3],
]);
const results: CheckResult[] = [
  {
    checkId: 'health.uptime',
    status: 'pending',
    message: 'No declared health endpoint has been probed yet.',
  },
  { checkId: 'catalog.owner', status: 'pass', message: 'Owned.' },
];

describe('settlePending', () => {
  it('keeps a pending check pending, out of the score, until the window ends', () => {
    const now = new Date(firstSeenAt.getTime() + 6 * DAY);
    const settled = settlePending(results, window, now);
    expect(settled[0]).toEqual({
      ...results[0],
      pendingUntil: '2026-12-08T10:00:00.000Z',
    });
    expect(settled[1]).toBe(results[1]);
    expect(computeScore(settled, weights)).toBe(100);
  });

  it('counts a check still pending after the window as unknown, and not passed', () => {
    const now = new Date(firstSeenAt.getTime() + 7 * DAY);
    const settled = settlePending(results, window, now);
    expect(settled[0].status).toBe('unknown');
    expect(settled[0].pendingUntil).toBeUndefined();
    expect(settled[0].message).toBe(
      'No data arrived by 2026-12-08, the end of its pending time, so it counts as unknown now. No declared health endpoint has been probed yet.',
    );
    expect(computeScore(settled, weights)).toBe(50);
  });

  it('leaves results that are not pending alone, whenever it is', () => {
    const judged: CheckResult[] = [
      { checkId: 'health.uptime', status: 'unknown', message: 'No prober.' },
    ];
    expect(settlePending(judged, window, firstSeenAt)).toEqual(judged);
  });

  it('ends the window pendingFor after the entity was first seen', () => {
    expect(pendingUntil(window).toISOString()).toBe('2026-12-08T10:00:00.000Z');
  });
});
