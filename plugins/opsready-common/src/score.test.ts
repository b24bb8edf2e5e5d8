import { computeScore } from './score';
import { CheckResult } from './types';

const weights = new Map([
  ['owner', 2],
  ['docs', 1],
  ['probes', 1],
  ['display-only', 0],
]);

function results(
  statuses: Record<string, CheckResult['status']>,
): CheckResult[] {
  return Object.entries(statuses).map(([checkId, status]) => ({
    checkId,
    status,
    message: '',
  }));
}

describe('computeScore', () => {
  it('is the weighted share of checks passed', () => {
    // owner (2) passes, docs (1) and probes (1) fail: 2 of 4.
    expect(
      computeScore(
        results({ owner: 'pass', docs: 'fail', probes: 'fail' }),
        weights,
      ),
    ).toBe(50);
  });

  it('gives a warn half its weight unless configured otherwise', () => {
    const warned = results({ owner: 'pass', docs: 'warn', probes: 'pass' });
    expect(computeScore(warned, weights)).toBe(88); // 3.5 of 4, rounded
    expect(computeScore(warned, weights, { warnCredit: 0 })).toBe(75);
  });

  it('leaves out checks that do not apply and checks of weight 0', () => {
    expect(
      computeScore(
        results({
          owner: 'pass',
          docs: 'not-applicable',
          probes: 'not-applicable',
          'display-only': 'fail',
        }),
        weights,
      ),
    ).toBe(100);
  });

  it('never lets a missing fact source or a broken check raise the score', () => {
    expect(
      computeScore(
        results({ owner: 'pass', docs: 'unknown', probes: 'error' }),
        weights,
      ),
    ).toBe(50);
  });

  it('leaves pending checks out of both what was earned and what was possible', () => {
    // owner (2) passes, docs (1) waits for its first data, probes (1) passes:
    // 3 of 3, where counting docs as not passed would give 3 of 4.
    expect(
      computeScore(
        results({ owner: 'pass', docs: 'pending', probes: 'pass' }),
        weights,
      ),
    ).toBe(100);
    expect(
      computeScore(
        results({ owner: 'pass', docs: 'pending', probes: 'fail' }),
        weights,
      ),
    ).toBe(67);
    expect(computeScore(results({ docs: 'pending' }), weights)).toBeNull();
  });

  it('is null, not 0 or 100, when nothing scored applies', () => {
    expect(computeScore([], weights)).toBeNull();
    expect(
      computeScore(results({ docs: 'not-applicable' }), weights),
    ).toBeNull();
  });
});
