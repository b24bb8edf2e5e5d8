import { ConfigReader } from '@backstage/config';
import { readDigestConfig } from './readDigestConfig';

const read = (notifications: object) =>
  readDigestConfig(new ConfigReader({ opsready: { notifications } }));

describe('readDigestConfig', () => {
  it('gathers compliance daily at 08:00 UTC by default, weekly on Mondays, and sends the rest at once', () => {
    expect(readDigestConfig(new ConfigReader({}))).toEqual({
      delivery: {
        health: 'immediate',
        errors: 'immediate',
        deployments: 'immediate',
        compliance: 'daily',
        exemptions: 'immediate',
        campaigns: 'immediate',
      },
      hour: 8,
      weekday: 1,
    });
  });

  it('reads a delivery per topic, the hour and the weekday', () => {
    expect(
      read({
        topics: {
          compliance: { delivery: 'weekly' },
          exemptions: { delivery: 'daily' },
          health: { delivery: 'immediate' },
        },
        digest: { hour: 17, weekday: 'Friday' },
      }),
    ).toEqual({
      delivery: expect.objectContaining({
        compliance: 'weekly',
        exemptions: 'daily',
        health: 'immediate',
      }),
      hour: 17,
      weekday: 5,
    });
    expect(
      read({ topics: { compliance: { delivery: 'immediate' } } }).delivery
        .compliance,
    ).toBe('immediate');
  });

  it('refuses to digest health, errors, deployments or campaigns, naming the key', () => {
    expect(() => read({ topics: { errors: { delivery: 'daily' } } })).toThrow(
      "Invalid opsready.notifications.topics.errors.delivery: 'daily'; errors notifications are sent as they happen and cannot be gathered into a digest",
    );
    expect(() => read({ topics: { health: { delivery: 'weekly' } } })).toThrow(
      'opsready.notifications.topics.health.delivery',
    );
    expect(() =>
      read({ topics: { campaigns: { delivery: 'daily' } } }),
    ).toThrow('opsready.notifications.topics.campaigns.delivery');
  });

  it('refuses an unknown topic, delivery, hour or weekday', () => {
    expect(() =>
      read({ topics: { complaince: { delivery: 'daily' } } }),
    ).toThrow(
      "Invalid opsready.notifications.topics.complaince: there is no topic 'complaince'; the topics are health, errors, deployments, compliance, exemptions, campaigns",
    );
    expect(() =>
      read({ topics: { compliance: { delivery: 'hourly' } } }),
    ).toThrow(
      "Invalid opsready.notifications.topics.compliance.delivery: 'hourly'; it is one of immediate, daily, weekly",
    );
    expect(() => read({ digest: { hour: 24 } })).toThrow(
      'Invalid opsready.notifications.digest.hour: 24',
    );
    expect(() => read({ digest: { hour: 7.5 } })).toThrow(
      'opsready.notifications.digest.hour',
    );
    expect(() => read({ digest: { weekday: 'someday' } })).toThrow(
      "Invalid opsready.notifications.digest.weekday: 'someday'",
    );
  });
});
