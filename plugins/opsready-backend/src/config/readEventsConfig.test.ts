import { ConfigReader } from '@backstage/config';
import { JsonObject } from '@backstage/types';
import { readEventsConfig } from './readEventsConfig';

describe('readEventsConfig', () => {
  it('has defaults that need no configuration', () => {
    const config = readEventsConfig(new ConfigReader({}));
    expect(config).toMatchObject({
      correlationWindowMs: 3600_000,
      rollbackConsecutiveHealthFailures: 2,
      errorSpike: { minErrors: 5, factor: 3 },
      retentionDays: 400,
      maxBatch: 500,
      maxPayloadBytes: 4 * 1024 * 1024,
    });
    expect(config.healthErrorSeverity('production')).toBe('critical');
    expect(config.healthErrorSeverity('staging')).toBe('medium');
    expect(config.rollbackTriggers).toEqual({
      errorRate: 0.05,
      latencyIncrease: 0.5,
      minRequests: 20,
      watchForMs: 3600_000,
      schedule: expect.objectContaining({ frequency: { minutes: 1 } }),
    });
  });

  it('reads the metric rollback triggers, the watch in minutes or as a duration', () => {
    const triggers = (rollbackAdvised: JsonObject) =>
      readEventsConfig(
        new ConfigReader({ opsready: { events: { rollbackAdvised } } }),
      ).rollbackTriggers;
    expect(
      triggers({
        errorRate: 0.02,
        latencyIncrease: 1,
        minRequests: 100,
        watchFor: 90,
        schedule: { frequency: { seconds: 30 }, timeout: { seconds: 25 } },
      }),
    ).toEqual({
      errorRate: 0.02,
      latencyIncrease: 1,
      minRequests: 100,
      watchForMs: 90 * 60_000,
      schedule: { frequency: { seconds: 30 }, timeout: { seconds: 25 } },
    });
    expect(triggers({ watchFor: 'PT2H' }).watchForMs).toBe(2 * 3600_000);
    expect(triggers({ watchFor: { minutes: 30 } }).watchForMs).toBe(
      30 * 60_000,
    );
    expect(() => triggers({ errorRate: 5 })).toThrow(
      'opsready.events.rollbackAdvised.errorRate must be a number from 0 to 1, got 5',
    );
    expect(() => triggers({ watchFor: 'soon' })).toThrow(
      /^opsready\.events\.rollbackAdvised\.watchFor must be minutes or a duration/,
    );
    expect(() => triggers({ watchFor: 0 })).toThrow(
      'opsready.events.rollbackAdvised.watchFor must be from 1 minute to 7 days, got 0 minutes',
    );
  });

  it('reads what is configured', () => {
    const config = readEventsConfig(
      new ConfigReader({
        opsready: {
          events: {
            correlationWindowMinutes: 30,
            rollbackAdvised: {
              consecutiveHealthFailures: 5,
              errorSpike: { minErrors: 10, factor: 2 },
            },
            maxBatch: 100,
            healthErrorSeverity: { staging: 'low', default: 'high' },
          },
        },
      }),
    );
    expect(config).toMatchObject({
      correlationWindowMs: 1800_000,
      rollbackConsecutiveHealthFailures: 5,
      errorSpike: { minErrors: 10, factor: 2 },
      maxBatch: 100,
    });
    expect(config.healthErrorSeverity('staging')).toBe('low');
    expect(config.healthErrorSeverity('qa')).toBe('high');
  });

  it('stops start-up on a mistake, naming the key', () => {
    expect(() =>
      readEventsConfig(
        new ConfigReader({ opsready: { events: { maxBatch: 1000 } } }),
      ),
    ).toThrow(
      'opsready.events.maxBatch must be a number from 1 to 500, got 1000',
    );
    expect(() =>
      readEventsConfig(
        new ConfigReader({
          opsready: { events: { healthErrorSeverity: { production: 'bad' } } },
        }),
      ),
    ).toThrow(
      "opsready.events.healthErrorSeverity.production must be one of critical, high, medium, low, got 'bad'",
    );
  });
});
