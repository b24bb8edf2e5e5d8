import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import { DatabaseDigestStore } from '../../database/DatabaseDigestStore';
import { Notice } from '../types';
import { StoredDigestQueue } from './DigestQueue';
import { DigestSender } from './DigestSender';
import { DigestConfig, readDigestConfig } from './readDigestConfig';
import { ConfigReader } from '@backstage/config';

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

const team = 'group:default/team';
const ada = 'user:default/ada';
const notice = (name: string, extra: Partial<Notice> = {}): Notice => ({
  entityRef: `component:default/${name}`,
  topic: 'compliance',
  kind: 'compliance.level-dropped',
  severity: 'normal',
  title: `${name} dropped from gold to silver`,
  link: `/catalog/default/component/${name}/opsready-compliance`,
  scope: `compliance:component:default/${name}:level`,
  digestible: true,
  ...extra,
});

/** A notification service that keeps what it is asked to send. */
function fakeNotifications() {
  const sent: NotificationSendOptions[] = [];
  return {
    sent,
    failFor: new Set<string>(),
    async send(options: NotificationSendOptions) {
      const { recipients } = options;
      if (
        recipients.type === 'entity' &&
        this.failFor.has(String(recipients.entityRef))
      ) {
        throw new Error('notifications backend unavailable');
      }
      sent.push(options);
    },
  };
}

async function setUp(
  config: DigestConfig = readDigestConfig(new ConfigReader({})),
) {
  const knex = await databases.init('SQLITE_3');
  const store = await DatabaseDigestStore.create({
    database: { getClient: async () => knex },
  });
  let clock = new Date('2026-12-08T06:00:00Z');
  const queue = new StoredDigestQueue({ store, config, now: () => clock });
  const notifications = fakeNotifications();
  const scheduler = mockServices.scheduler.mock();
  const logger = mockServices.logger.mock();
  const sender = new DigestSender({
    store,
    notifications,
    scheduler,
    logger,
    config,
  });
  return {
    store,
    queue,
    sender,
    notifications,
    scheduler,
    logger,
    setClock: (iso: string) => {
      clock = new Date(iso);
    },
  };
}

describe('StoredDigestQueue', () => {
  it('takes digestible notices of topics configured for a digest, and nothing else', async () => {
    const { queue } = await setUp();
    expect(queue.accepts(notice('cart'))).toBe(true);
    expect(queue.accepts(notice('cart', { digestible: false }))).toBe(false);
    expect(queue.accepts(notice('cart', { digestible: undefined }))).toBe(
      false,
    );
    // Exemptions are sent at once unless configured otherwise.
    expect(queue.accepts(notice('cart', { topic: 'exemptions' }))).toBe(false);
    const { queue: daily } = await setUp(
      readDigestConfig(
        new ConfigReader({
          opsready: {
            notifications: { topics: { exemptions: { delivery: 'daily' } } },
          },
        }),
      ),
    );
    expect(daily.accepts(notice('cart', { topic: 'exemptions' }))).toBe(true);
  });
});

