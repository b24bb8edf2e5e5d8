import { readFileSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
// The seeder is tested against the real backend plugin it talks to.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import opsreadyPlugin from '@opsready/plugin-opsready-backend';
import { createOpsReadyApiClient } from '@opsready/plugin-opsready-common';
import { parseAllDocuments } from 'yaml';
import { demoHistory } from './history';
import { seed } from './seed';

// The demo catalog itself, so that a service renamed there without the
// history following is caught here.
const demoCatalog: Entity[] = ['org.yaml', 'online-boutique.yaml'].flatMap(
  file =>
    parseAllDocuments(
      readFileSync(resolve(__dirname, '../../../../catalog', file), 'utf8'),
    ).map(document => document.toJSON()),
);

const NOW = Date.parse('2026-11-22T12:00:00Z');

// It starts a backend and replays thirty days through its API: more than
// Jest's default five seconds on a busy machine.
jest.setTimeout(60_000);

describe('the demo history seeder', () => {
  it('replays thirty days of history through the ingest API and the webhooks, idempotently', async () => {
    const { server } = await startTestBackend({
      features: [
        opsreadyPlugin,
        mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
        catalogServiceMock.factory({ entities: demoCatalog }),
        mockServices.rootConfig.factory({
          data: {
            opsready: {
              webhooks: {
                github: { secret: 'demo-github-secret' },
                alertmanager: { token: 'demo-alertmanager-token' },
              },
            },
          },
        }),
      ],
    });
    const backendUrl = `http://127.0.0.1:${
      (server.address() as AddressInfo).port
    }`;
    const options = {
      backendUrl,
      token: mockCredentials.service.token(),
      githubSecret: 'demo-github-secret',
      alertmanagerToken: 'demo-alertmanager-token',
    };
    const history = demoHistory(NOW);

    const first = await seed(history, options);
    // Replayed after a restart: nothing new.
    await seed(history, options);

    const api = createOpsReadyApiClient({
      baseUrl: `${backendUrl}/api/opsready`,
      headers: { Authorization: mockCredentials.user.header() },
    });
    const read = async (
      path: Record<'kind' | 'namespace' | 'name', string>,
      query: { environment?: string; status?: 'open'; limit?: number } = {},
      what: 'deployments' | 'errors' = 'deployments',
    ) => {
      const { data, response } = await api.GET(
        `/entities/{kind}/{namespace}/{name}/${what}`,
        { params: { path, query } },
      );
      expect(response.status).toBe(200);
      return data!;
    };
    const entity = (name: string) => ({
      kind: 'component',
      namespace: 'default',
      name,
    });

    const checkout = await read(entity('checkoutservice'), {
      environment: 'production',
      limit: 100,
    });
    const checkoutSent = history.deployments.filter(
      d =>
        d.entityRef === 'component:default/checkoutservice' &&
        d.environment === 'production',
    );
    expect(checkout.items).toHaveLength(checkoutSent.length);
    // The newest production deployment went back to an earlier version.
    expect(checkout.items[0]).toMatchObject({ isRollback: true });

    // GitHub's deployment + deployment_status became one deployment each.
    const catalogService = await read(entity('productcatalogservice'), {
      limit: 100,
    });
    expect(catalogService.items).toHaveLength(history.github.length);
    expect(first.githubDeliveries).toBe(2 * history.github.length);
    expect(catalogService.items.map((d: any) => d.status).sort()).toEqual([
      'failed',
      'succeeded',
      'succeeded',
      'succeeded',
      'succeeded',
    ]);

    // The checkout alert fired and resolved; the frontend's still fires.
    const checkoutErrors = await read(entity('checkoutservice'), {}, 'errors');
    expect(checkoutErrors.items).toEqual([
      expect.objectContaining({ status: 'resolved', severity: 'critical' }),
    ]);
    const frontendErrors = await read(
      entity('frontend'),
      { status: 'open' },
      'errors',
    );
    expect(
      frontendErrors.items.map((e: any) => e.code ?? e.message),
    ).toHaveLength(2);
  });
});
