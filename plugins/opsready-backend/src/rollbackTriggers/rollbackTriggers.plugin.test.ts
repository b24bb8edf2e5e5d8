import { SchedulerServiceTaskFunction } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createServer, Server } from 'http';
import { AddressInfo } from 'net';
import request from 'supertest';
import { opsreadyPlugin } from '../plugin';
import {
  base,
  cartservice,
  deployment,
} from '../service/__testUtils__/eventsBackend';

jest.setTimeout(60_000);

/** A Prometheus answering every query of the triggers: 20 % errors of 1000 requests. */
async function stubPrometheus() {
  const queries: string[] = [];
  const server: Server = createServer((req, res) => {
    const query = new URL(req.url!, 'http://x').searchParams.get('query') ?? '';
    queries.push(query);
    let value = '0.1';
    if (query.includes(' / ')) value = '0.2';
    else if (query.startsWith('sum(increase(')) value = '1000';
    res.setHeader('content-type', 'application/json');
    res.end(
      JSON.stringify({
        status: 'success',
        data: {
          resultType: 'vector',
          result: [{ metric: {}, value: [Date.now() / 1000, value] }],
        },
      }),
    );
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    queries,
    close: () => {
      server.closeAllConnections();
      return new Promise(r => server.close(r));
    },
  };
}

describe('rollback triggers in the plugin', () => {
  it('measures a recent deployment on schedule and advises its rollback through the API', async () => {
    const prometheus = await stubPrometheus();
    const tasks = new Map<string, SchedulerServiceTaskFunction>();
    const scheduler = mockServices.scheduler.mock({
      async scheduleTask(task) {
        tasks.set(task.id, task.fn);
      },
    });
    try {
      const { server } = await startTestBackend({
        features: [
          opsreadyPlugin,
          scheduler.factory,
          mockServices.rootConfig.factory({
            data: {
              opsready: {
                prometheus: {
                  servers: [{ name: 'main', url: prometheus.url }],
                },
              },
            },
          }),
          catalogServiceMock.factory({
            entities: [
              {
                ...cartservice,
                metadata: {
                  ...cartservice.metadata,
                  annotations: { 'prometheus.io/selector': 'job="cart"' },
                },
              },
            ],
          }),
        ],
      });
      const tenMinutesAgo = new Date(Date.now() - 10 * 60_000).toISOString();
      await request(server)
        .post('/api/opsready/deployments')
        .send(
          deployment('run-1', {
            version: '2.0.0',
            startedAt: tenMinutesAgo,
            finishedAt: tenMinutesAgo,
          }),
        )
        .expect(201);

      const watch = tasks.get('opsready-rollback-triggers');
      expect(watch).toBeDefined();
      await watch!(new AbortController().signal);

      const [deployed] = (
        await request(server).get(`${base}/deployments`).expect(200)
      ).body.items;
      expect(deployed).toMatchObject({
        rollbackAdvised: true,
        rollbackAdvisedReason:
          'Error rate 20 % since 2.0.0 was deployed, above 5 %',
        rollbackEvidence: [
          expect.objectContaining({ trigger: 'error-rate', fired: true }),
          expect.objectContaining({ trigger: 'latency', fired: false }),
        ],
      });
      expect(prometheus.queries.length).toBeGreaterThan(0);
      expect(
        prometheus.queries.every(q =>
          q.includes('job="cart",environment="production"'),
        ),
      ).toBe(true);
    } finally {
      await prometheus.close();
    }
  });
});
