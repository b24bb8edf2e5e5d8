/* Shared by the webhook router tests: the catalog they resolve against, an app
   around the router, and GitHub's signing. */
import { mockErrorHandler, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import express from 'express';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import request from 'supertest';
import { InMemoryEventIngest } from './InMemoryEventIngest';
import { InMemoryWebhookSkips } from './InMemoryWebhookSkips';
import {
  createWebhooksRouter,
  WebhooksRouterOptions,
} from '../createWebhooksRouter';

export const SECRET = 'It’s a Secret to Everybody';
export const AM_TOKEN = 'am-token-0123456789';
export const ARGO_TOKEN = 'argo-token-9876543210';

export function fixture(path: string): string {
  return readFileSync(
    resolvePath(__dirname, '..', '__fixtures__', path),
    'utf8',
  );
}

export function component(
  name: string,
  annotations: Record<string, string> = {},
  namespace = 'default',
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace, annotations },
    spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
  };
}

export const helloWorld = component('hello-world', {
  'github.com/project-slug': 'Codertocat/Hello-World',
});
// The repository's System carries the same slug: the Component must win.
export const helloSystem: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: {
    name: 'hello',
    annotations: { 'github.com/project-slug': 'Codertocat/Hello-World' },
  },
  spec: { owner: 'team-a' },
};
export const api = component('api');
export const cartservice = component('cartservice', {
  'argocd/app-name': 'cartservice-prod',
});
export const checkout = component('checkoutservice', {
  'argocd/app-selector': 'backstage-name=checkoutservice',
});

export const entities = [helloWorld, helloSystem, api, cartservice, checkout];

export function makeApp(
  webhooks: Record<string, any> = {
    github: { secret: SECRET },
    alertmanager: { token: AM_TOKEN },
    argocd: { token: ARGO_TOKEN },
  },
  catalogEntities: Entity[] = entities,
  more: Pick<WebhooksRouterOptions, 'pushes'> = {},
) {
  const ingest = new InMemoryEventIngest();
  const skips = new InMemoryWebhookSkips();
  const logger = mockServices.logger.mock();
  const app = express();
  app.use(
    createWebhooksRouter({
      ingest,
      skips,
      catalog: catalogServiceMock({ entities: catalogEntities }),
      auth: mockServices.auth(),
      logger,
      config: new ConfigReader({ opsready: { webhooks } }),
      ...more,
    }),
  );
  app.use(mockErrorHandler());
  return { app, ingest, skips, logger };
}

export function sign(body: string, secret = SECRET): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export function sendGitHub(
  app: Parameters<typeof request>[0],
  event: string,
  body: string,
  signature = sign(body),
) {
  return request(app)
    .post('/webhooks/github')
    .set('Content-Type', 'application/json')
    .set('X-GitHub-Event', event)
    .set('X-GitHub-Delivery', '72d3162e-cc78-11e3-81ab-4c9367dc0958')
    .set('X-Hub-Signature-256', signature)
    .send(body);
}

/** A fixture with some of its fields changed, as GitHub would sign it. */
export function edited(path: string, edit: (payload: any) => void): string {
  const payload = JSON.parse(fixture(path));
  edit(payload);
  return JSON.stringify(payload);
}
