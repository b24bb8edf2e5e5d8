import { BurnUpPoint } from '@opsready/plugin-opsready-common';
import { projectCompletion } from './projection';

const now = new Date('2026-12-15T12:00:00Z');
const DAY = 24 * 60 * 60 * 1000;
const inDays = (days: number) => new Date(now.getTime() + days * DAY);

/** Points for consecutive days ending today, from done+exempt figures. */
const burnUp = (settled: number[], total = 100): BurnUpPoint[] =>
  settled.map((done, i) => ({
    day: new Date(now.getTime() - (settled.length - 1 - i) * DAY)
      .toISOString()
      .slice(0, 10),
    total,
    done,
    exempt: 0,
  }));

const figures = (done: number, exempt = 0, total = 100) => ({
  total,
  done,
  exempt,
  open: total - done - exempt,
});

describe('projectCompletion', () => {
  it('projects at the rate of the last 14 days and is at risk when that is after the deadline', () => {
    // 30 days; 14 days ago 20 settled, now 40 + 8 exempt: 2 a day.
    const points = burnUp([
      ...Array.from({ length: 16 }, () => 20),
      ...Array.from({ length: 14 }, (_, i) => 22 + i * 2),
    ]);
    expect(points[15]).toMatchObject({ day: '2026-12-01', done: 20 });

    const late = projectCompletion({
      burnUp: points,
      figures: figures(40, 8),
      deadline: inDays(20),
      now,
    });
    // 52 left at 2 a day: 26 days.
    expect(late).toEqual({
      projectedCompletion: inDays(26).toISOString(),
      ratePerWeek: 14,
      atRisk: true,
    });

    expect(
      projectCompletion({
        burnUp: points,
        figures: figures(40, 8),
        deadline: inDays(30),
        now,
      }).atRisk,
    ).toBe(false);
  });

  it('is not at risk when the projection falls exactly on the deadline', () => {
    const points = burnUp([0, 10, 20, 30]);
    // 10 a day, 70 left: 7 days.
    expect(
      projectCompletion({
        burnUp: points,
        figures: figures(30),
        deadline: inDays(7),
        now,
      }),
    ).toEqual({
      projectedCompletion: inDays(7).toISOString(),
      ratePerWeek: 70,
      atRisk: false,
    });
    expect(
      projectCompletion({
        burnUp: points,
        figures: figures(30),
        deadline: new Date(inDays(7).getTime() - 1),
        now,
      }).atRisk,
    ).toBe(true);
  });

  it('measures from the oldest point when the burn-up is shorter than the window, and honours another window', () => {
    // Four days: 12 settled since the first point, 3 days ago.
    const points = burnUp([0, 5, 9, 12]);
    expect(
      projectCompletion({
        burnUp: points,
        figures: figures(12),
        deadline: inDays(60),
        now,
      }),
    ).toMatchObject({ ratePerWeek: 28, atRisk: false });
    // A window of 1 day: 3 since yesterday.
    expect(
      projectCompletion({
        burnUp: points,
        figures: figures(12),
        deadline: inDays(60),
        now,
        windowDays: 1,
      }),
    ).toMatchObject({ ratePerWeek: 21 });
  });

  it('measures from the last point before the window when days are missing', () => {
    const points = burnUp([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]).filter(
      (_, i) => i !== 7,
    );
    // Window of 3 days: its day (index 7) is missing; index 6 (6 settled, 4 days ago).
    expect(
      projectCompletion({
        burnUp: points,
        figures: figures(10),
        deadline: inDays(365),
        now,
        windowDays: 3,
      }).ratePerWeek,
    ).toBe(7);
  });

  it('is too soon to project within 3 days of the start: no projection, at risk only past the deadline', () => {
    const tooSoon = { projectedCompletion: null, atRisk: false };
    for (const points of [[], burnUp([10]), burnUp([0, 10, 20])]) {
      expect(
        projectCompletion({
          burnUp: points,
          figures: figures(20),
          deadline: inDays(30),
          now,
        }),
      ).toMatchObject(tooSoon);
    }
    expect(
      projectCompletion({
        burnUp: burnUp([0, 10]),
        figures: figures(10),
        deadline: inDays(-1),
        now,
      }),
    ).toMatchObject({ projectedCompletion: null, atRisk: true });
  });

  it('has no projection, and is at risk, with items left and nothing moving', () => {
    expect(
      projectCompletion({
        burnUp: burnUp([10, 10, 10, 10]),
        figures: figures(10),
        deadline: inDays(30),
        now,
      }),
    ).toEqual({ projectedCompletion: null, ratePerWeek: 0, atRisk: true });
  });

  it('measures from the point a day before the window when that is all there is', () => {
    const points = burnUp([0, 5, 10, 10]).slice(0, 3);
    // The oldest point, three days ago, is the reference: 13 settled since.
    expect(
      projectCompletion({
        burnUp: points,
        figures: figures(13),
        deadline: inDays(30),
        now,
      }),
    ).toMatchObject({ ratePerWeek: 30.3, atRisk: false });
  });

  it('shows a regression as a negative rate, with no projection, at risk', () => {
    expect(
      projectCompletion({
        burnUp: burnUp([50, 47, 45, 40]),
        figures: figures(36),
        deadline: inDays(30),
        now,
      }),
    ).toEqual({ projectedCompletion: null, ratePerWeek: -32.7, atRisk: true });
  });

  it('gives the day it became complete when nothing is left, else now', () => {
    const complete = projectCompletion({
      burnUp: burnUp([90, 100, 95, 100, 100]),
      figures: figures(98, 2),
      deadline: inDays(-10),
      now,
    });
    // Complete for good since the end of the 4th point's day, yesterday.
    expect(complete).toEqual({
      projectedCompletion: '2026-12-14T23:59:59.999Z',
      ratePerWeek: 17.5,
      atRisk: false,
    });

    // The burn-up has not caught up with the figures yet.
    expect(
      projectCompletion({
        burnUp: burnUp([90, 95]),
        figures: figures(100),
        deadline: inDays(-10),
        now,
      }).projectedCompletion,
    ).toBe(now.toISOString());

    // Complete today: not later than now.
    expect(
      projectCompletion({
        burnUp: burnUp([90, 100]),
        figures: figures(100),
        deadline: inDays(10),
        now,
      }).projectedCompletion,
    ).toBe(now.toISOString());

    // Nothing in scope, nothing measured.
    expect(
      projectCompletion({
        burnUp: [],
        figures: figures(0, 0, 0),
        deadline: inDays(10),
        now,
      }),
    ).toEqual({
      projectedCompletion: now.toISOString(),
      ratePerWeek: 0,
      atRisk: false,
    });
  });
});
