import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  builtInChecks,
  evaluateNewService,
  readLiveDataSources,
} from '@opsready/plugin-opsready-node';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { createEventStores } from '../__testUtils__/eventStores';
import { startFakeKubernetesApi } from '../__testUtils__/fakeKubernetesApi';
import { startFakeKubernetesBackend } from '../__testUtils__/fakeKubernetesBackend';
import {
  createTestDatabases,
  testPluginDatabase,
} from '../__testUtils__/testDatabases';
import { readOpsReadyConfig } from '../config/readOpsReadyConfig';
import { DatabaseEvaluationsStore } from '../database/DatabaseEvaluationsStore';
import { DatabaseExemptionsStore } from '../database/DatabaseExemptionsStore';
import { DatabaseHealthStore } from '../database/DatabaseHealthStore';
import { CatalogFactProvider } from '../facts/CatalogFactProvider';
import { DeliveryFactProvider } from '../facts/DeliveryFactProvider';
import { HealthFactProvider } from '../facts/HealthFactProvider';
import { KubernetesFactProvider } from '../facts/KubernetesFactProvider';
import { RepositoryFactProvider } from '../facts/RepositoryFactProvider';
import { sloFactProvider } from '../facts/sloFacts';
import { HealthService } from '../health/HealthService';
import { KubernetesProxyClient } from '../kubernetes/KubernetesProxyClient';
import { EvaluationService } from './EvaluationService';

jest.setTimeout(120_000);

const databases = createTestDatabases();

// A repository as a golden template renders it, published locally.
const FIXTURE = resolve(__dirname, '../__fixtures__/new-service');

const payments: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'payments', namespace: 'default' },
  spec: { type: 'team', children: [] },
};

/** The portal's config: it probes (the default) and reads a cluster. */
const config = new ConfigReader({
  kubernetes: { serviceLocatorMethod: { type: 'multiTenant' } },
});

/** The service's Component, as the catalog gives it once it read the file. */
async function registeredEntity(root: string): Promise<Entity> {
  const location = join(root, 'catalog-info.yaml');
  const component = parseAllDocuments(await fs.readFile(location, 'utf8'))
    .map(d => d.toJS() as Entity)
    .find(e => e.kind === 'Component')!;
  component.metadata.namespace = 'default';
  component.metadata.annotations = {
    ...component.metadata.annotations,
    'backstage.io/managed-by-location': `file:${location}`,
    'backstage.io/managed-by-origin-location': `file:${location}`,
  };
  return component;
}

