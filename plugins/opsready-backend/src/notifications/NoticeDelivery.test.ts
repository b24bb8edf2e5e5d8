import { HeldNoticeRelease } from './HeldNoticeRelease';
import { mockServices } from '@backstage/backend-test-utils';
import {
  component,
  notifierHarness,
  refOf,
} from './__testUtils__/notifierHarness';
import type { MaintenanceCalendar, Notice } from './types';

jest.setTimeout(30_000);

const payments = 'group:default/payments';
const web = 'group:default/web';
const alan = 'user:default/alan.turing';
const fleet = [
  component('cart', [payments]),
  component('ads', [web]),
  component('orphan', []),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: 'alan.turing', namespace: 'default' },
    spec: {},
  },
];

const notice = (overrides: Partial<Notice> = {}): Notice => ({
  entityRef: refOf('cart'),
  environment: 'production',
  topic: 'errors',
  kind: 'error.opened',
  severity: 'high',
  title: 'New error in cart',
  link: '/catalog/default/component/cart/opsready-errors',
  scope: 'opsready:error:cart:1',
  ...overrides,
});

/** A clock the test moves. */
function clock(start: string) {
  let now = new Date(start);
  return {
    now: () => now,
    set: (at: string) => {
      now = new Date(at);
    },
  };
}

/** A window on cart, 10:00 to 11:00. */
const cartWindow: MaintenanceCalendar = {
  async activeWindow(entityRef, _environment, at) {
    const inWindow =
      entityRef === refOf('cart') &&
      at >= new Date('2026-12-07T10:00:00Z') &&
      at < new Date('2026-12-07T11:00:00Z');
    return inWindow
      ? {
          windowId: 'w-1',
          reason: 'Redis upgrade',
          endsAt: '2026-12-07T11:00:00.000Z',
        }
      : undefined;
  },
};

