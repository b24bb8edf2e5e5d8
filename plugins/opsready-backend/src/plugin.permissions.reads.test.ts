import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import { base, startWith } from './service/__testUtils__/eventsBackend';
import { Mode, permissionsIn } from './__testUtils__/permissionsIn';

// Reads that ask no OpsReady permission: what they show is what the caller
// may see in the catalog. Each test starts a backend.
jest.setTimeout(60_000);

/**
 * A backend with the one entity evaluated, which from then on denies every
 * permission; `askedOpsReady` lists the OpsReady permissions asked since.
 */
async function evaluatedThenDenied() {
  let mode: Mode = 'allow';
  const { service, asked } = permissionsIn(() => mode);
  const server = await startWith(service.factory);
  const user = mockCredentials.user.header();
  await request(server)
    .post(`${base}/refresh`)
    .set('Authorization', user)
    .expect(200);
  mode = 'deny';
  asked.length = 0;
  const askedOpsReady = () =>
    asked.filter(q => q.permission.name.startsWith('opsready.'));
  return { server, user, askedOpsReady };
}

describe('the SLO reads', () => {
  it('ask for no OpsReady permission: whoever may read the entity sees its service level, and the burning list', async () => {
    const { service, asked } = permissionsIn(() => 'deny');
    const server = await startWith(service.factory);
    const user = mockCredentials.user.header();

    const slo = await request(server)
      .get(`${base}/slo`)
      .query({ hours: 6 })
      .set('Authorization', user)
      .expect(200);
    expect(slo.body).toMatchObject({
      entityRef: 'component:default/cartservice',
      alerts: [],
      deployments: [],
    });
    await request(server)
      .get('/api/opsready/entities/component/default/no-such-service/slo')
      .set('Authorization', user)
      .expect(404);
    const burning = await request(server)
      .get('/api/opsready/slo/burning')
      .set('Authorization', user)
      .expect(200);
    expect(burning.body).toEqual({ items: [] });
    expect(
      asked.filter(q => q.permission.name.startsWith('opsready.')),
    ).toEqual([]);
  });
});

describe('the policy what-if', () => {
  it('asks for no OpsReady permission, as the fleet: whoever may read the fleet previews a candidate and reads the scorecards', async () => {
    const { server, user, askedOpsReady } = await evaluatedThenDenied();
    const config = await request(server)
      .get('/api/opsready/scorecards/config')
      .set('Authorization', user)
      .expect(200);
    const preview = await request(server)
      .post('/api/opsready/scorecards/preview')
      .set('Authorization', user)
      .send({ ...config.body, scoring: { warnCredit: 0 } })
      .expect(200);
    const scorecards = await request(server)
      .get('/api/opsready/scorecards')
      .set('Authorization', user)
      .expect(200);
    expect(scorecards.body.items.map((s: { id: string }) => s.id)).toEqual([
      'production-readiness',
    ]);
    expect(preview.body.entities).toBe(1);
    // The one entity, counted once on each side.
    expect(Object.values(preview.body.levelsBefore)).toEqual([1]);
    expect(Object.values(preview.body.levelsAfter)).toEqual([1]);
    expect(askedOpsReady()).toEqual([]);
  });
});

describe('the roll-ups', () => {
  it('ask for no OpsReady permission, as the fleet: what they count is what the caller may see in the catalog', async () => {
    const { server, user, askedOpsReady } = await evaluatedThenDenied();
    const rollups = await request(server)
      .get('/api/opsready/rollups')
      .set('Authorization', user)
      .expect(200);
    // The test catalog holds no group: nothing to roll up.
    expect(rollups.body).toMatchObject({ kind: 'group', total: 0, items: [] });
    await request(server)
      .get('/api/opsready/entities/group/default/payments/rollup')
      .set('Authorization', user)
      .expect(404);
    expect(askedOpsReady()).toEqual([]);
  });
});
