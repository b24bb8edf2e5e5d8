import {
  changeFailureRateBand,
  computeDora,
  deploymentFrequencyBand,
  DoraDeployment,
  leadTimeBand,
  timeToRestoreBand,
} from './dora';

const from = new Date('2026-11-01T00:00:00Z');
const to = new Date('2026-12-01T00:00:00Z'); // 30 days

const shipped = (
  finishedAt: string,
  extra: Partial<DoraDeployment> = {},
): DoraDeployment => ({
  status: 'succeeded',
  startedAt: finishedAt,
  finishedAt,
  changeFailure: false,
  ...extra,
});

describe('computeDora', () => {
  it('has no figures and no bands for an empty window', () => {
    expect(
      computeDora({
        from,
        to,
        environment: 'production',
        deployments: [],
        restorations: [],
      }),
    ).toEqual({
      from: '2026-11-01T00:00:00.000Z',
      to: '2026-12-01T00:00:00.000Z',
      environment: 'production',
      deployments: 0,
      deploymentFrequency: { value: null, band: null },
      leadTimeHours: { value: null, band: null },
      changeFailureRate: { value: null, band: null },
      timeToRestoreHours: { value: null, band: null },
    });
  });

  it('rates a single deployment in 30 days as monthly (medium), with its own lead time', () => {
    const figures = computeDora({
      from,
      to,
      environment: 'production',
      deployments: [
        shipped('2026-11-10T12:00:00Z', { commitAt: '2026-11-09T12:00:00Z' }),
      ],
      restorations: [],
    });
    // 1 deployment / 30 days = 0.0333 a day: exactly once a month.
    expect(figures.deploymentFrequency).toEqual({
      value: 0.0333,
      band: 'medium',
    });
    // Committed 24 h before it finished: not under a day, so high.
    expect(figures.leadTimeHours).toEqual({ value: 24, band: 'high' });
    expect(figures.changeFailureRate).toEqual({ value: 0, band: 'elite' });
    expect(figures.timeToRestoreHours).toEqual({ value: null, band: null });
  });

  it('computes the four keys of a busy month by hand', () => {
    // 40 deployments that shipped, 2 of them change failures; one failed
    // deployment and one still running, which count nowhere; one from the
    // month before, outside the window.
    const deployments: DoraDeployment[] = [];
    for (let i = 0; i < 40; i++) {
      const finished = new Date(from.getTime() + i * 17 * 3600_000 + 60_000);
      deployments.push(
        shipped(finished.toISOString(), {
          // Lead times 1 h, 2 h, ... 40 h: median (20 + 21) / 2 = 20.5 h.
          commitAt: new Date(
            finished.getTime() - (i + 1) * 3600_000,
          ).toISOString(),
          changeFailure: i === 3 || i === 30,
        }),
      );
    }
    deployments.push(
      shipped('2026-11-20T00:00:00Z', {
        status: 'failed',
        changeFailure: true,
      }),
      {
        status: 'started',
        startedAt: '2026-11-21T00:00:00Z',
        changeFailure: false,
      },
      shipped('2026-10-30T00:00:00Z'),
    );
    const figures = computeDora({
      from,
      to,
      environment: 'production',
      deployments,
      restorations: [
        // 30 min, 90 min and 5 h: median 90 min.
        {
          failedAt: '2026-11-03T10:00:00Z',
          restoredAt: '2026-11-03T10:30:00Z',
        },
        {
          failedAt: '2026-11-12T10:00:00Z',
          restoredAt: '2026-11-12T11:30:00Z',
        },
        {
          failedAt: '2026-11-20T10:00:00Z',
          restoredAt: '2026-11-20T15:00:00Z',
        },
        // Restored before the window: left out.
        {
          failedAt: '2026-10-20T10:00:00Z',
          restoredAt: '2026-10-21T10:00:00Z',
        },
      ],
    });
    expect(figures.deployments).toBe(40);
    // 40 / 30 = 1.3333 a day: on demand.
    expect(figures.deploymentFrequency).toEqual({
      value: 1.3333,
      band: 'elite',
    });
    expect(figures.leadTimeHours).toEqual({ value: 20.5, band: 'elite' });
    // 2 / 40 = 5 %: still elite.
    expect(figures.changeFailureRate).toEqual({ value: 0.05, band: 'elite' });
    expect(figures.timeToRestoreHours).toEqual({ value: 1.5, band: 'high' });
  });

  it('counts a deployment rolled back afterwards as shipped and failed', () => {
    const figures = computeDora({
      from,
      to,
      environment: 'staging',
      deployments: [
        shipped('2026-11-02T00:00:00Z'),
        shipped('2026-11-03T00:00:00Z', {
          status: 'rolled-back',
          changeFailure: true,
        }),
        shipped('2026-11-04T00:00:00Z'),
      ],
      restorations: [],
    });
    expect(figures.deployments).toBe(3);
    // 1 / 3 = 33 %: low.
    expect(figures.changeFailureRate).toEqual({ value: 0.3333, band: 'low' });
  });
});

describe('bands', () => {
  it('cuts at the boundaries of the 2023 report', () => {
    expect(deploymentFrequencyBand(1)).toBe('elite');
    expect(deploymentFrequencyBand(0.99)).toBe('high');
    expect(deploymentFrequencyBand(1 / 7)).toBe('high');
    expect(deploymentFrequencyBand(1 / 8)).toBe('medium');
    expect(deploymentFrequencyBand(1 / 31)).toBe('low');
    expect(leadTimeBand(23.9)).toBe('elite');
    expect(leadTimeBand(168)).toBe('high');
    expect(leadTimeBand(720)).toBe('medium');
    expect(leadTimeBand(721)).toBe('low');
    expect(changeFailureRateBand(0.1)).toBe('high');
    expect(changeFailureRateBand(0.15)).toBe('medium');
    expect(changeFailureRateBand(0.16)).toBe('low');
    expect(timeToRestoreBand(0.5)).toBe('elite');
    expect(timeToRestoreBand(1)).toBe('high');
    expect(timeToRestoreBand(24)).toBe('medium');
    expect(timeToRestoreBand(169)).toBe('low');
  });
});
