import { mockServices, TestDatabaseId } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { DEFAULT_METRICS } from '../config/readPrometheusConfig';
import { cart, deployment } from '../__testUtils__/eventInputs';
import { createTestEventsService } from '../__testUtils__/eventsService';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import {
  PrometheusQuerier,
  PrometheusUnavailableError,
} from '../prometheus/PrometheusClient';
import { RollbackTriggers } from './RollbackTriggers';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const MINUTE = 60_000;
const now = new Date('2026-12-11T12:00:00Z');
const ago = (minutes: number) =>
  new Date(now.getTime() - minutes * MINUTE).toISOString();

const cartEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'cartservice',
    annotations: { 'prometheus.io/selector': 'job="cart"' },
  },
};

/** What the fake Prometheus answers; `down` makes every query fail. */
interface Traffic {
  requests?: number;
  ratio?: number;
  p95BeforeSeconds?: number;
  p95AfterSeconds?: number;
  down?: boolean;
}

/**
 * A Prometheus answering by the shape of the query: the error ratio, the
 * request count, and p95 before or since the deployment (told apart by
 * the range: the hour before is `[3600s]`).
 */
function fakePrometheus(traffic: () => Traffic) {
  const asked: string[] = [];
  const client: PrometheusQuerier = {
    defaultServer: 'main',
    hasServer: name => name === 'main',
    async query(server, promql) {
      asked.push(promql);
      const t = traffic();
      if (t.down) throw new PrometheusUnavailableError(server, 'ECONNREFUSED');
      if (promql.includes(' / ')) return t.ratio;
      if (promql.startsWith('sum(increase(')) return t.requests;
      return promql.includes('[3600s]')
        ? t.p95BeforeSeconds
        : t.p95AfterSeconds;
    },
  };
  return { client, asked };
}

async function setUp(
  databaseId: TestDatabaseId,
  initial: Traffic,
  /** null: the catalog does not have it. */
  entity: Entity | null = cartEntity,
) {
  const service = await createTestEventsService(
    await databases.init(databaseId),
    { now: () => now },
  );
  let traffic = initial;
  const prometheus = fakePrometheus(() => traffic);
  const correlated: string[] = [];
  const triggers = new RollbackTriggers({
    deployments: service.stores.deployments,
    entities: async refs =>
      refs.map(ref => (ref === cart ? entity ?? undefined : undefined)),
    prometheus: {
      client: prometheus.client,
      metrics: DEFAULT_METRICS,
      environmentLabel: 'environment',
    },
    correlate: async work => {
      correlated.push(`${work.entityRef} ${work.environment}`);
      await service.events.correlateAgain(work);
    },
    settings: {
      errorRate: 0.05,
      latencyIncrease: 0.5,
      minRequests: 20,
      watchForMs: 60 * MINUTE,
      schedule: { frequency: { minutes: 1 }, timeout: { minutes: 1 } },
    },
    logger: mockServices.logger.mock(),
  });
  const deploy = async (
    externalId: string,
    version: string,
    minutesAgo: number,
  ) => {
    await service.events.recordDeployments([
      deployment(externalId, ago(minutesAgo + 2), {
        version,
        finishedAt: ago(minutesAgo),
      }),
    ]);
    await service.events.settled();
  };
  const read = async (externalId: string) =>
    (
      await service.stores.deployments.listDeployments(cart, {}, { limit: 100 })
    ).items.find(d => d.externalId === externalId)!;
  const advised = () =>
    service.published.filter(e => e.type === 'deployment.rollback-advised');
  return {
    triggers,
    deploy,
    read,
    advised,
    correlated,
    asked: prometheus.asked,
    setTraffic: (t: Traffic) => {
      traffic = t;
    },
  };
}

