import { mockServices } from '@backstage/backend-test-utils';
import {
  createTestDatabases,
  testPluginDatabase,
} from '../__testUtils__/testDatabases';
import { DatabaseMaintenanceWindowsStore } from '../database/DatabaseMaintenanceWindowsStore';
import { DomainEvent, OPSREADY_EVENTS_TOPIC } from '../notifications/types';
import { DeploymentWindows } from './DeploymentWindows';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const cart = 'component:default/cartservice';
const range = {
  from: new Date('2026-12-05T00:00:00Z'),
  to: new Date('2026-12-06T00:00:00Z'),
};

const started: DomainEvent = {
  type: 'deployment.started',
  entityRef: 'Component:default/CartService',
  environment: 'production',
  deploymentId: 'd-1',
  version: '1.4.2',
  at: '2026-12-05T10:00:00.000Z',
};
const finished: DomainEvent = {
  type: 'deployment.finished',
  entityRef: cart,
  environment: 'production',
  deploymentId: 'd-1',
  status: 'succeeded',
  at: '2026-12-05T10:04:00.000Z',
};

async function setUp(enabled = true) {
  const knex = await databases.init('SQLITE_3');
  const store = await DatabaseMaintenanceWindowsStore.create({
    database: testPluginDatabase(knex),
  });
  const events = mockServices.events();
  const logger = mockServices.logger.mock();
  await new DeploymentWindows({
    events,
    store,
    config: { enabled, durationMs: 15 * 60_000 },
    logger,
  }).start();
  // As the events service publisher sends them: a batch per message.
  const publish = (event: unknown) =>
    events.publish({
      topic: OPSREADY_EVENTS_TOPIC,
      eventPayload: { events: [event] },
    });
  return { store, publish, logger };
}

describe('DeploymentWindows', () => {
  it('opens a window for the entity and environment when a deployment starts, and ends it when it finishes', async () => {
    const { store, publish } = await setUp();
    await publish(started);
    const [window] = await store.windowsOverlapping([cart], range);
    expect(window).toMatchObject({
      targetRef: cart,
      environment: 'production',
      startsAt: '2026-12-05T10:00:00.000Z',
      endsAt: '2026-12-05T10:15:00.000Z',
      reason: 'Deployment 1.4.2 in progress',
      source: 'deployment',
      deploymentId: 'd-1',
      createdBy: 'plugin:opsready',
    });
    // Delivered twice: still one window.
    await publish(started);
    expect(await store.windowsOverlapping([cart], range)).toHaveLength(1);

    await publish(finished);
    expect(await store.getWindow(window.id)).toMatchObject({
      endsAt: '2026-12-05T10:04:00.000Z',
    });
  });

  it('leaves other events, and payloads it cannot read, alone', async () => {
    const { store, publish, logger } = await setUp();
    await publish({ ...started, type: 'health.changed' });
    await publish({ type: 'deployment.started', entityRef: cart });
    await publish('not an event');
    await publish({ ...started, at: 'yesterday' });
    await publish({ ...started, entityRef: ':broken' });
    expect(await store.windowsOverlapping([cart], range)).toEqual([]);
    expect(logger.warn).toHaveBeenCalledTimes(2);
  });

  it('opens nothing when not enabled', async () => {
    const { store, publish } = await setUp(false);
    await publish(started);
    expect(await store.windowsOverlapping([cart], range)).toEqual([]);
  });
});
