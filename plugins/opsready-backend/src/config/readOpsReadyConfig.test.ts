import { ConfigReader } from '@backstage/config';
import { readOpsReadyConfig } from './readOpsReadyConfig';

const read = (opsready: object) =>
  readOpsReadyConfig(new ConfigReader({ opsready }));

describe('readOpsReadyConfig', () => {
  it('falls back to the documented defaults', () => {
    const config = readOpsReadyConfig(new ConfigReader({}));
    expect(config.levels.map(l => l.name)).toEqual([
      'bronze',
      'silver',
      'gold',
    ]);
    expect(config.warnCredit).toBe(0.5);
    expect(config.options.latencySloMs).toBe(200);
    expect(config.options.productionLifecycles).toEqual(['production']);
    expect(config.schedule.frequency).toEqual({ minutes: 30 });
    expect(config.disabledChecks).toEqual([]);
  });

  it('reads levels, weights, narrowing, options and the schedule', () => {
    const config = read({
      schedule: { frequency: { minutes: 5 }, timeout: { minutes: 2 } },
      checks: {
        disabled: ['catalog.docs'],
        overrides: {
          'kubernetes.pdb': { weight: 5, appliesTo: { types: ['service'] } },
        },
        latencySloMs: 300,
        productionLifecycles: ['production', 'ga'],
      },
      scoring: {
        warnCredit: 0,
        levels: [
          { name: 'ok', minScore: 60 },
          { name: 'great', minScore: 95, noFailingCritical: true },
        ],
      },
    });
    expect(config.schedule.frequency).toEqual({ minutes: 5 });
    expect(config.disabledChecks).toEqual(['catalog.docs']);
    expect(config.overrides.get('kubernetes.pdb')).toEqual({
      weight: 5,
      appliesTo: {
        kinds: undefined,
        types: ['service'],
        lifecycles: undefined,
        tags: undefined,
      },
    });
    expect(config.options.latencySloMs).toBe(300);
    expect(config.options.productionLifecycles).toEqual(['production', 'ga']);
    expect(config.warnCredit).toBe(0);
    expect(config.levels).toEqual([
      { name: 'ok', minScore: 60, noFailingCritical: false },
      { name: 'great', minScore: 95, noFailingCritical: true },
    ]);
  });

  it('stops with the key and the reason on a mistake', () => {
    expect(() =>
      read({ scoring: { levels: [{ name: 'gold', minScore: 120 }] } }),
    ).toThrow(
      "opsready.scoring.levels: level 'gold' has minScore 120; it must be from 0 to 100",
    );
    expect(() =>
      read({
        scoring: {
          levels: [
            { name: 'gold', minScore: 90 },
            { name: 'gold', minScore: 95 },
          ],
        },
      }),
    ).toThrow("level 'gold' is defined twice");
    expect(() =>
      read({ checks: { overrides: { 'catalog.owner': { weight: -1 } } } }),
    ).toThrow(
      'opsready.checks.overrides.catalog.owner.weight must be a number of 0 or more',
    );
    expect(() =>
      read({
        checks: {
          overrides: { 'catalog.owner': { appliesTo: { kinds: 'Component' } } },
        },
      }),
    ).toThrow(
      'opsready.checks.overrides.catalog.owner.appliesTo.kinds must be a list of strings',
    );
    expect(() => read({ checks: { uptimeTarget: 99 } })).toThrow(
      'opsready.checks.uptimeTarget is a share from 0 to 1',
    );
  });
});
