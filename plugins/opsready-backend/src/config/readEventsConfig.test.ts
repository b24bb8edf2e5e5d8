import { ConfigReader } from '@backstage/config';
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
