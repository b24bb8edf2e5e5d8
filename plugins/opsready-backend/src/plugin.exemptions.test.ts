import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { builtInChecks } from '@opsready/plugin-opsready-node';
import request from 'supertest';

import {
  payments,
  checkoutservice,
  base,
  startWith,
} from './__testUtils__/pluginBackend';

describe('opsready backend plugin', () => {
  describe('exemptions', () => {
    const tomorrow = () => new Date(Date.now() + 24 * 3600_000).toISOString();

    it('drops an exempt check out of the score until it is revoked', async () => {
      // Only the catalog checks, so that one exemption moves the score visibly.
      const server = await startWith(
        [checkoutservice, payments],
        mockServices.rootConfig.factory({
          data: {
            opsready: {
              checks: {
                disabled: builtInChecks
                  .filter(c => c.category !== 'catalog')
                  .map(c => c.id),
              },
            },
          },
        }),
      );
      const before = (await request(server).get(`${base}/checks`)).body;

      const created = await request(server)
        .post(`${base}/exemptions`)
        .send({
          checkId: 'catalog.description',
          reason: 'Generated service; described in its system',
          expiresAt: tomorrow(),
        })
        .expect(201);
      expect(created.body).toMatchObject({
        checkId: 'catalog.description',
        createdBy: mockCredentials.user().principal.userEntityRef,
      });

      const exempted = (await request(server).get(`${base}/checks`)).body;
      // Owner 3 + lifecycle 1 + half of dependencies' 1, of 9 -> of 8.
      expect(before.score).toBe(50);
      expect(exempted.score).toBe(56);
      expect(
        exempted.checks.find((c: any) => c.id === 'catalog.description')
          .exemption,
      ).toMatchObject({ reason: 'Generated service; described in its system' });
      const gate = await request(server).get('/api/opsready/gate').query({
        entityRef: 'component:default/checkoutservice',
        minLevel: 'bronze',
      });
      expect(gate.body.failingChecks.map((c: any) => c.id)).not.toContain(
        'catalog.description',
      );

      const list = await request(server).get(`${base}/exemptions`).expect(200);
      expect(list.body.items).toEqual([
        expect.objectContaining({ id: created.body.id, active: true }),
      ]);

      await request(server)
        .delete(`/api/opsready/exemptions/${created.body.id}`)
        .expect(204);
      expect((await request(server).get(`${base}/checks`)).body.score).toBe(
        before.score,
      );
      const afterRevoke = await request(server).get(`${base}/exemptions`);
      expect(afterRevoke.body.items[0]).toMatchObject({
        active: false,
        revokedBy: mockCredentials.user().principal.userEntityRef,
      });
    });

    it('answers 400 for a bad exemption and 404 for an unknown one', async () => {
      const server = await startWith([checkoutservice]);
      const bad = await request(server)
        .post(`${base}/exemptions`)
        .send({
          checkId: 'catalog.description',
          reason: '',
          expiresAt: 'tomorrow',
        })
        .expect(400);
      expect(bad.body.error.message).toBe(
        'Invalid exemption: reason: must say why, in at least 3 characters; expiresAt: must be an ISO 8601 date-time, e.g. 2026-11-22T10:00:00Z',
      );
      const unknownCheck = await request(server)
        .post(`${base}/exemptions`)
        .send({ checkId: 'nope', reason: 'because', expiresAt: tomorrow() })
        .expect(400);
      expect(unknownCheck.body.error.message).toBe(
        "Invalid exemption: checkId: no check 'nope' is in force (GET /checks lists them)",
      );
      await request(server)
        .delete('/api/opsready/exemptions/missing')
        .expect(404);
    });

    it('takes a request for an exemption from an owner, and lets only a manager grant or decline it', async () => {
      const catalogOnly = mockServices.rootConfig.factory({
        data: {
          opsready: {
            checks: {
              disabled: builtInChecks
                .filter(c => c.category !== 'catalog')
                .map(c => c.id),
            },
          },
        },
      });
      const ask = (server: any, checkId: string) =>
        request(server).post(`${base}/exemption-requests`).send({
          checkId,
          reason: 'Generated service; described in its system',
          expiresAt: tomorrow(),
        });

      // A service owner: opsready.exemptions.request, not .manage; may ask,
      // not grant.
      const owner = await startWith(
        [checkoutservice, payments],
        catalogOnly,
        mockServices.permissions.mock({
          authorize: async queries =>
            queries.map(q => ({
              result:
                q.permission.name === 'opsready.exemptions.manage'
                  ? AuthorizeResult.DENY
                  : AuthorizeResult.ALLOW,
            })) as any,
        }).factory,
      );
      const before = (await request(owner).get(`${base}/checks`)).body.score;
      const asked = await ask(owner, 'catalog.description').expect(201);
      expect(asked.body).toMatchObject({
        status: 'requested',
        createdBy: mockCredentials.user().principal.userEntityRef,
      });
      const shown = (await request(owner).get(`${base}/checks`)).body;
      expect(shown.score).toBe(before);
      const check = shown.checks.find(
        (c: any) => c.id === 'catalog.description',
      );
      expect(check.exemption).toBeUndefined();
      expect(check.exemptionRequest).toMatchObject({ id: asked.body.id });
      const twice = await ask(owner, 'catalog.description').expect(409);
      expect(twice.body.error.message).toContain('waits for a decision');
      const refused = await request(owner)
        .post(`/api/opsready/exemptions/${asked.body.id}/decision`)
        .send({ decision: 'grant' })
        .expect(403);
      expect(refused.body.error.message).toContain(
        'opsready.exemptions.manage',
      );

      // A platform engineer decides.
      const platform = await startWith(
        [checkoutservice, payments],
        catalogOnly,
      );
      const description = await ask(platform, 'catalog.description').expect(
        201,
      );
      const system = await ask(platform, 'catalog.system').expect(201);
      const granted = await request(platform)
        .post(`/api/opsready/exemptions/${description.body.id}/decision`)
        .send({ decision: 'grant', note: 'Fine until the system has docs' })
        .expect(200);
      expect(granted.body).toMatchObject({
        status: 'granted',
        decisionNote: 'Fine until the system has docs',
        decidedBy: mockCredentials.user().principal.userEntityRef,
      });
      await request(platform)
        .post(`/api/opsready/exemptions/${system.body.id}/decision`)
        .send({ decision: 'decline' })
        .expect(200);
      const after = (await request(platform).get(`${base}/checks`)).body;
      expect(after.score).toBeGreaterThan(before);
      const byId = (id: string) => after.checks.find((c: any) => c.id === id);
      expect(byId('catalog.description').exemption).toMatchObject({
        id: description.body.id,
      });
      expect(byId('catalog.system').exemption).toBeUndefined();
      expect(byId('catalog.system').exemptionRequest).toBeUndefined();

      const again = await request(platform)
        .post(`/api/opsready/exemptions/${system.body.id}/decision`)
        .send({ decision: 'grant' })
        .expect(409);
      expect(again.body.error.message).toBe(
        `Exemption ${system.body.id} does not wait for a decision: it is declined`,
      );
      const exempt = await ask(platform, 'catalog.description').expect(409);
      expect(exempt.body.error.message).toContain('is already exempt');
      const bad = await request(platform)
        .post(`/api/opsready/exemptions/${system.body.id}/decision`)
        .send({ decision: 'maybe' })
        .expect(400);
      expect(bad.body.error.message).toMatch(/^Invalid decision: decision: /);
    });

    it('refuses to grant an exemption without opsready.exemptions.manage', async () => {
      const server = await startWith(
        [checkoutservice],
        mockServices.permissions.factory({ result: AuthorizeResult.DENY }),
      );
      const res = await request(server)
        .post(`${base}/exemptions`)
        .send({
          checkId: 'catalog.description',
          reason: 'because',
          expiresAt: tomorrow(),
        })
        .expect(403);
      expect(res.body.error.message).toContain('opsready.exemptions.manage');
    });
  });
});
