import { defaultScorecard } from '@opsready/plugin-opsready-node';
import { ConfigReader } from '@backstage/config';
import { mockServices } from '@backstage/backend-test-utils';
import express from 'express';
import { spec } from '../schema/openapi/generated';
import { createWebhookSkipsRouter } from '../webhooks/createWebhookSkipsRouter';
import { createWebhooksRouter } from '../webhooks/createWebhooksRouter';
import { rewordValidatorMessage } from './createApiRouter';
import { createEventsRouter } from './eventsRouter';
import { createNotificationsRouter } from './notificationsRouter';
import { createMaintenanceRouter } from './maintenanceRouter';
import { createCampaignsRouter } from './campaignsRouter';
import { createFixesRouter } from './fixesRouter';
import { createSloRouter } from './sloRouter';
import { createScorecardsRouter } from './scorecardsRouter';
import { createRollupsRouter } from './rollupsRouter';
import { createRouter } from './router';

/** What each router's handlers are never called with here. */
const unused = {} as any;

function routesOf(router: express.Router): string[] {
  return router.stack.flatMap(layer => {
    const route = (layer as any).route;
    if (!route || route.path === '/openapi.json') return [];
    return Object.keys(route.methods).map(
      method => `${method.toUpperCase()} ${route.path}`,
    );
  });
}

describe('the routers of the API', () => {
  it('serve exactly the operations openapi.yaml documents', async () => {
    const routers = [
      await createRouter({
        httpAuth: unused,
        permissions: unused,
        catalog: unused,
        store: unused,
        evaluations: unused,
        health: unused,
        exemptions: unused,
        checks: () => [],
        scorecards: [defaultScorecard([])],
      }),
      createEventsRouter({
        httpAuth: unused,
        auth: unused,
        permissions: unused,
        catalog: unused,
        events: unused,
        deployments: unused,
        errors: unused,
        provisioned: unused,
        health: unused,
        scores: unused,
        config: { maxPayloadBytes: 1024, maxBatch: 10 } as any,
        readEntity: unused,
      }),
      createWebhooksRouter({
        ingest: unused,
        skips: unused,
        catalog: unused,
        auth: mockServices.auth(),
        logger: mockServices.logger.mock(),
        config: new ConfigReader({}),
      }),
      createWebhookSkipsRouter({ httpAuth: unused, skips: unused }),
      createNotificationsRouter({
        httpAuth: unused,
        reader: unused,
        readEntity: unused,
      }),
      createMaintenanceRouter({ httpAuth: unused, maintenance: unused }),
      createCampaignsRouter({
        httpAuth: unused,
        campaigns: unused,
        rules: { checks: () => [], levels: [] },
      }),
      createFixesRouter({
        httpAuth: unused,
        proposals: unused,
        runningImages: unused,
        checks: () => [],
      }),
      createSloRouter({ httpAuth: unused, slo: unused, readEntity: unused }),
      createScorecardsRouter({
        httpAuth: unused,
        catalog: unused,
        evaluations: unused,
        exemptions: unused,
        checks: () => [],
        scoring: unused,
      }),
      createRollupsRouter({ httpAuth: unused, rollups: unused }),
    ];
    const served = routers.flatMap(routesOf);
    const documented = Object.entries(spec.paths).flatMap(([path, item]) =>
      Object.keys(item)
        .filter(key => ['get', 'post', 'put', 'delete', 'patch'].includes(key))
        .map(
          method =>
            `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`,
        ),
    );
    expect(served.sort()).toEqual(documented.sort());
  });
});

describe('rewordValidatorMessage', () => {
  it('names the part of the request and the field, as the semantic checks do', () => {
    expect(
      rewordValidatorMessage('request/query/limit must be <= 500', 'query'),
    ).toBe('Invalid query: limit: must be <= 500');
    expect(
      rewordValidatorMessage(
        "request/body/decision must be equal to one of the allowed values: grant, decline, request/body must have required property 'note'",
        'decision',
      ),
    ).toBe(
      "Invalid decision: decision: must be equal to one of the allowed values: grant, decline; must have required property 'note'",
    );
    expect(rewordValidatorMessage("Unknown query parameter 'sort'", 'x')).toBe(
      'Invalid query: sort: not a parameter of this route',
    );
  });

  it('leaves a message it does not recognise as it is', () => {
    expect(rewordValidatorMessage('something else', 'body')).toBe(
      'something else',
    );
  });
});
