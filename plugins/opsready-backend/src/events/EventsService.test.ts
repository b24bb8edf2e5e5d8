import { TestDatabaseId } from '@backstage/backend-test-utils';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { createTestEventsService } from '../__testUtils__/eventsService';
import { cart, deployment, error } from '../__testUtils__/eventInputs';
import {
  initialEndpointState,
  nextEndpointState,
} from '../health/endpointState';
import { HEALTH_ERROR_SOURCE, healthTransitionsToErrors } from './healthErrors';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const url = 'https://cart.example.com/healthz';

async function setUp(databaseId: TestDatabaseId) {
  const { stores, health, config, events, published } =
    await createTestEventsService(await databases.init(databaseId));
  const onTransition = healthTransitionsToErrors({
    ingest: events,
    severityOf: config.healthErrorSeverity,
  });
  /** Probes the endpoint like the sweep does, telling the listener. */
  let state = initialEndpointState;
  const probe = async (up: boolean, at: string) => {
    const next = nextEndpointState(state, {
      up,
      at: new Date(at),
      reason: up ? undefined : 'status 503, expected 200-299',
    });
    state = next.state;
    await health.recordProbe({
      entityRef: cart,
      environment: 'production',
      url,
      state: next.state,
      transition: next.transition,
      probe: {
        up,
        outcome: 'answered',
        at: new Date(at),
        latencyMs: 10,
        statusCode: up ? 200 : 503,
      },
    });
    if (next.transition) {
      await onTransition({
        entityRef: cart,
        environment: 'production',
        url,
        transition: next.transition,
        flapping: false,
      });
    }
  };
  return { events, stores, probe, published };
}

const finished = (externalId: string, version: string, startedAt: string) =>
  deployment(externalId, startedAt, { version, finishedAt: startedAt });

