import { mockServices } from '@backstage/backend-test-utils';
import { OutageReminders } from './OutageReminders';
import {
  component,
  notifierHarness,
  refOf,
} from '../__testUtils__/notifierHarness';

jest.setTimeout(30_000);

const platform = 'group:default/platform';
const payments = 'group:default/payments';
const web = 'group:default/web';

const fleet = [
  component('redis-cart', [platform]),
  component('cart', [payments], [refOf('redis-cart')]),
  component('checkout', [payments, web], [refOf('cart')]),
  component('ads', [web]),
];
const redisScope = `opsready:health:${refOf('redis-cart')}:production`;

describe('health notifications, grouped by root cause', () => {
  it('tells each owner once when a shared dependency takes its dependants down', async () => {
    const h = await notifierHarness({ entities: fleet });
    await h.health(
      { name: 'checkout', to: 'down', at: '2026-12-07T10:03:00Z' },
      { name: 'cart', to: 'down', at: '2026-12-07T10:03:00Z' },
      { name: 'redis-cart', to: 'down', at: '2026-12-07T10:02:00Z' },
    );
    expect(h.told()).toEqual([
      [
        [platform],
        'redis-cart is down in production, and 2 dependants with it',
        redisScope,
      ],
      [
        [payments],
        'cart, checkout down — redis-cart down since 10:02 UTC',
        redisScope,
      ],
      [[web], 'checkout down — redis-cart down since 10:02 UTC', redisScope],
    ]);
    expect(h.sent[0].payload).toMatchObject({
      severity: 'critical',
      topic: 'health',
      link: '/catalog/default/component/redis-cart/opsready-errors',
    });
    expect(h.sent[0].payload.description).toContain(
      'Down with it: cart, checkout.',
    );
  });

  it('tells owners of a dependant going down later only if they were not told yet', async () => {
    const h = await notifierHarness({ entities: fleet });
    await h.health({
      name: 'redis-cart',
      to: 'down',
      at: '2026-12-07T10:02:00Z',
    });
    await h.health({ name: 'cart', to: 'down', at: '2026-12-07T10:04:00Z' });
    await h.health({
      name: 'checkout',
      to: 'down',
      at: '2026-12-07T10:05:00Z',
    });
    expect(h.told()).toEqual([
      [[platform], 'redis-cart is down in production', redisScope],
      [[payments], 'cart down — redis-cart down since 10:02 UTC', redisScope],
      [[web], 'checkout down — redis-cart down since 10:02 UTC', redisScope],
    ]);
  });

  it('tells everyone told that the root cause is back, and what is still down gets its own notification', async () => {
    const h = await notifierHarness({ entities: fleet });
    await h.health(
      { name: 'redis-cart', to: 'down', at: '2026-12-07T10:02:00Z' },
      { name: 'cart', to: 'down', at: '2026-12-07T10:03:00Z' },
      { name: 'ads', to: 'down', at: '2026-12-07T10:03:00Z' },
    );
    h.sent.length = 0;
    await h.health({
      name: 'redis-cart',
      to: 'up',
      at: '2026-12-07T10:14:00Z',
    });
    expect(h.told()).toEqual([
      [[platform, payments], 'redis-cart is back up in production', redisScope],
      [
        [payments],
        'cart is down in production',
        `opsready:health:${refOf('cart')}:production`,
      ],
    ]);
    expect(h.sent[0].payload.description).toBe(
      'Down from 10:02 UTC to 10:14 UTC (12 min).',
    );
    // ads went down on its own and is still down: nothing new about it.
  });

  it('tells everyone told that the root cause is back, also the owners of dependants back up before it', async () => {
    const h = await notifierHarness({ entities: fleet });
    await h.health(
      { name: 'redis-cart', to: 'down', at: '2026-12-07T10:02:00Z' },
      { name: 'cart', to: 'down', at: '2026-12-07T10:02:00Z' },
      { name: 'checkout', to: 'down', at: '2026-12-07T10:02:00Z' },
    );
    // checkout, web's only entity in the incident, is back a sweep early.
    await h.health({ name: 'checkout', to: 'up', at: '2026-12-07T10:20:00Z' });
    h.sent.length = 0;
    await h.health(
      { name: 'redis-cart', to: 'up', at: '2026-12-07T10:21:00Z' },
      { name: 'cart', to: 'up', at: '2026-12-07T10:21:00Z' },
    );
    expect(h.told()).toEqual([
      [
        [platform, payments, web],
        'redis-cart is back up in production',
        redisScope,
      ],
    ]);

    // The next outage is told to those it concerns, not to all told before.
    h.sent.length = 0;
    await h.health({
      name: 'redis-cart',
      to: 'down',
      at: '2026-12-07T11:00:00Z',
    });
    await h.health({
      name: 'redis-cart',
      to: 'up',
      at: '2026-12-07T11:05:00Z',
    });
    expect(h.told().map(([to]) => to)).toEqual([[platform], [platform]]);
  });

  it('reads the owners of all root causes back up at once, however long they were down', async () => {
    let now = new Date('2026-12-07T10:02:00Z');
    const h = await notifierHarness({ entities: fleet, now: () => now });
    await h.health(
      { name: 'redis-cart', to: 'down', at: '2026-12-07T10:02:00Z' },
      { name: 'cart', to: 'down', at: '2026-12-07T10:02:00Z' },
      { name: 'ads', to: 'down', at: '2026-12-07T10:02:00Z' },
    );
    h.sent.length = 0;
    // What the directory read at the outage is out of date by now.
    now = new Date('2026-12-07T10:30:00Z');
    const reads = jest.spyOn(h.catalog, 'getEntitiesByRefs');
    await h.health(
      { name: 'redis-cart', to: 'up', at: '2026-12-07T10:30:00Z' },
      { name: 'cart', to: 'up', at: '2026-12-07T10:30:00Z' },
      { name: 'ads', to: 'up', at: '2026-12-07T10:30:00Z' },
    );
    expect(h.told().map(([to, title]) => [to, title])).toEqual([
      [[platform, payments], 'redis-cart is back up in production'],
      [[web], 'ads is back up in production'],
    ]);
    expect(reads).toHaveBeenCalledTimes(1);
  });

  it('keeps a flapping endpoint in one notification: every change has the same scope', async () => {
    const h = await notifierHarness({ entities: fleet });
    await h.health({ name: 'ads', to: 'down', at: '2026-12-07T10:00:00Z' });
    await h.health({ name: 'ads', to: 'up', at: '2026-12-07T10:01:00Z' });
    await h.health({
      name: 'ads',
      to: 'down',
      at: '2026-12-07T10:02:00Z',
      flapping: true,
    });
    const adsScope = `opsready:health:${refOf('ads')}:production`;
    expect(h.told()).toEqual([
      [[web], 'ads is down in production', adsScope],
      [[web], 'ads is back up in production', adsScope],
      [[web], 'ads is flapping in production: down again', adsScope],
    ]);
    const logged = await h.log.list(refOf('ads'), {}, { limit: 10 });
    expect(logged.items.map(n => n.status)).toEqual([
      'updated',
      'updated',
      'sent',
    ]);
  });

  it('says nothing of a change that leaves nothing to tell', async () => {
    const h = await notifierHarness({ entities: fleet });
    // Up without having been down (a first probe), and down then up within
    // one batch.
    await h.health(
      { name: 'ads', to: 'up', at: '2026-12-07T10:00:00Z' },
      { name: 'cart', to: 'down', at: '2026-12-07T10:00:00Z' },
      { name: 'cart', to: 'up', at: '2026-12-07T10:00:30Z' },
    );
    expect(h.sent).toEqual([]);
  });

  it('ends on cycles in dependsOn, naming one root cause for the cycle', async () => {
    const h = await notifierHarness({
      entities: [
        component('a', [payments], [refOf('b')]),
        component('b', [web], [refOf('c')]),
        component('c', [platform], [refOf('a')]),
      ],
    });
    await h.health(
      { name: 'a', to: 'down', at: '2026-12-07T10:00:00Z' },
      { name: 'b', to: 'down', at: '2026-12-07T10:00:00Z' },
      { name: 'c', to: 'down', at: '2026-12-07T10:00:00Z' },
    );
    const aScope = `opsready:health:${refOf('a')}:production`;
    expect(h.told()).toEqual([
      [[payments], 'a is down in production, and 2 dependants with it', aScope],
      [[web], 'b down — a down since 10:00 UTC', aScope],
      [[platform], 'c down — a down since 10:00 UTC', aScope],
    ]);
  });

  it('keeps environments apart', async () => {
    const h = await notifierHarness({ entities: fleet });
    await h.health(
      { name: 'redis-cart', to: 'down', at: '2026-12-07T10:02:00Z' },
      {
        name: 'cart',
        to: 'down',
        at: '2026-12-07T10:03:00Z',
        environment: 'staging',
      },
    );
    expect(h.told()).toEqual([
      [[platform], 'redis-cart is down in production', redisScope],
      [
        [payments],
        'cart is down in staging',
        `opsready:health:${refOf('cart')}:staging`,
      ],
    ]);
    expect(h.sent[1].payload.severity).toBe('normal');
  });
});

