import { downTimeShare } from './downTimeShare';

const now = new Date('2026-12-07T12:00:00Z');
const minutesAgo = (m: number) =>
  new Date(now.getTime() - m * 60_000).toISOString();
const last = (minutes: number) => ({
  from: new Date(now.getTime() - minutes * 60_000),
  to: now,
});
const state = (status: 'up' | 'down' | 'unknown') => ({
  state: {
    status,
    consecutiveSuccesses: 0,
    consecutiveFailures: 0,
    recentTransitions: [],
    flapping: false,
  },
});

describe('downTimeShare', () => {
  it('is the whole window for an endpoint down since before it, and none for one up', () => {
    const wentDown = [
      { from: 'up' as const, to: 'down' as const, at: minutesAgo(90) },
    ];
    expect(downTimeShare(state('down'), wentDown, last(30))).toBe(1);
    expect(downTimeShare(state('down'), [], last(5))).toBe(1);
    expect(downTimeShare(state('up'), [], last(5))).toBe(0);
  });

  it('counts the time between going down and coming back', () => {
    const transitions = [
      { from: 'up' as const, to: 'down' as const, at: minutesAgo(20) },
      { from: 'down' as const, to: 'up' as const, at: minutesAgo(14) },
    ];
    expect(downTimeShare(state('up'), transitions, last(30))).toBeCloseTo(
      6 / 30,
    );
    expect(downTimeShare(state('up'), transitions, last(5))).toBe(0);
  });

  it('leaves out time whose status is unknown, and has no figure without any known', () => {
    const transitions = [
      { from: 'unknown' as const, to: 'down' as const, at: minutesAgo(10) },
    ];
    expect(downTimeShare(state('down'), transitions, last(30))).toBe(1);
    expect(downTimeShare(state('unknown'), [], last(5))).toBeUndefined();
  });
});
