import { ConfigReader } from '@backstage/config';
import { JsonValue } from '@backstage/types';
import { readCampaignsConfig } from './readCampaignsConfig';

const read = (refreshInterval: JsonValue) =>
  readCampaignsConfig(
    new ConfigReader({ opsready: { campaigns: { refreshInterval } } }),
  );

describe('readCampaignsConfig', () => {
  it('refreshes campaigns every 15 minutes unless told otherwise', () => {
    expect(readCampaignsConfig(new ConfigReader({}))).toEqual({
      refreshInterval: { minutes: 15 },
    });
    expect(read({ minutes: 5 })).toEqual({
      refreshInterval: { milliseconds: 5 * 60_000 },
    });
    expect(read('PT1H')).toEqual({
      refreshInterval: { milliseconds: 3600_000 },
    });
  });

  it('stops start-up naming the key for an interval it cannot use', () => {
    expect(() => read('often')).toThrow(
      /^opsready\.campaigns\.refreshInterval must be a duration/,
    );
    expect(() => read({ seconds: 10 })).toThrow(
      'opsready.campaigns.refreshInterval must be from 1 minute to 24 hours, got 10000 ms',
    );
  });
});
