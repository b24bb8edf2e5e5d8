import { ConfigReader } from '@backstage/config';
import { JsonValue } from '@backstage/types';
import { defaultCheckOptions } from '../checks/types';
import { readScoringConfig } from './readScoringConfig';

describe('readScoringConfig', () => {
  it('keeps the default of every check option the config leaves out', () => {
    expect(readScoringConfig(new ConfigReader({})).options).toEqual(
      defaultCheckOptions,
    );
  });

  it('reads each check option the config sets, and only that one', () => {
    const { options } = readScoringConfig(
      new ConfigReader({
        opsready: {
          checks: {
            productionLifecycles: ['production', 'critical'],
            uptimeTarget: 0.999,
            criticalErrorMaxAgeHours: 4,
          },
        },
      }),
    );
    expect(options).toEqual({
      ...defaultCheckOptions,
      productionLifecycles: ['production', 'critical'],
      uptimeTarget: 0.999,
      criticalErrorMaxAgeHours: 4,
    });
  });

  it('refuses an uptime target outside 0 to 1, naming the key', () => {
    expect(() =>
      readScoringConfig(
        new ConfigReader({ opsready: { checks: { uptimeTarget: 99 } } }),
      ),
    ).toThrow(
      'opsready.checks.uptimeTarget is a share from 0 to 1 (e.g. 0.99), got 99',
    );
  });
});

describe('opsready.checks.pendingFor', () => {
  const pendingFor = (value: JsonValue) =>
    readScoringConfig(
      new ConfigReader({ opsready: { checks: { pendingFor: value } } }),
    ).pendingForMs;
  const DAY = 24 * 60 * 60 * 1000;

  it('is seven days unless configured', () => {
    expect(readScoringConfig(new ConfigReader({})).pendingForMs).toBe(7 * DAY);
  });

  it('reads a duration object or an ISO 8601 duration', () => {
    expect(pendingFor({ days: 3 })).toBe(3 * DAY);
    expect(pendingFor({ hours: 12 })).toBe(DAY / 2);
    expect(pendingFor('P14D')).toBe(14 * DAY);
  });

  it('refuses what is not a duration, naming the key', () => {
    expect(() => pendingFor({ weeks: 'two' })).toThrow(
      /^opsready\.checks\.pendingFor must be a duration such as \{ days: 7 \}/,
    );
    expect(() => pendingFor('soon')).toThrow(/opsready\.checks\.pendingFor/);
  });
});
