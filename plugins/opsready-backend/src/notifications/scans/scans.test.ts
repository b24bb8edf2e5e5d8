import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { SchedulerServiceTaskInvocationDefinition } from '@backstage/backend-plugin-api';
import {
  noticesOf,
  recordingPublisher,
} from '../../__testUtils__/domainEvents';
import { error } from '../../__testUtils__/eventInputs';
import { DatabaseErrorsStore } from '../../database/DatabaseErrorsStore';
import { DatabaseExemptionsStore } from '../../database/DatabaseExemptionsStore';
import { fakeCampaigns } from '../__testUtils__/fakeCampaigns';
import { createExemptionHandlers } from '../handlers/exemptions';
import { staleErrorHandlers } from '../handlers/staleErrors';
import { startNotificationScans } from '.';

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const HOUR = 3600_000;
const DAY = 24 * HOUR;
const cart = 'component:default/cartservice';

async function setUp(
  config: object = {},
  campaigns?: ReturnType<typeof fakeCampaigns>,
) {
  const knex = await databases.init('SQLITE_3');
  const database = { getClient: async () => knex };
  const exemptions = await DatabaseExemptionsStore.create({ database });
  const errors = await DatabaseErrorsStore.create({ database });
  const scheduler = mockServices.scheduler.mock();
  const publisher = recordingPublisher();
  const scans = await startNotificationScans({
    scheduler,
    logger: mockServices.logger.mock(),
    publisher,
    exemptions,
    errors,
    campaigns,
    config: new ConfigReader(config),
  });
  /** The function the scheduler runs for the task. */
  const task = (id: string) => {
    const call = scheduler.scheduleTask.mock.calls.find(
      ([definition]) => definition.id === id,
    );
    if (!call) throw new Error(`No task ${id}`);
    return call[0] as SchedulerServiceTaskInvocationDefinition;
  };
  return { exemptions, errors, scheduler, publisher, scans, task };
}

describe('startNotificationScans', () => {
  it('schedules both scans hourly, once across replicas', async () => {
    const { scheduler } = await setUp();
    expect(scheduler.scheduleTask).toHaveBeenCalledTimes(2);
    for (const id of [
      'opsready-notify-exemption-expiry',
      'opsready-notify-stale-errors',
    ]) {
      expect(scheduler.scheduleTask).toHaveBeenCalledWith(
        expect.objectContaining({
          id,
          scope: 'global',
          frequency: { hours: 1 },
        }),
      );
    }
  });

  it('schedules the campaign scan too where there are campaigns', async () => {
    const { scheduler, scans } = await setUp({}, fakeCampaigns());
    expect(scheduler.scheduleTask).toHaveBeenCalledTimes(3);
    expect(scheduler.scheduleTask).toHaveBeenCalledWith(
      expect.objectContaining({
        id: 'opsready-notify-campaigns',
        scope: 'global',
        frequency: { hours: 1 },
      }),
    );
    expect(scans.campaigns).toBeDefined();
  });
});

describe('the exemption expiry scan', () => {
  it('warns the owners of an exemption expiring within a week, and tells them once it expired', async () => {
    const { exemptions, publisher, scans } = await setUp();
    const now = new Date('2026-12-08T10:00:00Z');
    const granted = (checkId: string, expiresInMs: number) =>
      exemptions.createExemption({
        entityRef: cart,
        checkId,
        reason: 'r',
        expiresAt: new Date(now.getTime() + expiresInMs),
        createdBy: 'user:default/grace',
        status: 'granted',
      });
    const soon = await granted('kubernetes.pdb', 3 * DAY);
    await granted('catalog.owner', 10 * DAY);
    const gone = await granted('kubernetes.probes', -1 * DAY);
    await granted('catalog.description', -10 * DAY);

    expect(await scans.exemptionExpiry.run(now)).toEqual({
      expiring: 1,
      expired: 1,
    });
    expect(publisher.events).toEqual([
      {
        type: 'exemption.expiring',
        entityRef: cart,
        exemptionId: soon.id,
        checkId: 'kubernetes.pdb',
        expiresAt: '2026-12-11T10:00:00.000Z',
        expired: false,
      },
      {
        type: 'exemption.expiring',
        entityRef: cart,
        exemptionId: gone.id,
        checkId: 'kubernetes.probes',
        expiresAt: '2026-12-07T10:00:00.000Z',
        expired: true,
      },
    ]);
    const notices = await noticesOf(
      publisher.events,
      createExemptionHandlers({ platformGroups: [] }),
    );
    expect(
      notices.map(n => ({
        recipients: n.recipients,
        once: n.once,
        title: n.title,
      })),
    ).toEqual([
      {
        recipients: undefined,
        once: {
          key: `exemption-expiring:${soon.id}:warning`,
          withinMs: 30 * DAY,
        },
        title:
          'cartservice: the exemption from kubernetes.pdb expires on 2026-12-11',
      },
      {
        recipients: undefined,
        once: {
          key: `exemption-expiring:${gone.id}:expired`,
          withinMs: 30 * DAY,
        },
        title: 'cartservice: the exemption from kubernetes.probes has expired',
      },
    ]);
  });

  it('runs as its scheduled task, and publishes nothing when nothing expires', async () => {
    const { publisher, task } = await setUp();
    await task('opsready-notify-exemption-expiry').fn(
      new AbortController().signal,
    );
    expect(publisher.events).toEqual([]);
  });
});

describe('the stale errors scan', () => {
  it('reminds of open critical errors older than criticalErrorMaxAgeHours, as configured', async () => {
    const { errors, publisher, task } = await setUp({
      opsready: { checks: { criticalErrorMaxAgeHours: 4 } },
    });
    const now = Date.now();
    const ago = (hours: number) => new Date(now - hours * HOUR).toISOString();
    await errors.upsertErrors(
      [
        error('old', ago(5.5), { severity: 'critical', fingerprint: 'redis' }),
        error('new', ago(3), { severity: 'critical', fingerprint: 'disk' }),
      ],
      new Date(now),
    );

    await task('opsready-notify-stale-errors').fn(new AbortController().signal);

    expect(publisher.events).toEqual([
      {
        type: 'error.stale',
        entityRef: cart,
        environment: 'production',
        errorId: expect.any(String),
        fingerprint: 'redis',
        message: 'redis unreachable',
        openedAt: ago(5.5),
        ageHours: 5,
      },
    ]);
    const [notice] = await noticesOf(publisher.events, staleErrorHandlers);
    expect(notice).toEqual(
      expect.objectContaining({
        severity: 'critical',
        link: '/catalog/default/component/cartservice/opsready-errors',
        once: { key: `stale:${cart}:redis`, withinMs: 24 * HOUR },
      }),
    );
  });

  it('uses the default of 24 hours', async () => {
    const { errors, scans } = await setUp();
    const now = new Date('2026-12-08T10:00:00Z');
    const ago = (hours: number) =>
      new Date(now.getTime() - hours * HOUR).toISOString();
    await errors.upsertErrors(
      [
        error('a', ago(25), { severity: 'critical', fingerprint: 'a' }),
        error('b', ago(23), { severity: 'critical', fingerprint: 'b' }),
      ],
      now,
    );
    expect(await scans.staleErrors.run(now)).toEqual({ stale: 1 });
  });
});
