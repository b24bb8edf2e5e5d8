import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { KubernetesObject } from '@opsready/plugin-opsready-node';
import { startFakeKubernetesApi } from './__testUtils__/fakeKubernetesApi';
import { startFakeKubernetesBackend } from './__testUtils__/fakeKubernetesBackend';
import {
  createScratchDatabase,
  observedScheduler,
  replicaConfig,
  TaskRun,
  waitFor,
} from './__testUtils__/replicas';
import { opsreadyPlugin } from './plugin';

/*
 * The checks sweep, the Kubernetes collector, the repository sweep and the
 * catalog poll on two replicas sharing one PostgreSQL database, each with Backstage's real scheduler: both are global
 * tasks, whose lock lives in that database, so each period's run happens
 * once across the replicas — never twice, never two at once.
 */
jest.setTimeout(120_000);

const INTERVAL_MS = 2_000;
const SWEEPS = [
  'opsready-evaluate-entities',
  'opsready-collect-kubernetes',
  'opsready-refresh-repositories',
  'opsready-poll-catalog',
];

const labels = { 'backstage.io/kubernetes-id': 'cartservice' };
const entities: Entity[] = Array.from({ length: 5 }, (_, i) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: i === 0 ? 'cartservice' : `svc-${i}`,
    namespace: 'default',
    annotations: i === 0 ? labels : {},
  },
  spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
}));
const objects: KubernetesObject[] = [
  {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: 'cartservice',
      namespace: 'shop',
      uid: 'c0ffee00-1',
      labels,
      annotations: { 'deployment.kubernetes.io/revision': '1' },
    },
  },
  {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: 'cartservice-aaa',
      namespace: 'shop',
      labels,
      creationTimestamp: new Date(Date.now() - 3600_000).toISOString(),
      annotations: { 'deployment.kubernetes.io/revision': '1' },
      ownerReferences: [
        { kind: 'Deployment', name: 'cartservice', uid: 'c0ffee00-1' },
      ],
    },
    spec: {
      template: {
        spec: { containers: [{ name: 'server', image: 'cart:v1.0.0' }] },
      },
    },
  },
];

describe('the sweeps on two replicas', () => {
  it('run once per period across the replicas', async () => {
    const database = await createScratchDatabase('opsready_sweeps');
    const api = await startFakeKubernetesApi(objects);
    const kubernetes = await startFakeKubernetesBackend(api.url);
    const runs: TaskRun[] = [];
    try {
      const schedule = {
        frequency: { seconds: INTERVAL_MS / 1000 },
        timeout: { seconds: 30 },
        // A schedule read from config may name a scope; the sweeps stay
        // global whatever it says.
        scope: 'local',
      };
      const start = (replica: string) =>
        startTestBackend({
          features: [
            opsreadyPlugin,
            observedScheduler(replica, runs),
            catalogServiceMock.factory({ entities }),
            createServiceFactory({
              service: coreServices.discovery,
              deps: {},
              factory: () => kubernetes.discovery,
            }),
            replicaConfig(database.name, {
              kubernetes: { serviceLocatorMethod: { type: 'multiTenant' } },
              opsready: {
                schedule,
                kubernetes: { schedule },
                sources: { schedule, catalogPoll: schedule },
                health: { enabled: false },
              },
            }),
          ],
        });
      const replicas = await Promise.all([start('a'), start('b')]);

      const completed = (taskId: string) =>
        runs.filter(r => r.taskId === taskId && r.end !== undefined);
      await waitFor(
        'each sweep has completed six periods',
        () => SWEEPS.every(id => completed(id).length >= 6),
        // Two backends on a loaded machine may start slowly.
        90_000,
      );
      await Promise.all(replicas.map(r => r.stop()));
      const finishedAt = Date.now();

      for (const taskId of SWEEPS) {
        const ofTask = runs
          .filter(r => r.taskId === taskId)
          .sort((x, y) => x.start - y.start);
        // The lock: never two runs at once, on either replica.
        const overlapping = ofTask.filter(
          (run, i) => i > 0 && run.start < ofTask[i - 1].end!,
        );
        expect({ taskId, overlapping }).toEqual({ taskId, overlapping: [] });
        // Once per period, not once per replica: runs are due a period
        // apart, and one may start at most a poll late.
        const periods = Math.floor(
          (finishedAt - ofTask[0].start) / INTERVAL_MS,
        );
        expect({ taskId, tooMany: ofTask.length > periods + 2 }).toEqual({
          taskId,
          tooMany: false,
        });
      }

      // What the runs did, they did once: every component has one score,
      // and the rollout was recorded once.
      const scores = await database
        .knex('opsready_entity_scores')
        .select('entity_ref');
      expect(scores.map(s => s.entity_ref).sort()).toEqual(
        entities.map(e => `component:default/${e.metadata.name}`).sort(),
      );
      const deployments = await database
        .knex('opsready_deployments')
        .where({ source: 'kubernetes' })
        .select('version');
      expect(deployments).toEqual([{ version: 'v1.0.0' }]);
    } finally {
      await kubernetes.stop();
      await api.stop();
      await database.drop();
    }
  });
});
