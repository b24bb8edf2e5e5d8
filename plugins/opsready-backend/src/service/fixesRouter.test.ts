import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { CheckResult } from '@opsready/plugin-opsready-common';
import express from 'express';
import request from 'supertest';
import { specCheckedServer } from '../__testUtils__/specCheckedServer';
import {
  createTestDatabases,
  testPluginDatabase,
} from '../__testUtils__/testDatabases';
import { DatabaseFixProposalsStore } from '../database/DatabaseFixProposalsStore';
import { StoredEvaluation } from '../database/EvaluationsStore';
import { FixProposalsService } from '../fixes/FixProposalsService';
import { RunningImages } from '../kubernetes/runningImages';
import { createFixesRouter } from './fixesRouter';

jest.setTimeout(60_000);

const databases = createTestDatabases();

const cartservice: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'cartservice',
    namespace: 'default',
    annotations: { 'backstage.io/kubernetes-id': 'cartservice' },
  },
  spec: { type: 'service', owner: 'group:default/payments' },
};
const cartRef = 'component:default/cartservice';
const base = '/entities/component/default/cartservice';
const proposalsPath = `${base}/fix-proposals`;
const missingPath = '/entities/component/default/no-such-service';

const checks = [
  'kubernetes.probes',
  'kubernetes.resources',
  'repository.readme',
  'catalog.owner',
].map(id => ({ id }));

const denyAll = {
  authorize: async (requests: unknown[]) =>
    requests.map(() => ({ result: AuthorizeResult.DENY })),
  authorizeConditional: async (requests: unknown[]) =>
    requests.map(() => ({ result: AuthorizeResult.DENY })),
} as unknown as PermissionsService;

const evaluationOf = (
  results: Array<[string, CheckResult['status']]>,
): StoredEvaluation => ({
  entityRef: cartRef,
  kind: 'component',
  owner: 'group:default/payments',
  score: 50,
  level: null,
  evaluatedAt: new Date('2026-12-10T12:00:00Z'),
  results: results.map(([checkId, status]) => ({
    checkId,
    status,
    message: status,
  })),
});

async function setUp(options: { permissions?: PermissionsService } = {}) {
  let now = new Date('2026-12-10T10:00:00Z');
  const knex = await databases.init('SQLITE_3');
  const store = await DatabaseFixProposalsStore.create({
    database: testPluginDatabase(knex),
  });
  const catalog = catalogServiceMock({ entities: [cartservice] });
  const readEntity = async (ref: string, credentials: BackstageCredentials) => {
    const entity = await catalog.getEntityByRef(ref, { credentials });
    if (!entity) throw new NotFoundError(`No entity ${ref} in the catalog`);
    return entity;
  };
  const latest = new Map<string, StoredEvaluation>();
  const digest = `sha256:${'a'.repeat(64)}`;
  const router = createFixesRouter({
    httpAuth: mockServices.httpAuth(),
    checks: () => checks,
    proposals: new FixProposalsService({
      store,
      evaluations: { getEvaluation: async ref => latest.get(ref) },
      permissions: options.permissions ?? mockServices.permissions(),
      auth: mockServices.auth(),
      readEntity,
      now: () => now,
    }),
    runningImages: new RunningImages({
      client: {
        listEverywhere: async () => ({
          clusters: ['eu-1'],
          failures: [],
          objects: [
            {
              apiVersion: 'v1',
              kind: 'Pod',
              cluster: 'eu-1',
              metadata: {
                name: 'cartservice-0',
                labels: { 'backstage.io/kubernetes-id': 'cartservice' },
              },
              spec: { containers: [{ name: 'server', image: 'cart:1.4.2' }] },
              status: {
                containerStatuses: [
                  { name: 'server', imageID: `cart@${digest}` },
                ],
              },
            },
          ],
        }),
      },
      logger: mockServices.logger.mock(),
      readEntity,
    }),
  });
  const app = express();
  app.use(router);
  app.use(mockErrorHandler());
  return {
    app,
    store,
    digest,
    checked: await specCheckedServer(app),
    setEvaluation: (evaluation: StoredEvaluation) =>
      latest.set(evaluation.entityRef, evaluation),
    setNow: (date: Date) => {
      now = date;
    },
  };
}

