import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
} from '@backstage/backend-test-utils';
import express from 'express';
import request from 'supertest';
import { specCheckedServer } from '../__testUtils__/specCheckedServer';
import {
  checks,
  fleet,
  inForce,
  storesOf,
} from '../scorecards/__testUtils__/fleet';
import { createScorecardsRouter } from './scorecardsRouter';

// The stranger may see every entity but b.
const stranger = 'user:default/sam';
const userOf = (credentials: BackstageCredentials) =>
  (credentials.principal as { userEntityRef?: string }).userEntityRef;

async function setUp() {
  const app = express();
  app.use(
    createScorecardsRouter({
      httpAuth: mockServices.httpAuth(),
      catalog: {
        getEntitiesByRefs: async ({ entityRefs }, { credentials }) => ({
          items: entityRefs.map(ref => {
            const name = ref.split('/')[1];
            if (name === 'b' && userOf(credentials) === stranger) {
              return undefined;
            }
            return {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'Component',
              metadata: {
                name,
                ...(name === 'a' ? { title: 'Service A' } : {}),
              },
            };
          }),
        }),
      },
      ...storesOf(fleet),
      checks: () => checks,
      scoring: inForce,
    }),
  );
  app.use(mockErrorHandler());
  return specCheckedServer(app);
}

const heavierPdb = {
  checks: {
    disabled: ['catalog.docs'],
    overrides: { 'kubernetes.pdb': { weight: 3 } },
  },
};

describe('the scorecards routes', () => {
  it('previews a candidate over the whole fleet, listing the entities the caller may see', async () => {
    const server = await setUp();
    const res = await request(server)
      .post('/scorecards/preview')
      .send(heavierPdb)
      .expect(200);
    expect(res.body.groups).toEqual([
      expect.objectContaining({
        summary: '2 components drop from silver to bronze',
        count: 2,
        causes: [{ change: 'kubernetes.pdb weight 1→3', entities: 2 }],
        entities: [
          {
            entityRef: 'component:default/a',
            title: 'Service A',
            scoreBefore: 75,
            scoreAfter: 50,
          },
          {
            entityRef: 'component:default/b',
            title: 'b',
            scoreBefore: 75,
            scoreAfter: 50,
          },
        ],
      }),
    ]);

    const asStranger = await request(server)
      .post('/scorecards/preview')
      .set('Authorization', mockCredentials.user.header(stranger))
      .send(heavierPdb)
      .expect(200);
    // The figures cover the fleet, as /fleet's do; b is not listed.
    expect(asStranger.body.groups[0].count).toBe(2);
    expect(
      asStranger.body.groups[0].entities.map((e: any) => e.entityRef),
    ).toEqual(['component:default/a']);
  });

  it('previews a scorecard the candidate adds, listing the entities the caller may see', async () => {
    const server = await setUp();
    const config = await request(server).get('/scorecards/config').expect(200);
    const res = await request(server)
      .post('/scorecards/preview')
      .set('Authorization', mockCredentials.user.header(stranger))
      .send({
        ...config.body,
        scorecards: [
          ...config.body.scorecards,
          {
            id: 'kubernetes',
            title: 'Kubernetes',
            checks: ['kubernetes.*'],
            levels: [{ name: 'ok', minScore: 100 }],
          },
        ],
      })
      .expect(200);
    expect(res.body.changed).toBe(0);
    const added = res.body.scorecards[1];
    expect(added).toMatchObject({
      id: 'kubernetes',
      title: 'Kubernetes',
      status: 'added',
      entities: 5,
      levelsAfter: { ok: 2, none: 3 },
    });
    // a and b fail the PDB check (d's exemption keeps its failure out of
    // the score); b is not listed to the stranger.
    const below = added.groups.find(
      (g: any) =>
        g.summary === '2 components enter the scorecard below every level',
    );
    expect(below).toMatchObject({ count: 2, scope: 'entering' });
    expect(below.entities.map((e: any) => e.entityRef)).toEqual([
      'component:default/a',
    ]);
  });

  it('answers the configuration in force, which previews as no change', async () => {
    const server = await setUp();
    const config = await request(server).get('/scorecards/config').expect(200);
    expect(config.body.checks).toEqual({
      disabled: ['catalog.docs'],
      overrides: {},
    });
    expect(config.body.scorecards).toEqual([
      expect.objectContaining({ id: 'production-readiness', checks: ['*'] }),
    ]);
    const res = await request(server)
      .post('/scorecards/preview')
      .send(config.body)
      .expect(200);
    expect(res.body).toMatchObject({
      entities: 5,
      changed: 0,
      groups: [],
      changes: [],
      levelsBefore: res.body.levelsAfter,
    });
  });

  it.each([
    [
      { scoring: { warnCredit: 1.5 } },
      'Invalid candidate: opsready.scoring.warnCredit is a share from 0 to 1, got 1.5',
    ],
    [
      { scoring: { warnCredit: 'half' } },
      "Invalid candidate: Unable to convert config value for key 'opsready.scoring.warnCredit' in 'candidate' to a number",
    ],
    [
      { checks: { overrides: { 'kubernetes.pdp': { weight: 2 } } } },
      "Invalid candidate: opsready.checks.overrides.kubernetes.pdp: no check has the id 'kubernetes.pdp'",
    ],
    [
      { checks: { pendingFor: { days: 3 } } },
      'Invalid candidate: checks: must NOT have additional properties',
    ],
    [
      { scorecards: [{ id: 'security', title: 'S', checks: ['k8s.*'] }] },
      "Invalid candidate: opsready.scorecards[0].checks: 'k8s.*' matches no check in force",
    ],
    [
      { scorecards: [{ id: 'security', title: 'S', weight: {} }] },
      'Invalid candidate: scorecards.0: must NOT have additional properties',
    ],
  ])('refuses %j with a 400 naming the key', async (body, message) => {
    const server = await setUp();
    const res = await request(server)
      .post('/scorecards/preview')
      .send(body)
      .expect(400);
    expect(res.body.error.message).toContain(message);
  });
});