describe('DefaultNoticeDelivery', () => {
  it('holds notices in a maintenance window and sends them when it ends, if the problem is not over', async () => {
    const time = clock('2026-12-07T10:05:00Z');
    const h = await notifierHarness({
      entities: fleet,
      maintenance: cartWindow,
      now: time.now,
    });
    await h.delivery.deliver([
      notice({ holdable: true }),
      notice({ holdable: true, scope: 'opsready:error:cart:2', title: 'Over' }),
      // Not holdable: a rollback is told even during maintenance.
      notice({
        topic: 'deployments',
        scope: 'opsready:rollback:1',
        title: 'Rollback advised',
      }),
      notice({ holdable: true, entityRef: refOf('ads'), title: 'ads error' }),
    ]);
    expect(h.sent.map(s => s.payload.title)).toEqual([
      'Rollback advised',
      'ads error',
    ]);
    const held = await h.log.list(
      refOf('cart'),
      { status: 'held' },
      { limit: 10 },
    );
    expect(held.items.map(n => [n.title, n.heldBy])).toEqual([
      [
        'Over',
        {
          windowId: 'w-1',
          reason: 'Redis upgrade',
          until: '2026-12-07T11:00:00.000Z',
        },
      ],
      [
        'New error in cart',
        {
          windowId: 'w-1',
          reason: 'Redis upgrade',
          until: '2026-12-07T11:00:00.000Z',
        },
      ],
    ]);

    // The second problem ends during the window: its close is held too.
    time.set('2026-12-07T10:30:00Z');
    await h.delivery.deliver([
      notice({
        holdable: true,
        scope: 'opsready:error:cart:2',
        title: 'Over now',
        closes: true,
      }),
    ]);

    h.sent.length = 0;
    const release = new HeldNoticeRelease({
      scheduler: mockServices.scheduler.mock(),
      log: h.log,
      delivery: h.delivery,
      logger: h.logger,
      now: time.now,
    });
    time.set('2026-12-07T10:59:00Z');
    expect(await release.run()).toBe(0);
    time.set('2026-12-07T11:00:30Z');
    expect(await release.run()).toBe(1);
    expect(h.sent.map(s => [s.recipients, s.payload.title])).toEqual([
      [{ type: 'entity', entityRef: [payments] }, 'New error in cart'],
    ]);
    expect(await release.run()).toBe(0);
    const released = await h.log.list(
      refOf('cart'),
      { status: 'released' },
      { limit: 10 },
    );
    expect(released.items.map(n => n.title)).toEqual(['New error in cart']);
  });

  it('sends a recipient at most perHour notifications of a topic an hour, and always the end of a problem', async () => {
    const time = clock('2026-12-07T10:00:00Z');
    const h = await notifierHarness({
      entities: fleet,
      perHour: 2,
      now: time.now,
    });
    for (let i = 1; i <= 3; i++) {
      await h.delivery.deliver([
        notice({ scope: `s-${i}`, title: `error ${i}` }),
      ]);
    }
    await h.delivery.deliver([
      notice({ topic: 'health', scope: 'h-1', title: 'cart is down' }),
      notice({ scope: 's-1', title: 'error 1 is over', closes: true }),
    ]);
    expect(h.sent.map(s => s.payload.title)).toEqual([
      'error 1',
      'error 2',
      'cart is down',
      'error 1 is over',
    ]);
    const limited = await h.log.list(
      refOf('cart'),
      { status: 'rate-limited' },
      { limit: 10 },
    );
    expect(limited.items.map(n => [n.title, n.recipients])).toEqual([
      ['error 3', [payments]],
    ]);
    // An hour later the share is back.
    time.set('2026-12-07T11:00:01Z');
    await h.delivery.deliver([notice({ scope: 's-4', title: 'error 4' })]);
    expect(h.sent.map(s => s.payload.title)).toContain('error 4');
  });

  it('sends a notice with a once-key at most once in its period', async () => {
    const time = clock('2026-12-07T10:00:00Z');
    const h = await notifierHarness({ entities: fleet, now: time.now });
    const reminder = notice({
      title: 'Still open',
      once: { key: 'stale:cart:1', withinMs: 86_400_000 },
    });
    await h.delivery.deliver([reminder, reminder]);
    time.set('2026-12-07T20:00:00Z');
    await h.delivery.deliver([reminder]);
    expect(h.sent).toHaveLength(1);
    time.set('2026-12-08T10:00:01Z');
    await h.delivery.deliver([reminder]);
    expect(h.sent).toHaveLength(2);
  });

  it("hands a topic's digestible notices to its digest instead of sending them", async () => {
    const queued: Array<[string, string[]]> = [];
    const h = await notifierHarness({
      entities: fleet,
      digest: {
        accepts: n => Boolean(n.digestible) && n.topic === 'compliance',
        add: async (n, to) => {
          queued.push([n.title, to]);
        },
      },
    });
    await h.delivery.deliver([
      notice({ topic: 'compliance', digestible: true, title: 'Level dropped' }),
      notice({ title: 'New error' }),
    ]);
    expect(queued).toEqual([['Level dropped', [payments]]]);
    expect(h.sent.map(s => s.payload.title)).toEqual(['New error']);
    const digested = await h.log.list(
      refOf('cart'),
      { status: 'digested' },
      { limit: 10 },
    );
    expect(digested.items).toHaveLength(1);
  });

  it('tells the named recipients and those to tell as well; no owner means no one, said in the log', async () => {
    const h = await notifierHarness({ entities: fleet });
    await h.delivery.deliver([
      notice({ recipients: ['group:default/platform'], title: 'To platform' }),
      notice({ alsoTell: [alan], title: 'Owners and alan' }),
      notice({ entityRef: refOf('orphan'), title: 'Nobody' }),
    ]);
    expect(h.sent.map(s => [s.recipients, s.payload.title])).toEqual([
      [
        { type: 'entity', entityRef: ['group:default/platform'] },
        'To platform',
      ],
      [{ type: 'entity', entityRef: [payments, alan] }, 'Owners and alan'],
    ]);
    expect(h.logger.info).toHaveBeenCalledWith(
      expect.stringContaining(`${refOf('orphan')} has no owner`),
    );
  });

  it('logs a notice as updated only when every recipient already had its scope', async () => {
    const h = await notifierHarness({ entities: fleet });
    const incident = (to: string[]) =>
      notice({ topic: 'health', scope: 'opsready:health:x', recipients: to });
    await h.delivery.deliver([incident([payments])]);
    await h.delivery.deliver([incident([web])]);
    await h.delivery.deliver([incident([payments, web])]);
    const logged = await h.log.list(refOf('cart'), {}, { limit: 10 });
    expect(logged.items.map(n => [n.recipients, n.status])).toEqual([
      [[payments, web], 'updated'],
      [[web], 'sent'],
      [[payments], 'sent'],
    ]);
  });

  it('tries a refused send again, and logs nothing as told when it never goes', async () => {
    const h = await notifierHarness({ entities: fleet });
    h.failFor.add('New error in cart', 1);
    await h.delivery.deliver([
      notice({ scope: 'once-refused', title: 'New error in cart' }),
    ]);
    expect(h.sent.map(s => s.payload.title)).toEqual(['New error in cart']);

    h.sent.length = 0;
    await h.log.prune({
      sendsBefore: new Date(0),
      logBefore: new Date('2100-01-01'),
    });
    h.failFor.add('New error in cart', 3);
    await h.delivery.deliver([notice()]);
    expect(h.sent).toEqual([]);

    // Refused for good (the notifications backend is not installed): one try.
    h.failFor.add('Nowhere to go', 1, 'Request failed with status 404');
    await h.delivery.deliver([
      notice({ scope: 'nowhere', title: 'Nowhere to go' }),
    ]);
    expect(h.sent).toEqual([]);
    expect((await h.log.list(refOf('cart'), {}, { limit: 10 })).items).toEqual(
      [],
    );
    expect(h.logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(
        "Could not send the notification 'New error in cart'",
      ),
    );
  });
});

describe('Notifier with the built-in handlers', () => {
  it('tells a deployment actor who is a catalog user of a rollback advised, beside the owners', async () => {
    const h = await notifierHarness({ entities: fleet });
    const advised = (actor: string) => ({
      type: 'deployment.rollback-advised' as const,
      entityRef: refOf('cart'),
      environment: 'production',
      deploymentId: `d-${actor}`,
      version: '1.5.0',
      actor,
      reason: '3 consecutive health failures after it',
      at: '2026-12-07T10:00:00Z',
    });
    await h.notifier.accept([
      advised('alan.turing'),
      advised('github-actions[bot]'),
      advised('user:default/nobody'),
    ]);
    // Advised again after correlation took it back: told once.
    await h.notifier.accept([advised('alan.turing')]);
    expect(h.sent.map(s => s.recipients)).toEqual([
      { type: 'entity', entityRef: [payments, alan] },
      { type: 'entity', entityRef: [payments] },
      { type: 'entity', entityRef: [payments] },
    ]);
    expect(h.sent[0].payload).toMatchObject({
      title: 'Rollback advised: cart 1.5.0 in production',
      description: '3 consecutive health failures after it',
      severity: 'high',
      topic: 'deployments',
      link: '/catalog/default/component/cart/opsready-deployments',
    });
  });
});