describe('fix proposals API', () => {
  it('records a proposal per check, the latest replacing an older one, and lists them newest first (as openapi.yaml says)', async () => {
    const { checked, setNow } = await setUp();
    const first = await request(checked)
      .post(proposalsPath)
      .send({
        checkIds: ['kubernetes.probes', 'kubernetes.resources'],
        url: 'https://github.com/acme/cart/pull/7',
        title: '  Add probes and resources  ',
        branch: 'opsready/fix-kubernetes',
      })
      .expect(201);
    expect(first.body.items).toEqual([
      {
        id: expect.any(String),
        entityRef: cartRef,
        checkId: 'kubernetes.probes',
        url: 'https://github.com/acme/cart/pull/7',
        title: 'Add probes and resources',
        branch: 'opsready/fix-kubernetes',
        createdBy: mockCredentials.user().principal.userEntityRef,
        createdAt: '2026-12-10T10:00:00.000Z',
      },
      expect.objectContaining({ checkId: 'kubernetes.resources' }),
    ]);

    // The scaffolder records a newer change for one of the checks.
    setNow(new Date('2026-12-10T11:00:00Z'));
    const second = await request(checked)
      .post(proposalsPath)
      .set('Authorization', mockCredentials.service.header())
      .send({
        checkIds: ['kubernetes.probes'],
        url: 'file:///srv/git/cartservice.git',
        branch: 'opsready/fix-probes',
      })
      .expect(201);
    expect(second.body.items).toEqual([
      expect.objectContaining({
        checkId: 'kubernetes.probes',
        createdBy: mockCredentials.service().principal.subject,
      }),
    ]);

    const listed = await request(checked).get(proposalsPath).expect(200);
    expect(
      listed.body.items.map((p: any) => [p.checkId, p.url, p.createdAt]),
    ).toEqual([
      [
        'kubernetes.probes',
        'file:///srv/git/cartservice.git',
        '2026-12-10T11:00:00.000Z',
      ],
      [
        'kubernetes.resources',
        'https://github.com/acme/cart/pull/7',
        '2026-12-10T10:00:00.000Z',
      ],
    ]);
  });

  it('lists only the proposals whose check does not pass in the latest evaluation', async () => {
    const { checked, setEvaluation } = await setUp();
    await request(checked)
      .post(proposalsPath)
      .send({
        checkIds: checks.map(c => c.id),
        url: 'https://gitlab.example.com/shop/cart/-/merge_requests/4',
      })
      .expect(201);
    setEvaluation(
      evaluationOf([
        ['kubernetes.probes', 'pass'],
        ['kubernetes.resources', 'fail'],
        ['repository.readme', 'not-applicable'],
        ['catalog.owner', 'warn'],
      ]),
    );
    const listed = await request(checked).get(proposalsPath).expect(200);
    expect(listed.body.items.map((p: any) => p.checkId).sort()).toEqual([
      'catalog.owner',
      'kubernetes.resources',
    ]);
  });

  it('answers 403 naming the permission when the caller may not record proposals, and stores nothing', async () => {
    const { app, store } = await setUp({ permissions: denyAll });
    const refused = await request(app)
      .post(proposalsPath)
      .send({
        checkIds: ['kubernetes.probes'],
        url: 'https://github.com/acme/cart/pull/7',
      })
      .expect(403);
    expect(refused.body.error.message).toBe(
      'You may not record fix proposals (permission opsready.events.create)',
    );
    expect(await store.proposalsOf([cartRef])).toEqual([]);
  });

  it('answers 404 for an entity the catalog does not have', async () => {
    const { app } = await setUp();
    const cases = [
      request(app).get(`${missingPath}/fix-proposals`),
      request(app)
        .post(`${missingPath}/fix-proposals`)
        .send({
          checkIds: ['kubernetes.probes'],
          url: 'https://github.com/acme/cart/pull/7',
        }),
      request(app).get(`${missingPath}/running-images`),
    ];
    for (const call of cases) {
      const res = await call;
      expect([res.status, res.body.error?.message]).toEqual([
        404,
        'No entity component:default/no-such-service in the catalog',
      ]);
    }
  });

  it('answers 400 naming the field for a proposal it cannot take', async () => {
    const { app, store } = await setUp();
    const valid = {
      checkIds: ['kubernetes.probes'],
      url: 'https://github.com/acme/cart/pull/7',
    };
    const cases: Array<[Record<string, unknown>, string]> = [
      [
        { ...valid, checkIds: ['kubernetes.probes', 'no.such-check'] },
        "Invalid fix proposal: checkIds.1: unknown check 'no.such-check'",
      ],
      [
        {
          ...valid,
          checkIds: ['kubernetes.probes', 'catalog.owner', 'kubernetes.probes'],
        },
        "Invalid fix proposal: checkIds.2: check 'kubernetes.probes' is named twice",
      ],
      [
        { ...valid, checkIds: [] },
        'Invalid fix proposal: checkIds: Array must contain at least 1 element(s)',
      ],
      [{ url: valid.url }, 'Invalid fix proposal: checkIds: Required'],
      [
        { ...valid, url: 'ftp://example.com/cart.patch' },
        "Invalid fix proposal: url: must be an http(s) or file URL, not 'ftp:'",
      ],
      [
        { ...valid, url: 'not a url' },
        'Invalid fix proposal: url: must be an http(s) or file URL',
      ],
      [
        { ...valid, url: 'https://bot:s3cret@git.example.com/cart/pull/7' },
        'Invalid fix proposal: url: must not carry a user name or password',
      ],
      [
        { ...valid, url: `https://example.com/${'x'.repeat(2000)}` },
        'Invalid fix proposal: url: String must contain at most 2000 character(s)',
      ],
      [
        { ...valid, title: 't'.repeat(301) },
        'Invalid fix proposal: title: String must contain at most 300 character(s)',
      ],
      [
        { ...valid, branch: 'fix probes' },
        'Invalid fix proposal: branch: must be a branch name, without spaces',
      ],
    ];
    const wrong: string[] = [];
    for (const [body, message] of cases) {
      const res = await request(app).post(proposalsPath).send(body);
      if (res.status !== 400 || res.body.error?.message !== message) {
        wrong.push(
          `${JSON.stringify(body).slice(0, 80)}: ${res.status} ${
            res.body.error?.message
          }`,
        );
      }
    }
    expect(wrong).toEqual([]);
    expect(await store.proposalsOf([cartRef])).toEqual([]);
  });
});

describe('running images API', () => {
  it('lists the images the clusters run for the entity (as openapi.yaml says)', async () => {
    const { checked, digest } = await setUp();
    const res = await request(checked)
      .get(`${base}/running-images`)
      .expect(200);
    expect(res.body).toEqual({
      items: [{ image: 'cart:1.4.2', digest, cluster: 'eu-1' }],
    });
  });
});
