import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createHmac } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import request from 'supertest';
import { opsreadyPlugin } from './plugin';

import {
  payments,
  checkoutservice,
  scheduler,
} from './__testUtils__/pluginBackend';

describe('opsready backend plugin', () => {
  it('records a webhook event for an unknown entity, and shows it only with credentials', async () => {
    // Alertmanager's own payload, its alert labelled with a service the
    // catalog does not have.
    const alert = JSON.parse(
      await readFile(
        join(__dirname, 'webhooks/__fixtures__/alertmanager/firing.json'),
        'utf8',
      ),
    );
    alert.alerts[0].labels.service = 'ghost-service';
    const { server } = await startTestBackend({
      features: [
        opsreadyPlugin,
        scheduler,
        catalogServiceMock.factory({ entities: [checkoutservice, payments] }),
        mockServices.rootConfig.factory({
          data: { opsready: { webhooks: { alertmanager: { token: 'am' } } } },
        }),
      ],
    });
    const delivered = await request(server)
      .post('/api/opsready/webhooks/alertmanager')
      .set('Authorization', 'Bearer am')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify(alert));
    expect(delivered.status).toBe(202);
    expect(delivered.body.skipped[0].reason).toMatch(/^Unknown entity: /);

    await request(server)
      .get('/api/opsready/webhook-skips')
      .set('Authorization', mockCredentials.none.header())
      .expect(401);
    const skips = await request(server)
      .get('/api/opsready/webhook-skips?source=alertmanager&limit=1')
      .set('Authorization', mockCredentials.user.header());
    expect(skips.status).toBe(200);
    expect(skips.body.items).toEqual([
      expect.objectContaining({
        source: 'alertmanager',
        reason: delivered.body.skipped[0].reason,
      }),
    ]);
    const bad = await request(server)
      .get('/api/opsready/webhook-skips?limit=0&source=jenkins')
      .set('Authorization', mockCredentials.user.header());
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(
      /source: .*limit: |limit: .*source: /,
    );
  });

  it('takes a GitHub webhook without Backstage credentials, on its signature alone', async () => {
    const payload = await readFile(
      join(__dirname, 'webhooks/__fixtures__/github/deployment.payload.json'),
    );
    const secret = 'webhook-secret';
    const hello: Entity = {
      ...checkoutservice,
      metadata: {
        name: 'hello-world',
        namespace: 'default',
        annotations: { 'github.com/project-slug': 'Codertocat/Hello-World' },
      },
    };
    const { server } = await startTestBackend({
      features: [
        opsreadyPlugin,
        scheduler,
        catalogServiceMock.factory({ entities: [hello, payments] }),
        mockServices.rootConfig.factory({
          data: { opsready: { webhooks: { github: { secret } } } },
        }),
      ],
    });
    const send = (signature: string) =>
      request(server)
        .post('/api/opsready/webhooks/github')
        .set('Content-Type', 'application/json')
        .set('X-GitHub-Event', 'deployment')
        .set('X-Hub-Signature-256', signature)
        .send(payload.toString('utf8'));
    const signed = `sha256=${createHmac('sha256', secret)
      .update(payload)
      .digest('hex')}`;

    expect((await send('sha256=00')).status).toBe(401);
    const accepted = await send(signed);
    expect(accepted.status).toBe(200);

    const deployments = await request(server)
      .get('/api/opsready/entities/component/default/hello-world/deployments')
      .set('Authorization', mockCredentials.user.header());
    expect(deployments.status).toBe(200);
    expect(deployments.body.items).toEqual([
      expect.objectContaining({ environment: 'production', source: 'github' }),
    ]);
  });
});