describe('reminders of outages that go on', () => {
  it('tells everyone told again, in the notification they have, once the interval has passed', async () => {
    const h = await notifierHarness({ entities: fleet });
    await h.health(
      { name: 'redis-cart', to: 'down', at: '2026-12-07T10:02:00Z' },
      { name: 'cart', to: 'down', at: '2026-12-07T10:03:00Z' },
    );
    let now = new Date('2026-12-07T12:00:00Z');
    const reminders = new OutageReminders({
      scheduler: mockServices.scheduler.mock(),
      incidents: h.incidents,
      directory: h.directory,
      delivery: h.delivery,
      severityOf: () => 'critical',
      repeatIntervalMs: 4 * 3_600_000,
      logger: h.logger,
      now: () => now,
    });
    h.sent.length = 0;
    expect(await reminders.run()).toBe(0);
    expect(h.sent).toEqual([]);

    now = new Date('2026-12-07T14:05:00Z');
    expect(await reminders.run()).toBe(1);
    expect(h.told()).toEqual([
      [
        [platform],
        'redis-cart is still down in production, and 1 dependant with it (for 4 h)',
        redisScope,
      ],
      [[payments], 'cart down — redis-cart down since 10:02 UTC', redisScope],
    ]);
    const logged = await h.log.list(refOf('redis-cart'), {}, { limit: 1 });
    expect(logged.items[0]).toMatchObject({
      kind: 'health.still-down',
      status: 'updated',
    });

    // Over: nothing to remind of.
    await h.health(
      { name: 'redis-cart', to: 'up', at: '2026-12-07T14:06:00Z' },
      { name: 'cart', to: 'up', at: '2026-12-07T14:06:00Z' },
    );
    h.sent.length = 0;
    now = new Date('2026-12-07T20:00:00Z');
    expect(await reminders.run()).toBe(0);
  });
});
