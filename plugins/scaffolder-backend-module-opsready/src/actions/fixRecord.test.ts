import { mockServices } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { capturingLogger } from '../__testUtils__/testContext';
import { createFixRecordAction } from './fixRecord';

describe('opsready:fix:record', () => {
  let server: Server;
  let baseUrl: string;
  let received: Array<{
    method?: string;
    url?: string;
    auth?: string;
    body: any;
  }>;
  let status: number;

  beforeEach(async () => {
    received = [];
    status = 201;
    server = createServer((req, res) => {
      let text = '';
      req.on('data', chunk => (text += chunk));
      req.on('end', () => {
        received.push({
          method: req.method,
          url: req.url,
          auth: req.headers.authorization,
          body: text ? JSON.parse(text) : undefined,
        });
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify(
            status === 201
              ? { items: [{ id: 'fp-1' }] }
              : {
                  // The shape of a Backstage backend's error answer.
                  error: { name: 'InputError', message: 'url is not allowed' },
                  request: { method: req.method, url: req.url },
                  response: { statusCode: status },
                },
          ),
        );
      });
    });
    await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
    baseUrl = `http://127.0.0.1:${
      (server.address() as AddressInfo).port
    }/api/opsready`;
  });

  afterEach(async () => {
    server.closeAllConnections();
    await new Promise(r => server.close(r));
  });

  async function run(input: Record<string, any>, isDryRun = false) {
    const { logger, text } = capturingLogger();
    const action = createFixRecordAction({
      discovery: mockServices.discovery.mock({
        getBaseUrl: async () => baseUrl,
      }),
      auth: mockServices.auth({ pluginId: 'scaffolder' }),
    });
    const ctx = createMockActionContext({ input, logger });
    await action.handler({
      ...ctx,
      isDryRun,
      user: { ref: 'user:default/alan.turing' },
    } as any);
    return { ctx, logText: text };
  }

  const input = {
    entityRef: 'component:default/cart',
    checkIds: ['repository.codeowners'],
    url: 'https://github.com/acme/cart/pull/7',
    title: 'Fix codeowners of cart',
    branch: 'opsready/fix-codeowners',
  };

  it('posts the proposal for the entity as the scaffolder, for the person who ran the template', async () => {
    const { ctx } = await run(input);
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({
      method: 'POST',
      url: '/api/opsready/entities/component/default/cart/fix-proposals',
      body: {
        checkIds: ['repository.codeowners'],
        url: 'https://github.com/acme/cart/pull/7',
        title: 'Fix codeowners of cart',
        branch: 'opsready/fix-codeowners',
        actor: 'user:default/alan.turing',
      },
    });
    // The scaffolder's own token: the policy keeps event records to services.
    expect(received[0].auth).toMatch(/^Bearer /);
    expect(received[0].auth).toContain('plugin:scaffolder');
    expect(ctx.output).toHaveBeenCalledWith('proposalIds', ['fp-1']);
  });

  it('only logs in a dry run', async () => {
    const { logText } = await run(input, true);
    expect(received).toEqual([]);
    expect(logText()).toContain(
      'Dry run: would record the fix of repository.codeowners proposed for component:default/cart',
    );
  });

  it("says the backend's reason when it refuses", async () => {
    status = 400;
    await expect(run(input)).rejects.toThrow(
      'OpsReady refused to record the fix proposed for component:default/cart: 400 url is not allowed',
    );
  });

  it('refuses bad input before calling anyone', async () => {
    await expect(run({ ...input, url: 'not a url' })).rejects.toThrow(
      "url 'not a url' is not a URL",
    );
    await expect(
      run({ ...input, checkIds: ['health.uptime'] }),
    ).rejects.toThrow("checkIds: 'health.uptime' cannot be fixed here");
    expect(received).toEqual([]);
  });
});