describe.each(databases.eachSupportedId())('EventsService (%s)', databaseId => {
  it('opens an error when health goes down after a deployment, advises a rollback, and resolves it on recovery', async () => {
    const { events, stores, probe, published } = await setUp(databaseId);
    await probe(true, '2026-11-24T09:00:00Z');
    await events.recordDeployments([
      finished('d-1', '2.0.0', '2026-11-24T10:00:00Z'),
    ]);
    for (const minute of ['01', '02', '03']) {
      await probe(false, `2026-11-24T10:${minute}:00Z`);
    }
    // Correlation follows the writes; readers wait for it.
    await events.settled([cart]);

    let [opened] = (await stores.errors.listErrors(cart, {}, { limit: 10 }))
      .items;
    expect(opened).toMatchObject({
      source: HEALTH_ERROR_SOURCE,
      code: 'HEALTH_DOWN',
      severity: 'critical',
      category: 'dependency',
      status: 'open',
      message: `Health endpoint ${url} is down: status 503, expected 200-299`,
      occurredAt: '2026-11-24T10:03:00.000Z',
    });
    const [deployed] = (
      await stores.deployments.listDeployments(cart, {}, { limit: 1 })
    ).items;
    expect(opened.deploymentId).toBe(deployed.id);
    expect(deployed).toMatchObject({
      changeFailure: true,
      changeFailureReasons: ['error', 'health-down'],
      rollbackAdvised: true,
      rollbackAdvisedReason: '3 consecutive health failures after it',
    });

    await probe(true, '2026-11-24T10:20:00Z');
    await probe(true, '2026-11-24T10:21:00Z');
    await events.settled([cart]);
    [opened] = (await stores.errors.listErrors(cart, {}, { limit: 10 })).items;
    expect(opened).toMatchObject({
      status: 'resolved',
      resolvedAt: '2026-11-24T10:21:00.000Z',
      resolvedBy: HEALTH_ERROR_SOURCE,
    });
    // Told once that a rollback is advised, however often correlation ran;
    // the outage's own error is left to the health notifications.
    expect(published.map(e => e.type)).toEqual([
      'deployment.finished',
      'deployment.rollback-advised',
    ]);
    expect(published[1]).toMatchObject({
      entityRef: cart,
      environment: 'production',
      deploymentId: deployed.id,
      version: '2.0.0',
      reason: '3 consecutive health failures after it',
    });
    expect(await events.listOpenErrors(HEALTH_ERROR_SOURCE)).toEqual([]);

    // Time to restore: down at 10:03, up at 10:21.
    const dora = await events.dora([cart], 'production', {
      from: new Date('2026-11-01T00:00:00Z'),
      to: new Date('2026-11-30T00:00:00Z'),
    });
    expect(dora.timeToRestoreHours).toEqual({ value: 0.3, band: 'elite' });
    expect(dora.changeFailureRate).toEqual({ value: 1, band: 'low' });
  });

  it('advises a rollback on an error spike, and leaves out invalid inputs with their reason', async () => {
    const { events, stores } = await setUp(databaseId);
    await events.recordDeployments([
      finished('d-1', '2.0.0', '2026-11-24T10:00:00Z'),
    ]);
    const outcome = await events.recordErrors([
      ...Array.from({ length: 5 }, (_, i) => ({
        entityRef: cart,
        environment: 'production',
        severity: 'high' as const,
        category: 'performance' as const,
        message: `slow query ${i}`,
        occurredAt: `2026-11-24T10:1${i}:00Z`,
        source: 'api',
        externalId: `e-${i}`,
      })),
      {
        entityRef: cart,
        environment: 'production',
        severity: 'urgent' as any,
        category: 'performance' as const,
        message: 'bad',
        occurredAt: '2026-11-24T10:10:00Z',
        source: 'api',
        externalId: 'bad-1',
      },
    ]);
    expect(outcome.stored).toBe(5);
    expect(outcome.rejected).toEqual([
      {
        index: 5,
        externalId: 'bad-1',
        reason: expect.stringMatching(/^severity: /),
      },
    ]);
    await events.settled([cart]);
    // Digits aside, the messages are one problem.
    const groups = await stores.errors.listErrorGroups(cart, {}, { limit: 10 });
    expect(groups.items).toHaveLength(1);
    const [deployed] = (
      await stores.deployments.listDeployments(cart, {}, { limit: 1 })
    ).items;
    expect(deployed.rollbackAdvisedReason).toBe(
      '5 errors within 60 minutes after it, against 0 in as long before',
    );
  });

  it('publishes serious error groups as they open and occur again, and deployments as they start and finish', async () => {
    const { events, published } = await setUp(databaseId);
    const sighting = (externalId: string, at: string, severity = 'high') => ({
      ...error(externalId, at),
      severity: severity as 'high',
      fingerprint: undefined,
    });
    await events.recordErrors([
      sighting('e-1', '2026-11-24T10:00:00Z'),
      {
        ...sighting('e-low', '2026-11-24T10:00:00Z', 'low'),
        message: 'slow query',
      },
    ]);
    await events.recordErrors([sighting('e-2', '2026-11-24T10:05:00Z')]);
    // A redelivery changes nothing and tells nothing.
    await events.recordErrors([sighting('e-2', '2026-11-24T10:05:00Z')]);
    expect(
      published.map(e =>
        e.type === 'error.opened' ? [e.type, e.severity, e.occurrences] : e,
      ),
    ).toEqual([
      ['error.opened', 'high', 1],
      ['error.opened', 'high', 2],
    ]);

    published.length = 0;
    await events.recordDeployments([
      deployment('d-1', '2026-11-24T11:00:00Z', {
        status: 'started',
        version: '2.1.0',
      }),
    ]);
    await events.recordDeployments([
      deployment('d-1', '2026-11-24T11:00:00Z', {
        status: 'failed',
        version: '2.1.0',
        finishedAt: '2026-11-24T11:04:00Z',
      }),
    ]);
    expect(published).toEqual([
      {
        type: 'deployment.started',
        entityRef: cart,
        environment: 'production',
        deploymentId: 'api:d-1',
        version: '2.1.0',
        at: '2026-11-24T11:00:00.000Z',
      },
      {
        type: 'deployment.finished',
        entityRef: cart,
        environment: 'production',
        deploymentId: 'api:d-1',
        status: 'failed',
        at: '2026-11-24T11:04:00.000Z',
      },
    ]);
  });

  it('re-correlates when a deployment arrives after its errors', async () => {
    const { events, stores } = await setUp(databaseId);
    await events.recordErrors([
      {
        entityRef: cart,
        environment: 'production',
        severity: 'critical',
        category: 'configuration',
        message: 'missing env DATABASE_URL',
        occurredAt: '2026-11-24T10:05:00Z',
        source: 'api',
        externalId: 'e-1',
      },
    ]);
    await events.recordDeployments([
      finished('d-0', '1.9.0', '2026-11-23T10:00:00Z'),
      finished('d-1', '2.0.0', '2026-11-24T10:00:00Z'),
    ]);
    await events.settled([cart]);
    const [stored] = (await stores.errors.listErrors(cart, {}, { limit: 1 }))
      .items;
    const page = await stores.deployments.listDeployments(
      cart,
      {},
      { limit: 2 },
    );
    expect(stored.deploymentId).toBe(page.items[0].id);
    expect(page.items.map(d => d.changeFailure)).toEqual([true, false]);
  });
});
