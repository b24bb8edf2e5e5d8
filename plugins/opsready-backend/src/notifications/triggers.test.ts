/*
 * Every trigger of the compliance, exemption and stale-error handlers,
 * through the notifier and its delivery to the notification service.
 */
import { ConfigReader } from '@backstage/config';
import { triggerHandlers } from './handlers';
import {
  component,
  notifierHarness,
  refOf,
} from './__testUtils__/notifierHarness';

jest.setTimeout(30_000);

const payments = 'group:default/payments';
const platform = 'group:default/platform';
const alan = 'user:default/alan.turing';
const cart = refOf('cart');

async function harness(delivery: 'immediate' | 'daily' = 'immediate') {
  const config = new ConfigReader({
    opsready: {
      permissions: { platformGroups: ['platform'] },
      notifications: { topics: { compliance: { delivery } } },
    },
  });
  const queued: string[] = [];
  const h = await notifierHarness({
    entities: [component('cart', [payments])],
    handlers: triggerHandlers({
      config,
      checks: () => [{ id: 'kubernetes.pdb', title: 'PodDisruptionBudget' }],
    }),
    digest:
      delivery === 'daily'
        ? {
            accepts: n => Boolean(n.digestible),
            add: async n => {
              queued.push(n.title);
            },
          }
        : undefined,
  });
  const sent = () =>
    h.sent.map(s => ({
      to: s.recipients.type === 'entity' ? s.recipients.entityRef : [],
      title: s.payload.title,
      severity: s.payload.severity,
      topic: s.payload.topic,
      link: s.payload.link,
    }));
  return { ...h, sentTo: sent, queued };
}

describe('the notifier with the compliance, exemption and stale-error handlers', () => {
  it('tells the owners of a level drop and of a critical check starting to fail, or puts them in the digest', async () => {
    const h = await harness();
    await h.notifier.accept([
      {
        type: 'compliance.level-dropped',
        entityRef: cart,
        from: 'gold',
        to: 'silver',
        at: '2026-12-07T10:00:00Z',
      },
      {
        type: 'compliance.check-failing',
        entityRef: cart,
        checkId: 'kubernetes.pdb',
        title: 'PodDisruptionBudget',
        at: '2026-12-07T10:00:00Z',
      },
    ]);
    expect(h.sentTo()).toEqual([
      expect.objectContaining({
        to: [payments],
        topic: 'compliance',
        severity: 'normal',
        link: '/catalog/default/component/cart/opsready-compliance',
      }),
      expect.objectContaining({
        to: [payments],
        topic: 'compliance',
        severity: 'critical',
      }),
    ]);

    const digested = await harness('daily');
    await digested.notifier.accept([
      {
        type: 'compliance.level-dropped',
        entityRef: cart,
        from: 'gold',
        to: 'silver',
        at: '2026-12-07T10:00:00Z',
      },
    ]);
    expect(digested.sent).toEqual([]);
    expect(digested.queued).toHaveLength(1);
  });

  it('tells the platform groups of a request, the requester of the decision, and the owners of an expiry once', async () => {
    const h = await harness();
    const exemption = {
      entityRef: cart,
      exemptionId: 'x-1',
      checkId: 'kubernetes.pdb',
    };
    await h.notifier.accept([
      {
        type: 'exemption.requested',
        ...exemption,
        requestedBy: alan,
        reason: 'Single replica by design',
        at: '2026-12-07T10:00:00Z',
      },
      {
        type: 'exemption.decided',
        ...exemption,
        requestedBy: alan,
        decidedBy: 'user:default/ada.lovelace',
        decision: 'granted',
        at: '2026-12-07T11:00:00Z',
      },
    ]);
    const expiring = {
      type: 'exemption.expiring' as const,
      ...exemption,
      expiresAt: '2026-12-14T10:00:00Z',
      expired: false,
    };
    // The scan finds it every hour; the owners hear once.
    await h.notifier.accept([expiring]);
    await h.notifier.accept([expiring]);
    expect(h.sentTo().map(s => [s.to, s.topic])).toEqual([
      [[platform], 'exemptions'],
      [[alan], 'exemptions'],
      [[payments], 'exemptions'],
    ]);
    expect(h.sentTo()[1].title).toBe(
      'cart: your exemption from "PodDisruptionBudget" was granted',
    );
  });

  it('reminds the owners of a stale critical error at most once a day', async () => {
    const h = await harness();
    const stale = {
      type: 'error.stale' as const,
      entityRef: cart,
      environment: 'production',
      errorId: 'e-1',
      fingerprint: 'redis-timeout',
      message: 'Redis timed out',
      openedAt: '2026-12-05T10:00:00Z',
      ageHours: 48,
    };
    await h.notifier.accept([stale]);
    await h.notifier.accept([stale]);
    expect(h.sentTo()).toEqual([
      expect.objectContaining({
        to: [payments],
        topic: 'errors',
        severity: 'critical',
        link: '/catalog/default/component/cart/opsready-errors',
      }),
    ]);
  });
});