describe.each(databases.eachSupportedId())(
  'a new service, promised by its template and shown by the portal (%s)',
  databaseId => {
    let root: string;
    let stops: Array<() => Promise<void>>;

    beforeEach(async () => {
      root = await fs.mkdtemp(join(tmpdir(), 'opsready-new-service-'));
      await fs.cp(FIXTURE, root, { recursive: true });
      stops = [];
    });

    afterEach(async () => {
      for (const stop of stops) await stop();
      await fs.rm(root, { recursive: true, force: true });
    });

    /**
     * The backend's evaluation with its real fact sources, right after the
     * template registered the service: nothing probed, nothing running in
     * the cluster, only the "provisioned" event the template recorded.
     */
    async function portal(entity: Entity, registeredAt: Date) {
      const knex = await databases.init(databaseId);
      const database = testPluginDatabase(knex);
      const events = await createEventStores(database);
      await events.provisioned.addProvisioned(
        'component:default/refund-service',
        { templateName: 'node-service', templateVersion: '1.0.0' },
        registeredAt,
      );
      const cluster = await startFakeKubernetesApi([]);
      const kubernetes = await startFakeKubernetesBackend(cluster.url);
      stops.push(cluster.stop, kubernetes.stop);
      const catalog = catalogServiceMock({ entities: [entity, payments] });
      const settings = readOpsReadyConfig(config);
      const logger = mockServices.logger.mock();
      const healthStore = await DatabaseHealthStore.create({ database });
      const service = new EvaluationService({
        catalog,
        store: await DatabaseEvaluationsStore.create({ database }),
        exemptions: await DatabaseExemptionsStore.create({ database }),
        checks: () => [...builtInChecks],
        providers: () => [
          new CatalogFactProvider({ catalog, auth: mockServices.auth() }),
          // The template's repository is a local directory.
          new RepositoryFactProvider({
            sources: { factsFor: async () => new Map() },
            logger,
          }),
          new KubernetesFactProvider({
            client: new KubernetesProxyClient({
              discovery: kubernetes.discovery,
              auth: mockServices.auth(),
            }),
            logger,
          }),
          new HealthFactProvider(new HealthService(healthStore), {
            probing: readLiveDataSources(config).health,
          }),
          new DeliveryFactProvider({
            ...events,
            now: () => new Date(registeredAt.getTime() + 60_000),
          }),
          sloFactProvider(config, healthStore),
        ],
        scoring: settings,
        logger,
      });
      return { service, settings };
    }

    it('gets the score, level and results its template run promised', async () => {
      const entity = await registeredEntity(root);
      const createdAt = new Date();
      const { service, settings } = await portal(entity, createdAt);

      // The template run: opsready:compliance:verify evaluates the
      // workspace before it is published.
      const promised = await evaluateNewService({
        root,
        entity,
        catalog: { ownerExists: true },
        checks: builtInChecks,
        settings,
        sources: readLiveDataSources(config),
        now: createdAt,
      });

      // The portal, a minute later, right after registration.
      const [stored] = await service.evaluateEntities(
        [entity],
        new Date(createdAt.getTime() + 60_000),
      );
      const shown = await service.present(stored);

      const statuses = (results: Array<{ checkId: string; status: string }>) =>
        Object.fromEntries(results.map(r => [r.checkId, r.status]));
      expect(statuses(shown.checks.map(c => c.result))).toEqual(
        statuses(promised.results),
      );
      expect({ score: shown.score, level: shown.level }).toEqual({
        score: promised.score,
        level: promised.level,
      });
      // And what they agree on: the top level, with what needs the running
      // service pending, not held against it.
      expect(shown.level).toBe('gold');
      expect(shown.score).toBe(100);
      expect(
        shown.checks
          .filter(c => c.result.status === 'pending')
          .map(c => [c.id, c.result.pendingUntil]),
      ).toEqual(
        [
          'health.uptime',
          'health.latency',
          'slo.budget-remaining',
          'kubernetes.drift',
        ].map(id => [
          id,
          new Date(
            createdAt.getTime() + 60_000 + settings.pendingForMs,
          ).toISOString(),
        ]),
      );
    });

    it('counts what is still pending as unknown once its pending time is over', async () => {
      const entity = await registeredEntity(root);
      const createdAt = new Date();
      const { service, settings } = await portal(entity, createdAt);
      const [first] = await service.evaluateEntities([entity], createdAt);
      expect(first.score).toBe(100);

      // Still never probed nor running, just past the pending time.
      const later = new Date(createdAt.getTime() + settings.pendingForMs);
      const [expired] = await service.evaluateEntities([entity], later);
      const shown = await service.present(expired);
      const uptime = shown.checks.find(c => c.id === 'health.uptime')!;
      expect(uptime.result.status).toBe('unknown');
      expect(uptime.result.pendingUntil).toBeUndefined();
      expect(uptime.result.message).toMatch(
        /^No data arrived by \d{4}-\d{2}-\d{2}, the end of its pending time, so it counts as unknown now\. Waiting for the first probe/,
      );
      expect(shown.checks.filter(c => c.result.status === 'pending')).toEqual(
        [],
      );
      // Uptime 3, latency 2 and drift 1 of weight, all not passed.
      expect(shown.score).toBeLessThan(first.score!);
      expect(shown.level).not.toBe('gold');
    });
  },
);
