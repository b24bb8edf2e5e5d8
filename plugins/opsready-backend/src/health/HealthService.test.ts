import { HealthStore, Rollup } from '../database/HealthStore';
import { HealthService } from './HealthService';
import { emptyHistogram } from './latencyHistogram';
import { noUnanswered } from './probeOutcome';

const rollup = (
  environment: string,
  bucket: Rollup['bucket'],
  bucketStart: string,
  probes: number,
  failures: number,
): Rollup => ({
  environment,
  bucket,
  bucketStart: new Date(bucketStart),
  probes,
  failures,
  histogram: emptyHistogram(),
  unanswered: noUnanswered(),
});

function serviceOver(rollups: Rollup[]) {
  const store = { getRollups: async () => rollups } as Partial<HealthStore>;
  return new HealthService(store as HealthStore);
}

describe('HealthService.history', () => {
  const range = {
    from: new Date('2026-11-01T00:00:00Z'),
    to: new Date('2026-11-03T00:00:00Z'),
  };
  const rollups = [
    rollup('production', 'day', '2026-11-01T00:00:00Z', 100, 10),
    rollup('production', 'hour', '2026-11-02T09:00:00Z', 10, 0),
    rollup('production', 'hour', '2026-11-02T10:00:00Z', 10, 5),
    rollup('staging', 'hour', '2026-11-02T10:00:00Z', 4, 0),
  ];

  it('adds the rollups of each environment within one day', async () => {
    const { items: days } = await serviceOver(rollups).history(
      'cart',
      range,
      'day',
    );
    expect(
      days.map(d => [d.environment, d.bucketStart, d.probes, d.uptime]),
    ).toEqual([
      ['production', '2026-11-01T00:00:00.000Z', 100, 0.9],
      ['production', '2026-11-02T00:00:00.000Z', 20, 0.75],
      ['staging', '2026-11-02T00:00:00.000Z', 4, 1],
    ]);
  });

  it('keeps each hour apart, in time order then by environment', async () => {
    const { items: hours } = await serviceOver(rollups).history(
      'cart',
      range,
      'hour',
    );
    expect(hours.map(h => [h.environment, h.bucketStart, h.probes])).toEqual([
      ['production', '2026-11-01T00:00:00.000Z', 100],
      ['production', '2026-11-02T09:00:00.000Z', 10],
      ['production', '2026-11-02T10:00:00.000Z', 10],
      ['staging', '2026-11-02T10:00:00.000Z', 4],
    ]);
  });
});

describe('HealthService with maintenance', () => {
  const range = {
    from: new Date('2026-11-01T00:00:00Z'),
    to: new Date('2026-11-03T00:00:00Z'),
  };
  const rollups = [
    rollup('production', 'day', '2026-11-01T00:00:00Z', 100, 50),
    rollup('production', 'hour', '2026-11-02T09:00:00Z', 10, 10),
    rollup('production', 'hour', '2026-11-02T10:00:00Z', 10, 0),
    rollup('staging', 'hour', '2026-11-02T09:00:00Z', 4, 4),
  ];
  const span = (start: string, end: string, environment?: string) => ({
    windowId: 'w',
    targetRef: 'component:default/cart',
    reason: 'Upgrade',
    start: new Date(start),
    end: new Date(end),
    ...(environment ? { environment } : {}),
  });

  function serviceWith(spans: ReturnType<typeof span>[]) {
    const store = { getRollups: async () => rollups } as Partial<HealthStore>;
    return new HealthService(store as HealthStore, {
      occurrencesBetween: async () => spans,
    });
  }

  it("leaves the rollups a window of their environment overlaps out of uptime, a folded day's whole", async () => {
    const service = serviceWith([
      // Twenty minutes of 9 o'clock, in production only.
      span('2026-11-02T09:20:00Z', '2026-11-02T09:40:00Z', 'production'),
      // An hour of 1 November, by then folded into its day.
      span('2026-11-01T03:00:00Z', '2026-11-01T04:00:00Z'),
    ]);
    const { items, maintenance } = await service.history('cart', range, 'day');
    expect(
      items.map(d => [
        d.environment,
        d.bucketStart,
        d.probes,
        d.maintenanceProbes,
        d.uptime,
      ]),
    ).toEqual([
      ['production', '2026-11-01T00:00:00.000Z', 100, 100, null],
      ['production', '2026-11-02T00:00:00.000Z', 20, 10, 1],
      // Staging's own 9 o'clock counts: the window was production's.
      ['staging', '2026-11-02T00:00:00.000Z', 4, 0, 0],
    ]);
    expect(maintenance).toEqual([
      {
        windowId: 'w',
        start: '2026-11-02T09:20:00.000Z',
        end: '2026-11-02T09:40:00.000Z',
        reason: 'Upgrade',
        environment: 'production',
      },
      {
        windowId: 'w',
        start: '2026-11-01T03:00:00.000Z',
        end: '2026-11-01T04:00:00.000Z',
        reason: 'Upgrade',
      },
    ]);
  });
});
