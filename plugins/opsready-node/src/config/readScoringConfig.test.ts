import { ConfigReader } from '@backstage/config';
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