describe('DigestSender', () => {
  it('schedules one global task, every quarter of an hour', async () => {
    const { sender, scheduler } = await setUp();
    await sender.start();
    expect(scheduler.scheduleTask).toHaveBeenCalledWith(
      expect.objectContaining({
        id: 'opsready-notification-digests',
        scope: 'global',
        frequency: { cron: '*/15 * * * *' },
      }),
    );
  });

  it('sends each recipient one digest of the day at the configured hour, then nothing until the next', async () => {
    const { queue, sender, notifications, setClock } = await setUp();
    await queue.add(notice('cart'), [team, ada]);
    setClock('2026-12-08T06:30:00Z');
    await queue.add(
      notice('ledger', {
        kind: 'compliance.check-failing',
        severity: 'critical',
        title: 'ledger fails the critical check "Has an owner"',
      }),
      [team, team],
    );

    // Before 08:00 UTC nothing is due.
    expect(await sender.run(new Date('2026-12-08T07:30:00Z'))).toEqual({
      sent: 0,
      failed: 0,
    });
    expect(notifications.sent).toEqual([]);

    expect(await sender.run(new Date('2026-12-08T08:00:02Z'))).toEqual({
      sent: 2,
      failed: 0,
    });
    expect(notifications.sent).toEqual([
      {
        recipients: { type: 'entity', entityRef: team },
        payload: {
          title: 'Compliance digest: 2 services changed',
          description:
            '• ledger fails the critical check "Has an owner"\n• cart dropped from gold to silver',
          link: '/opsready',
          severity: 'critical',
          topic: 'compliance',
          scope: 'digest:compliance:2026-12-08',
        },
      },
      {
        recipients: { type: 'entity', entityRef: ada },
        payload: expect.objectContaining({
          title: 'Compliance digest: 1 service changed',
          description: '• cart dropped from gold to silver',
          severity: 'normal',
        }),
      },
    ]);

    // Sent once; what comes after 08:00 waits for tomorrow's.
    setClock('2026-12-08T09:00:00Z');
    await queue.add(notice('search'), [ada]);
    expect(await sender.run(new Date('2026-12-08T09:15:00Z'))).toEqual({
      sent: 0,
      failed: 0,
    });
    await sender.run(new Date('2026-12-09T08:00:00Z'));
    expect(notifications.sent).toHaveLength(3);
    expect(notifications.sent[2].payload).toEqual(
      expect.objectContaining({
        title: 'Compliance digest: 1 service changed',
        description: '• search dropped from gold to silver',
        scope: 'digest:compliance:2026-12-09',
      }),
    );
  });

  it('counts a run a moment before the hour as at it', async () => {
    const { queue, sender, notifications } = await setUp();
    await queue.add(notice('cart'), [ada]);
    await sender.run(new Date('2026-12-08T07:59:59Z'));
    expect(notifications.sent).toHaveLength(1);
  });

  it('keeps the items of a digest that could not be sent for the next run', async () => {
    const { queue, sender, notifications, logger } = await setUp();
    await queue.add(notice('cart'), [team, ada]);
    notifications.failFor.add(team);

    expect(await sender.run(new Date('2026-12-08T08:00:00Z'))).toEqual({
      sent: 1,
      failed: 1,
    });
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(
        'could not send the compliance digest to group:default/team',
      ),
    );
    expect(notifications.sent.map(n => n.recipients)).toEqual([
      { type: 'entity', entityRef: ada },
    ]);

    notifications.failFor.clear();
    expect(await sender.run(new Date('2026-12-08T08:15:00Z'))).toEqual({
      sent: 1,
      failed: 0,
    });
    expect(notifications.sent[1]).toEqual({
      recipients: { type: 'entity', entityRef: team },
      payload: expect.objectContaining({
        description: '• cart dropped from gold to silver',
        scope: 'digest:compliance:2026-12-08',
      }),
    });
  });

  it('keeps a long digest short, counting what it leaves out', async () => {
    const { queue, sender, notifications } = await setUp();
    for (let i = 0; i < 120; i++) {
      await queue.add(notice(`service-${i}`), [ada]);
    }
    await sender.run(new Date('2026-12-08T08:00:00Z'));
    const [{ payload }] = notifications.sent;
    expect(payload.title).toBe('Compliance digest: 120 services changed');
    expect(payload.description!.length).toBeLessThanOrEqual(1100);
    expect(payload.description).toMatch(/\nand \d+ more$/);
  });

  it('sends a weekly digest on the configured day only', async () => {
    const config = readDigestConfig(
      new ConfigReader({
        opsready: {
          notifications: {
            topics: { compliance: { delivery: 'weekly' } },
            digest: { hour: 9, weekday: 'wednesday' },
          },
        },
      }),
    );
    const { queue, sender, notifications } = await setUp(config);
    // Tuesday 2026-12-08, 06:00.
    await queue.add(notice('cart'), [ada]);
    await sender.run(new Date('2026-12-08T09:00:00Z'));
    await sender.run(new Date('2026-12-09T08:45:00Z'));
    expect(notifications.sent).toEqual([]);
    await sender.run(new Date('2026-12-09T09:00:00Z'));
    expect(notifications.sent).toEqual([
      expect.objectContaining({
        payload: expect.objectContaining({
          scope: 'digest:compliance:2026-12-09',
        }),
      }),
    ]);
  });

  it('sends what still waits at once when its topic is set back to immediate', async () => {
    const daily = await setUp();
    await daily.queue.add(notice('cart'), [ada]);
    const immediate = new DigestSender({
      store: daily.store,
      notifications: daily.notifications,
      scheduler: daily.scheduler,
      logger: daily.logger,
      config: readDigestConfig(
        new ConfigReader({
          opsready: {
            notifications: {
              topics: { compliance: { delivery: 'immediate' } },
            },
          },
        }),
      ),
    });
    await immediate.run(new Date('2026-12-08T06:15:00Z'));
    expect(daily.notifications.sent).toHaveLength(1);
  });
});
