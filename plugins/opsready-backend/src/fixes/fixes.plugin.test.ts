import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import { base, startWith } from '../service/__testUtils__/eventsBackend';

// Starts a backend and evaluates an entity: more than Jest's 5 s on a busy machine.
jest.setTimeout(30_000);

describe('fix proposals in the plugin', () => {
  it('records proposals and shows those whose check does not pass yet', async () => {
    const server = await startWith();
    // Evaluated first: a lifecycle declared, no system.
    const before = await request(server).get(`${base}/checks`).expect(200);
    const status = (body: any, id: string) =>
      body.checks.find((c: any) => c.id === id)?.result.status;
    expect(status(before.body, 'catalog.lifecycle')).toBe('pass');
    expect(status(before.body, 'catalog.system')).not.toBe('pass');

    await request(server)
      .post(`${base}/fix-proposals`)
      .set('Authorization', mockCredentials.service.header())
      .send({
        checkIds: ['catalog.lifecycle', 'catalog.system'],
        url: 'https://github.com/acme/cartservice/pull/12',
        branch: 'opsready/fix-catalog',
        actor: 'user:default/alan.turing',
      })
      .expect(201);

    const open = await request(server).get(`${base}/fix-proposals`).expect(200);
    expect(open.body.items).toEqual([
      expect.objectContaining({
        entityRef: 'component:default/cartservice',
        checkId: 'catalog.system',
        url: 'https://github.com/acme/cartservice/pull/12',
        branch: 'opsready/fix-catalog',
        // Recorded by a service (the scaffolder) for the person who ran it.
        createdBy: 'user:default/alan.turing',
      }),
    ]);

    const images = await request(server)
      .get(`${base}/running-images`)
      .expect(200);
    // No cluster is configured in this backend.
    expect(images.body).toEqual({ items: [] });
  });
});
