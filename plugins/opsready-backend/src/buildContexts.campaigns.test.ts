import {
  mockErrorHandler,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { defaultLevels } from '@opsready/plugin-opsready-common';
import { CheckDefinition } from '@opsready/plugin-opsready-node';
import express from 'express';
import request from 'supertest';
import { testPluginDatabase } from './__testUtils__/testDatabases';
import { buildCampaigns, buildEvaluationContext } from './buildContexts';
import { service } from './campaigns/__testUtils__/campaignFixtures';
import { MemoryCampaignsStore } from './campaigns/__testUtils__/memoryCampaignsStore';
import type { EvaluationListener } from './campaigns/types';
import { readOpsReadyConfig } from './config/readOpsReadyConfig';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

const pdb: CheckDefinition = {
  id: 'kubernetes.pdb',
  title: 'Has a PodDisruptionBudget',
  description: 'Test check.',
  category: 'kubernetes',
  severity: 'high',
  weight: 1,
  remediation: 'Add one.',
  evaluate: facts =>
    facts.entity.metadata.annotations?.pdb === 'yes'
      ? { status: 'pass', message: 'Has one' }
      : { status: 'fail', message: 'None' },
};

async function eventually<T>(read: () => Promise<T>, done: (v: T) => boolean) {
  for (let tries = 0; tries < 100; tries++) {
    const value = await read();
    if (done(value)) return value;
    await new Promise(resolve => setTimeout(resolve, 20));
  }
  throw new Error('It never happened');
}

describe('buildCampaigns', () => {
  it('serves campaigns, computes a launched one, and keeps it up to date as entities are evaluated', async () => {
    const knex = await databases.init('SQLITE_3');
    const config = mockServices.rootConfig({
      data: { opsready: { campaigns: { refreshInterval: 'PT5M' } } },
    });
    const scheduler = mockServices.scheduler.mock();
    const cart = service('cart');
    const deps = {
      config,
      logger: mockServices.logger.mock(),
      database: testPluginDatabase(knex),
      scheduler,
      urlReader: mockServices.urlReader.mock(),
      discovery: mockServices.discovery(),
      lifecycle: mockServices.lifecycle.mock(),
      auth: mockServices.auth(),
      catalog: catalogServiceMock({ entities: [cart] }),
      httpAuth: mockServices.httpAuth(),
      permissions: mockServices.permissions(),
    };
    const checks = () => [pdb];
    const listeners: EvaluationListener[] = [];
    const evaluation = await buildEvaluationContext(deps, {
      checks,
      providers: [],
      settings: readOpsReadyConfig(config),
      listeners,
    });
    const store = new MemoryCampaignsStore();
    const campaigns = await buildCampaigns(deps, {
      store,
      evaluation,
      listeners,
      checks,
      levels: defaultLevels,
    });

    expect(listeners).toEqual([campaigns.tracker.onEvaluated]);
    expect(scheduler.scheduleTask).toHaveBeenCalledWith(
      expect.objectContaining({
        id: 'opsready-campaigns-refresh',
        frequency: { milliseconds: 5 * 60_000 },
      }),
    );

    const app = express();
    app.use(campaigns.router);
    app.use(mockErrorHandler());
    const created = await request(app)
      .post('/campaigns')
      .send({
        name: 'PDBs everywhere',
        goal: { checks: ['kubernetes.pdb'] },
        startsAt: new Date(Date.now() - 3600_000).toISOString(),
        deadline: new Date(Date.now() + 30 * 24 * 3600_000).toISOString(),
        owner: 'platform',
      })
      .expect(201);
    const id = created.body.campaign.id;
    const computed = await eventually(
      () => campaigns.reads.get(id),
      c => !!c.computedAt,
    );
    expect(computed.figures).toEqual({ total: 1, done: 0, exempt: 0, open: 1 });

    await evaluation.evaluations.evaluateEntities([
      { ...cart, metadata: { ...cart.metadata, annotations: { pdb: 'yes' } } },
    ]);
    const progress = await campaigns.reads.getProgress(id);
    expect(progress.figures).toEqual({ total: 1, done: 1, exempt: 0, open: 0 });
    expect((await campaigns.reads.get(id)).completedAt).toBeDefined();
  });
});
