import request from 'supertest';
import { startWith } from './__testUtils__/pluginBackend';
import { component, group } from './rollups/__testUtils__/org';

const checksOf = (name: string) =>
  `/api/opsready/entities/component/default/${name}/checks`;

describe('roll-ups in the plugin', () => {
  it('rolls the evaluated components up to the groups above their owners', async () => {
    const server = await startWith([
      group('engineering', { children: ['payments'] }),
      group('payments', { parent: 'engineering', children: ['checkout'] }),
      group('checkout', { parent: 'payments' }),
      component('cart', 'payments'),
      component('ledger', 'checkout'),
      component('never-evaluated', 'checkout'),
    ]);
    // Reading an entity's checks evaluates it.
    const cart = await request(server).get(checksOf('cart')).expect(200);
    const ledger = await request(server).get(checksOf('ledger')).expect(200);

    const res = await request(server)
      .get('/api/opsready/entities/group/default/engineering/rollup')
      .expect(200);
    expect(res.body).toMatchObject({
      entityRef: 'group:default/engineering',
      scorecardId: 'production-readiness',
      scorecards: [{ id: 'production-readiness' }],
      entities: 2,
      averageScore: Math.round((cart.body.score + ledger.body.score) / 2),
    });
    const levels = Object.values(res.body.levelCounts) as number[];
    expect(levels.reduce((a, b) => a + b, 0)).toBe(2);
    // Both miss a description: the check fails on both.
    expect(res.body.worstChecks).toContainEqual({
      checkId: 'catalog.description',
      title: 'Description',
      failing: 2,
    });
    expect(res.body.breakdown).toEqual([
      expect.objectContaining({
        entityRef: 'group:default/payments',
        entities: 2,
      }),
    ]);

    const listed = await request(server)
      .get('/api/opsready/rollups')
      .expect(200);
    expect(
      listed.body.items.map((i: any) => [i.entityRef, i.entities]),
    ).toEqual(
      expect.arrayContaining([
        ['group:default/engineering', 2],
        ['group:default/payments', 2],
        ['group:default/checkout', 1],
      ]),
    );
  });
});
