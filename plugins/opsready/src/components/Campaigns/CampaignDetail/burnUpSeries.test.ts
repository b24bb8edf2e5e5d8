import { burnUpSeries } from './burnUpSeries';

const day = (d: string) => Date.parse(`${d}T00:00:00Z`);
const figures = { total: 10, done: 5, exempt: 1, open: 4 };
const burnUp = [
  { day: '2026-12-01', total: 10, done: 2, exempt: 0 },
  { day: '2026-12-02', total: 10, done: 5, exempt: 1 },
];

describe('burnUpSeries', () => {
  it('plots done and done-or-exempt by day, and projects from the last day to the total', () => {
    const series = burnUpSeries(
      {
        burnUp,
        figures,
        projection: {
          atRisk: true,
          ratePerWeek: 3.5,
          projectedCompletion: '2026-12-20T00:00:00Z',
        },
      },
      '2026-12-01T00:00:00Z',
      '2026-12-15T00:00:00Z',
    );
    expect(series.rows).toEqual([
      { t: day('2026-12-01'), done: 2, finished: 2, total: 10 },
      { t: day('2026-12-02'), done: 5, finished: 6, total: 10, projected: 6 },
      { t: day('2026-12-20'), projected: 10, total: 10 },
    ]);
    expect(series.deadlineT).toBe(day('2026-12-15'));
    expect(series.domain).toEqual([day('2026-12-01'), day('2026-12-20')]);
    expect(series.projectionCut).toBe(false);
  });

  it('cuts a projection far past the deadline off at the edge of the chart, part of the way up', () => {
    const series = burnUpSeries(
      {
        burnUp,
        figures,
        projection: {
          atRisk: true,
          ratePerWeek: 0.1,
          projectedCompletion: '2027-12-02T00:00:00Z',
        },
      },
      '2026-12-01T00:00:00Z',
      '2026-12-15T00:00:00Z',
    );
    const end = series.rows[series.rows.length - 1];
    expect(end.t).toBe(day('2026-12-29'));
    expect(end.projected).toBeGreaterThan(6);
    expect(end.projected).toBeLessThan(7);
    expect(series.projectionCut).toBe(true);
  });

  it('draws no projection when nothing is left or nothing moved', () => {
    const stalled = burnUpSeries(
      {
        burnUp,
        figures,
        projection: { atRisk: true, ratePerWeek: 0, projectedCompletion: null },
      },
      '2026-12-01T00:00:00Z',
      '2026-12-15T00:00:00Z',
    );
    expect(stalled.rows.some(r => r.projected !== undefined)).toBe(false);
    expect(stalled.domain).toEqual([day('2026-12-01'), day('2026-12-15')]);
    const done = burnUpSeries(
      {
        burnUp,
        figures: { ...figures, open: 0 },
        projection: {
          atRisk: false,
          ratePerWeek: 2,
          projectedCompletion: '2026-12-02T00:00:00Z',
        },
      },
      '2026-12-01T00:00:00Z',
      '2026-12-15T00:00:00Z',
    );
    expect(done.projectedT).toBeUndefined();
  });
});