describe.each(databases.eachSupportedId())(
  'RollbackTriggers (%s)',
  databaseId => {
    it('advises a rollback when the error rate since the deployment is above 5 %, and tells the owners once', async () => {
      const t = await setUp(databaseId, { requests: 1000, ratio: 0.123 });
      await t.deploy('d-1', '1.4.0', 30);

      expect(await t.triggers.watch(now)).toEqual({
        measured: 1,
        fired: 1,
        unavailable: 0,
      });
      const d = await t.read('d-1');
      expect(d.rollbackEvidence).toEqual([
        expect.objectContaining({
          trigger: 'error-rate',
          server: 'main',
          after: 0.123,
          threshold: 0.05,
          unit: 'ratio',
          window: { from: ago(30), to: now.toISOString() },
          fired: true,
          message: 'Error rate 12.3 % since 1.4.0 was deployed, above 5 %',
        }),
      ]);
      // The series of the deployment's environment only.
      expect(d.rollbackEvidence![0].query).toContain(
        'job="cart",environment="production"',
      );
      expect(d.rollbackAdvised).toBe(true);
      expect(d.rollbackAdvisedReason).toBe(
        'Error rate 12.3 % since 1.4.0 was deployed, above 5 %',
      );
      expect(t.advised()).toEqual([
        expect.objectContaining({
          deploymentId: d.id,
          version: '1.4.0',
          reason: 'Error rate 12.3 % since 1.4.0 was deployed, above 5 %',
        }),
      ]);

      // Later the burst is diluted: the advice and its evidence stay, and
      // nobody is told again.
      t.setTraffic({ requests: 5000, ratio: 0.02 });
      await t.triggers.watch(now);
      expect((await t.read('d-1')).rollbackEvidence?.[0]).toMatchObject({
        after: 0.123,
        fired: true,
      });
      expect((await t.read('d-1')).rollbackAdvised).toBe(true);
      expect(t.advised()).toHaveLength(1);
      expect(t.correlated).toHaveLength(1);
    });

    it('does not fire at exactly 5 %', async () => {
      const t = await setUp(databaseId, { requests: 1000, ratio: 0.05 });
      await t.deploy('d-1', '1.4.0', 30);
      await t.triggers.watch(now);
      const d = await t.read('d-1');
      expect(d.rollbackEvidence?.[0]).toMatchObject({
        fired: false,
        message: 'Error rate 5 % since 1.4.0 was deployed, within 5 %',
      });
      expect(d.rollbackAdvised).toBe(false);
      expect(t.correlated).toEqual([]);
    });

    it('advises a rollback when p95 is up more than 50 % on the hour before, and not at 40 %', async () => {
      const t = await setUp(databaseId, {
        requests: 1000,
        ratio: 0,
        p95BeforeSeconds: 0.15,
        p95AfterSeconds: 0.21,
      });
      await t.deploy('d-1', '1.4.0', 30);
      await t.triggers.watch(now);
      expect((await t.read('d-1')).rollbackEvidence?.[1]).toMatchObject({
        trigger: 'latency',
        before: 150,
        after: 210,
        threshold: 0.5,
        unit: 'ms',
        fired: false,
        message:
          'p95 latency 210 ms since 1.4.0 was deployed, 40 % above the 150 ms of the hour before, within +50 %',
      });
      expect((await t.read('d-1')).rollbackAdvised).toBe(false);

      t.setTraffic({
        requests: 1000,
        ratio: 0,
        p95BeforeSeconds: 0.15,
        p95AfterSeconds: 0.24,
      });
      await t.triggers.watch(now);
      const d = await t.read('d-1');
      const latency = d.rollbackEvidence?.[1];
      expect(latency).toMatchObject({ before: 150, after: 240, fired: true });
      expect(d.rollbackAdvisedReason).toBe(
        'p95 latency 240 ms since 1.4.0 was deployed, 60 % above the 150 ms of the hour before, more than +50 %',
      );
      // The baseline is the hour before the deployment, pinned to it.
      const deployedAt = Date.parse(ago(30)) / 1000;
      expect(t.asked).toContain(
        `histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{job="cart",environment="production"}[3600s] @ ${deployedAt})))`,
      );
    });

    it('gives no verdict on fewer requests than minRequests, and says so', async () => {
      const t = await setUp(databaseId, {
        requests: 19,
        ratio: 0.5,
        p95BeforeSeconds: 0.1,
        p95AfterSeconds: 1,
      });
      await t.deploy('d-1', '1.4.0', 30);
      await t.triggers.watch(now);
      const d = await t.read('d-1');
      expect(d.rollbackEvidence?.map(e => [e.fired, e.message])).toEqual([
        [
          false,
          'Only 19 requests since 1.4.0 was deployed, fewer than the 20 a verdict needs',
        ],
        [
          false,
          'Only 19 requests since 1.4.0 was deployed, fewer than the 20 a verdict needs',
        ],
      ]);
      expect(d.rollbackAdvised).toBe(false);
    });

    it('watches only the latest deployment of the environment, within watchFor', async () => {
      const t = await setUp(databaseId, { requests: 1000, ratio: 0.5 });
      await t.deploy('old', '1.3.0', 90);
      await t.deploy('superseded', '1.4.0', 40);
      await t.deploy('latest', '1.5.0', 20);
      expect(await t.triggers.watch(now)).toMatchObject({ measured: 1 });
      expect((await t.read('latest')).rollbackAdvised).toBe(true);
      expect((await t.read('superseded')).rollbackEvidence).toBeUndefined();
      expect((await t.read('old')).rollbackEvidence).toBeUndefined();

      // An hour and a bit later the latest is no longer watched.
      const later = new Date(now.getTime() + 45 * MINUTE);
      t.asked.length = 0;
      expect(await t.triggers.watch(later)).toMatchObject({ measured: 0 });
      expect(t.asked).toEqual([]);
    });

    it('keeps the evidence and the advice while Prometheus does not answer', async () => {
      const t = await setUp(databaseId, { requests: 1000, ratio: 0.2 });
      await t.deploy('d-1', '1.4.0', 30);
      await t.triggers.watch(now);
      const before = await t.read('d-1');
      expect(before.rollbackAdvised).toBe(true);

      t.setTraffic({ down: true });
      expect(await t.triggers.watch(now)).toEqual({
        measured: 0,
        fired: 0,
        unavailable: 1,
      });
      const after = await t.read('d-1');
      expect(after.rollbackEvidence).toEqual(before.rollbackEvidence);
      expect(after.rollbackAdvisedReason).toBe(before.rollbackAdvisedReason);
    });

    it.each([
      ['names no series', { ...cartEntity, metadata: { name: 'cartservice' } }],
      ['is not in the catalog', null],
    ])('leaves alone an entity that %s', async (_, entity: Entity | null) => {
      const t = await setUp(databaseId, { requests: 1000, ratio: 0.5 }, entity);
      await t.deploy('d-1', '1.4.0', 30);
      expect(await t.triggers.watch(now)).toMatchObject({ measured: 0 });
      expect(t.asked).toEqual([]);
    });
  },
);
