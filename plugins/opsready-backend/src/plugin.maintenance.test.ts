import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import request from 'supertest';
import { base, startWith } from './service/__testUtils__/eventsBackend';

/*
 * Deployments in progress open maintenance windows when configured: a
 * deployment sent to the ingest API is published on the events service,
 * and the maintenance windows listen there.
 */

jest.setTimeout(60_000);

const minutesAgo = (minutes: number) =>
  new Date(Date.now() - minutes * 60_000).toISOString();

const deployment = (
  externalId: string,
  version: string,
  startedMinutesAgo: number,
  finishedMinutesAgo?: number,
) => ({
  entityRef: 'component:default/cartservice',
  environment: 'production',
  version,
  status: finishedMinutesAgo === undefined ? 'started' : 'succeeded',
  startedAt: minutesAgo(startedMinutesAgo),
  finishedAt:
    finishedMinutesAgo === undefined
      ? undefined
      : minutesAgo(finishedMinutesAgo),
  source: 'ci',
  externalId,
});

async function backendWith(deploymentWindow: object) {
  const server = await startWith(
    mockServices.rootConfig.factory({
      data: { opsready: { maintenance: { deploymentWindow } } },
    }),
  );
  const ingest = async (...items: object[]) => {
    const res = await request(server)
      .post('/api/opsready/deployments')
      .set('Authorization', mockCredentials.service.header())
      .send({ items });
    // 201 for a new deployment, 200 for one it updates.
    expect([200, 201]).toContain(res.status);
  };
  return { server, ingest };
}

/** The windows listed, once the published deployments have been heard. */
async function windows(server: any, query = '') {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const res = await request(server)
      .get(`${base}/maintenance-windows${query}`)
      .expect(200);
    if (res.body.items.length > 0 || Date.now() > deadline) {
      return res.body.items;
    }
    await new Promise(resolve => setTimeout(resolve, 50));
  }
}

describe('maintenance windows of deployments', () => {
  it('lists the window of a deployment in progress, and that of a finished one only among past windows', async () => {
    const { server, ingest } = await backendWith({
      enabled: true,
      duration: { minutes: 30 },
    });
    await ingest(deployment('d-1', '1.4.2', 120));
    await ingest(deployment('d-1', '1.4.2', 120, 110));
    await ingest(deployment('d-2', '1.5.0', 5));

    const current = await windows(server);
    expect(current).toEqual([
      expect.objectContaining({
        targetRef: 'component:default/cartservice',
        environment: 'production',
        reason: 'Deployment 1.5.0 in progress',
        source: 'deployment',
        deploymentId: 'ci:d-2',
        active: true,
      }),
    ]);
    const [window] = current;
    expect(Date.parse(window.endsAt) - Date.parse(window.startsAt)).toBe(
      30 * 60_000,
    );

    const withPast = await windows(server, '?include=past');
    expect(withPast.map((w: any) => [w.deploymentId, w.active])).toEqual([
      ['ci:d-2', true],
      ['ci:d-1', false],
    ]);
  });

  it('opens none unless configured to', async () => {
    const { server, ingest } = await backendWith({});
    await ingest(deployment('d-1', '1.4.2', 5));
    const res = await request(server)
      .get(`${base}/maintenance-windows`)
      .expect(200);
    expect(res.body.items).toEqual([]);
  });
});
