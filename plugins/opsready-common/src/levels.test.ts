import { computeLevel, defaultLevels, isAtLeastLevel } from './levels';
import { CheckResult, CheckSeverity } from './types';

const severities = new Map<string, CheckSeverity>([
  ['secrets', 'critical'],
  ['docs', 'low'],
]);
const results = (
  statuses: Record<string, CheckResult['status']>,
): Pick<CheckResult, 'checkId' | 'status'>[] =>
  Object.entries(statuses).map(([checkId, status]) => ({ checkId, status }));

describe('computeLevel', () => {
  it('gives the highest level reached and what the next needs', () => {
    expect(
      computeLevel(80, results({ docs: 'fail' }), severities, defaultLevels),
    ).toEqual({
      level: 'silver',
      next: {
        name: 'gold',
        minScore: 90,
        pointsNeeded: 10,
        blockingChecks: [],
      },
    });
  });

  it('holds gold back while a critical check fails, naming it', () => {
    expect(
      computeLevel(95, results({ secrets: 'fail' }), severities, defaultLevels),
    ).toEqual({
      level: 'silver',
      next: {
        name: 'gold',
        minScore: 90,
        pointsNeeded: 0,
        blockingChecks: ['secrets'],
      },
    });
  });

  it('treats an unknown critical check as not passed', () => {
    expect(
      computeLevel(
        100,
        results({ secrets: 'unknown' }),
        severities,
        defaultLevels,
      ).level,
    ).toBe('silver');
  });

  it('does not hold a level back for a critical check that is pending', () => {
    expect(
      computeLevel(
        95,
        results({ secrets: 'pending' }),
        severities,
        defaultLevels,
      ),
    ).toEqual({ level: 'gold', next: null });
  });

  it('reaches the top level with nothing next', () => {
    expect(
      computeLevel(90, results({ secrets: 'pass' }), severities, defaultLevels),
    ).toEqual({ level: 'gold', next: null });
  });

  it('has no level below the lowest, and none without a score', () => {
    expect(computeLevel(49, [], severities, defaultLevels)).toEqual({
      level: null,
      next: {
        name: 'bronze',
        minScore: 50,
        pointsNeeded: 1,
        blockingChecks: [],
      },
    });
    expect(computeLevel(null, [], severities, defaultLevels)).toEqual({
      level: null,
      next: null,
    });
  });

  it('takes levels in order of minimum score whatever the config order', () => {
    const shuffled = [defaultLevels[2], defaultLevels[0], defaultLevels[1]];
    expect(computeLevel(76, [], severities, shuffled).level).toBe('silver');
  });
});

describe('isAtLeastLevel', () => {
  it('compares levels in their configured order', () => {
    expect(isAtLeastLevel('gold', 'silver', defaultLevels)).toBe(true);
    expect(isAtLeastLevel('silver', 'silver', defaultLevels)).toBe(true);
    expect(isAtLeastLevel('bronze', 'silver', defaultLevels)).toBe(false);
    expect(isAtLeastLevel(null, 'bronze', defaultLevels)).toBe(false);
  });

  it('refuses a level that is not configured', () => {
    expect(() => isAtLeastLevel('gold', 'platinum', defaultLevels)).toThrow(
      "Unknown level 'platinum'; the levels are bronze, silver, gold",
    );
  });
});
