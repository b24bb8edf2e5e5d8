import { createServiceFactory } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import request from 'supertest';
import { DomainEvent, OPSREADY_EVENTS_TOPIC } from './notifications/types';
import { base, startWith } from './service/__testUtils__/eventsBackend';

/*
 * Deployments in progress open maintenance windows when configured: the
 * plugin listens on the events service the rest of the backend publishes
 * its domain events on.
 */

jest.setTimeout(60_000);

const minutesAgo = (minutes: number) =>
  new Date(Date.now() - minutes * 60_000).toISOString();

const deployment = (
  deploymentId: string,
  version: string,
  startedMinutesAgo: number,
): DomainEvent => ({
  type: 'deployment.started',
  entityRef: 'component:default/cartservice',
  environment: 'production',
  deploymentId,
  version,
  at: minutesAgo(startedMinutesAgo),
});

async function backendWith(deploymentWindow: object) {
  // One events service for the plugin and the test that publishes.
  const events = mockServices.events();
  const server = await startWith(
    createServiceFactory({
      service: eventsServiceRef,
      deps: {},
      factory: () => events,
    }),
    mockServices.rootConfig.factory({
      data: { opsready: { maintenance: { deploymentWindow } } },
    }),
  );
  const publish = (event: DomainEvent) =>
    events.publish({ topic: OPSREADY_EVENTS_TOPIC, eventPayload: event });
  return { server, publish };
}

describe('maintenance windows of deployments', () => {
  it('lists the window of a deployment in progress, and that of a finished one only among past windows', async () => {
    const { server, publish } = await backendWith({
      enabled: true,
      duration: { minutes: 30 },
    });
    await publish(deployment('d-1', '1.4.2', 120));
    await publish({
      type: 'deployment.finished',
      entityRef: 'component:default/cartservice',
      environment: 'production',
      deploymentId: 'd-1',
      status: 'succeeded',
      at: minutesAgo(110),
    });
    await publish(deployment('d-2', '1.5.0', 5));

    const current = await request(server)
      .get(`${base}/maintenance-windows`)
      .expect(200);
    expect(current.body.items).toEqual([
      expect.objectContaining({
        targetRef: 'component:default/cartservice',
        environment: 'production',
        reason: 'Deployment 1.5.0 in progress',
        source: 'deployment',
        deploymentId: 'd-2',
        active: true,
      }),
    ]);
    const [window] = current.body.items;
    expect(Date.parse(window.endsAt) - Date.parse(window.startsAt)).toBe(
      30 * 60_000,
    );

    const withPast = await request(server)
      .get(`${base}/maintenance-windows?include=past`)
      .expect(200);
    expect(
      withPast.body.items.map((w: any) => [w.deploymentId, w.active]),
    ).toEqual([
      ['d-2', true],
      ['d-1', false],
    ]);
  });

  it('opens none unless configured to', async () => {
    const { server, publish } = await backendWith({});
    await publish(deployment('d-1', '1.4.2', 5));
    const res = await request(server)
      .get(`${base}/maintenance-windows`)
      .expect(200);
    expect(res.body.items).toEqual([]);
  });
});
