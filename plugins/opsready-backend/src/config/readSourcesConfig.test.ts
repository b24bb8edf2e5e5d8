import { ConfigReader } from '@backstage/config';
import { readSourcesConfig } from './readSourcesConfig';

const read = (sources: object) =>
  readSourcesConfig(new ConfigReader({ opsready: { sources } }));

describe('readSourcesConfig', () => {
  it('reads budgets per host, and limits no host by default', () => {
    expect(read({}).budgets).toEqual({});
    expect(
      read({ budgets: { 'github.com': { requestsPerHour: 4000 } } }).budgets,
    ).toEqual({ 'github.com': { requestsPerHour: 4000 } });
  });

  it('stops start-up on a budget that is missing or too small, naming the key', () => {
    expect(() => read({ budgets: { 'github.com': {} } })).toThrow(
      'opsready.sources.budgets.github.com.requestsPerHour must be a number from 2',
    );
    expect(() =>
      read({ budgets: { 'github.com': { requestsPerHour: 1 } } }),
    ).toThrow('opsready.sources.budgets.github.com.requestsPerHour');
  });

  it('reads the sweep, its deadline and the catalog poll', () => {
    const config = read({
      schedule: { frequency: { minutes: 10 }, timeout: { minutes: 10 } },
      sweepWithin: { minutes: 8 },
      catalogPoll: { frequency: { seconds: 20 }, timeout: { minutes: 1 } },
      readTimeout: { seconds: 5 },
    });
    expect(config).toMatchObject({
      schedule: { frequency: { minutes: 10 } },
      sweepWithinMs: 8 * 60_000,
      catalogPoll: { frequency: { seconds: 20 } },
      readTimeoutMs: 5000,
      concurrency: 4,
    });
    expect(() => read({ sweepWithin: 'soon' })).toThrow(
      'opsready.sources.sweepWithin must be a duration',
    );
  });
});
