import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { NotModifiedError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createHmac } from 'node:crypto';
import request from 'supertest';
import { opsreadyPlugin } from './plugin';
import {
  checkoutservice,
  payments,
  statusOf,
} from './__testUtils__/pluginBackend';

jest.setTimeout(60_000);

const SHOP = 'https://github.com/acme/shop/tree/main';
const SECRET = 'push-secret';

/** One monorepo on a GitHub the test moves on, as the URL reader reads it. */
function fakeGitHub() {
  const repo = {
    commit: 'sha-1',
    files: {
      'services/cart/Dockerfile': 'FROM node:22\n',
      'services/pay/Dockerfile': 'FROM node:22\n',
    } as Record<string, string>,
    reads: [] as Array<{ url: string; etag?: string }>,
  };
  const reader = mockServices.urlReader.mock({
    readTree: async (url, options) => {
      repo.reads.push({ url, etag: options?.etag });
      if (url !== SHOP) throw new Error(`Not found: ${url}`);
      if (options?.etag === repo.commit) throw new NotModifiedError();
      const files = Object.entries(repo.files);
      return {
        etag: repo.commit,
        files: async () =>
          files.map(([path, text]) => ({
            path,
            content: async () => Buffer.from(text),
          })),
        archive: jest.fn(),
        dir: jest.fn(),
      } as any;
    },
  });
  const factory = createServiceFactory({
    service: coreServices.urlReader,
    deps: {},
    factory: () => reader,
  });
  return { repo, factory };
}

const inShop = (name: string): Entity => ({
  ...checkoutservice,
  metadata: {
    name,
    namespace: 'default',
    annotations: {
      'backstage.io/source-location': `url:${SHOP}/services/${name}/`,
    },
  },
});

function push(branch: string) {
  const body = JSON.stringify({
    ref: `refs/heads/${branch}`,
    deleted: false,
    repository: {
      full_name: 'acme/shop',
      html_url: 'https://github.com/acme/shop',
      default_branch: 'main',
    },
  });
  return {
    body,
    signature: `sha256=${createHmac('sha256', SECRET)
      .update(body)
      .digest('hex')}`,
  };
}

describe('opsready backend plugin, repository sources', () => {
  it('reads a monorepo once for its services, and follows a push to the new score within seconds', async () => {
    const github = fakeGitHub();
    const { server } = await startTestBackend({
      features: [
        opsreadyPlugin,
        mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
        github.factory,
        catalogServiceMock.factory({
          entities: [inShop('cart'), inShop('pay'), payments],
        }),
        mockServices.rootConfig.factory({
          data: { opsready: { webhooks: { github: { secret: SECRET } } } },
        }),
      ],
    });
    const checksOf = (name: string) =>
      request(server)
        .get(`/api/opsready/entities/component/default/${name}/checks`)
        .set('Authorization', mockCredentials.user.header());

    expect(
      statusOf((await checksOf('cart')).body, 'repository.codeowners'),
    ).toBe('fail');
    expect(
      statusOf((await checksOf('pay')).body, 'repository.codeowners'),
    ).toBe('fail');
    // Both services, one read.
    expect(github.repo.reads).toEqual([{ url: SHOP, etag: undefined }]);

    // A push elsewhere reads nothing.
    const elsewhere = push('feature/x');
    const ignored = await request(server)
      .post('/api/opsready/webhooks/github')
      .set('Content-Type', 'application/json')
      .set('X-GitHub-Event', 'push')
      .set('X-Hub-Signature-256', elsewhere.signature)
      .send(elsewhere.body);
    expect(ignored.body.refreshing).toEqual([]);

    // The fix lands on main.
    github.repo.commit = 'sha-2';
    github.repo.files['services/cart/CODEOWNERS'] = '* @acme/payments\n';
    const pushed = push('main');
    const started = Date.now();
    const res = await request(server)
      .post('/api/opsready/webhooks/github')
      .set('Content-Type', 'application/json')
      .set('X-GitHub-Event', 'push')
      .set('X-Hub-Signature-256', pushed.signature)
      .send(pushed.body);
    expect(res.status).toBe(202);
    expect(res.body.refreshing).toEqual([SHOP]);

    let status: string | undefined;
    while (Date.now() - started < 10_000) {
      status = statusOf((await checksOf('cart')).body, 'repository.codeowners');
      if (status === 'pass') break;
      await new Promise(r => setTimeout(r, 100));
    }
    expect(status).toBe('pass');
    // Asked with the last read's etag; pay is evaluated again, still failing.
    expect(github.repo.reads[1]).toEqual({ url: SHOP, etag: 'sha-1' });
    expect(
      statusOf((await checksOf('pay')).body, 'repository.codeowners'),
    ).toBe('fail');
  });
});
