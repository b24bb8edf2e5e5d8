import { RollbackEvidence } from '@opsready/plugin-opsready-common';
import { storeTestDatabases } from '../__testUtils__/testDatabases';
import { cart, deployment, now } from '../__testUtils__/eventInputs';
import { DatabaseDeploymentsStore } from './DatabaseDeploymentsStore';

jest.setTimeout(60_000);

const { databases, createStore } = storeTestDatabases(DatabaseDeploymentsStore);

const errorRate: RollbackEvidence = {
  trigger: 'error-rate',
  query: 'sum(increase(http_requests_total{job="cart"}[600s] @ 1795000000))',
  server: 'main',
  after: 0.123,
  threshold: 0.05,
  unit: 'ratio',
  window: { from: '2026-11-24T11:50:00.000Z', to: '2026-11-24T12:00:00.000Z' },
  fired: true,
  message: 'Error rate 12.3 % since 1.0.0 was deployed, above 5 %',
};

describe.each(databases.eachSupportedId())(
  'DatabaseDeploymentsStore rollback evidence (%s)',
  databaseId => {
    it('keeps the evidence of a deployment and returns it with the deployment', async () => {
      const { store } = await createStore(databaseId);
      await store.upsertDeployments(
        [deployment('run-1', '2026-11-24T11:50:00Z')],
        now,
      );
      const [stored] = (await store.listDeployments(cart, {}, { limit: 1 }))
        .items;
      expect(stored.rollbackEvidence).toBeUndefined();

      const latency: RollbackEvidence = {
        ...errorRate,
        trigger: 'latency',
        before: 150,
        after: 240,
        threshold: 0.5,
        unit: 'ms',
        fired: false,
        message: 'p95 latency 240 ms since 1.0.0 was deployed',
      };
      await store.setRollbackEvidence(stored.id, [errorRate, latency]);
      expect((await store.getDeployment(stored.id))?.rollbackEvidence).toEqual([
        errorRate,
        latency,
      ]);
      const [listed] = (await store.listDeployments(cart, {}, { limit: 1 }))
        .items;
      expect(listed.rollbackEvidence).toEqual([errorRate, latency]);

      // A redelivery of the deployment leaves the evidence alone.
      await store.upsertDeployments(
        [
          deployment('run-1', '2026-11-24T11:50:00Z', {
            finishedAt: '2026-11-24T11:52:00Z',
          }),
        ],
        now,
      );
      expect((await store.getDeployment(stored.id))?.rollbackEvidence).toEqual([
        errorRate,
        latency,
      ]);

      await store.setRollbackEvidence(stored.id, []);
      expect(
        (await store.getDeployment(stored.id))?.rollbackEvidence,
      ).toBeUndefined();
    });

    it('watches the latest deployment of each environment that reached it since the time given', async () => {
      const { store } = await createStore(databaseId);
      await store.upsertDeployments(
        [
          // Production: 1.1.0 superseded by 1.2.0; a failed 1.3.0 after
          // it changes nothing that runs.
          deployment('prod-1', '2026-11-24T11:10:00Z', {
            version: '1.1.0',
            finishedAt: '2026-11-24T11:12:00Z',
          }),
          deployment('prod-2', '2026-11-24T11:30:00Z', {
            version: '1.2.0',
            finishedAt: '2026-11-24T11:33:00Z',
          }),
          deployment('prod-3', '2026-11-24T11:40:00Z', {
            version: '1.3.0',
            status: 'failed',
          }),
          // Staging: still rolling out.
          deployment('staging-1', '2026-11-24T11:45:00Z', {
            environment: 'staging',
            status: 'started',
          }),
          // QA: started before the watch, finished within it.
          deployment('qa-1', '2026-11-24T10:50:00Z', {
            environment: 'qa',
            finishedAt: '2026-11-24T11:05:00Z',
          }),
          // Dev: deployed before the watch began.
          deployment('dev-1', '2026-11-24T10:00:00Z', {
            environment: 'dev',
            finishedAt: '2026-11-24T10:05:00Z',
          }),
          // EU: a started deployment that never finished, long ago.
          deployment('eu-1', '2026-11-24T09:00:00Z', {
            environment: 'eu',
            status: 'started',
          }),
          // Another entity's rolled-back deployment is not watched.
          deployment('ads-1', '2026-11-24T11:20:00Z', {
            entityRef: 'component:default/adservice',
            status: 'rolled-back',
          }),
        ],
        now,
      );
      const watched = await store.watchedDeployments(
        new Date('2026-11-24T11:00:00Z'),
      );
      expect(watched.map(d => d.externalId)).toEqual([
        'qa-1',
        'prod-2',
        'staging-1',
      ]);
    });
  },
);
