import { mockServices } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { capturingLogger, SECRET } from '../__testUtils__/testContext';
import { createRegisterServiceAction } from './registerService';

interface Received {
  method?: string;
  url?: string;
  authorization?: string;
  body: any;
}

describe('opsready:service:register', () => {
  let server: Server;
  let baseUrl: string;
  let received: Received[];
  let answer: (
    req: IncomingMessage,
  ) => { status: number; body: unknown } | 'hang';

  beforeEach(async () => {
    received = [];
    answer = () => ({ status: 201, body: { id: 'provisioned-1' } });
    server = createServer((req, res) => {
      let text = '';
      req.on('data', chunk => (text += chunk));
      req.on('end', () => {
        received.push({
          method: req.method,
          url: req.url,
          authorization: req.headers.authorization,
          body: text ? JSON.parse(text) : undefined,
        });
        const reply = answer(req);
        if (reply === 'hang') {
          return;
        }
        res.writeHead(reply.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(reply.body));
      });
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${
      (server.address() as AddressInfo).port
    }/api/opsready`;
  });

  afterEach(async () => {
    server.closeAllConnections();
    await new Promise(resolve => server.close(resolve));
  });

  async function run(
    input: Record<string, any>,
    extra: { isDryRun?: boolean; timeoutMs?: number } = {},
  ) {
    const { logger, text } = capturingLogger();
    const discovery = mockServices.discovery.mock({
      getBaseUrl: async () => baseUrl,
    });
    const action = createRegisterServiceAction({
      discovery,
      auth: mockServices.auth(),
      timeoutMs: extra.timeoutMs,
    });
    const ctx = createMockActionContext({
      input,
      logger,
      secrets: { backstageToken: SECRET },
      templateInfo: {
        entityRef: 'template:default/node-service',
        entity: {
          metadata: {
            name: 'node-service',
            annotations: { 'opsready.io/template-version': '1.0.0' },
          },
        },
      },
    });
    // The mock context leaves isDryRun out; the scaffolder sets it.
    await action.handler({ ...ctx, isDryRun: extra.isDryRun } as any);
    return { ctx, logText: text, discovery };
  }

  it("posts a provisioned event with the template's name and version, as the scaffolder", async () => {
    const { ctx } = await run({
      entityRef: 'component:default/refund-service',
      repoUrl: 'file:///srv/repositories/refund-service',
    });
    expect(received).toEqual([
      {
        method: 'POST',
        url: '/api/opsready/entities/component/default/refund-service/provisioned',
        authorization: expect.stringMatching(/^Bearer .+/),
        body: {
          templateName: 'node-service',
          templateVersion: '1.0.0',
          repoUrl: 'file:///srv/repositories/refund-service',
        },
      },
    ]);
    // A service token on behalf of the scaffolder, for the opsready plugin.
    expect(received[0].authorization).toContain('"sub":"plugin:test"');
    expect(received[0].authorization).toContain('"target":"opsready"');
    expect(ctx.output).toHaveBeenCalledWith('eventId', 'provisioned-1');
  });

  it('says what OpsReady answered when it refuses', async () => {
    answer = () => ({
      status: 403,
      body: {
        error: {
          name: 'NotAllowedError',
          message: 'You may not send deployments and errors',
        },
        response: { statusCode: 403 },
      },
    });
    await expect(run({ entityRef: 'refund-service' })).rejects.toThrow(
      'OpsReady refused to record the provisioning of component:default/refund-service: 403 You may not send deployments and errors',
    );
  });

  it('gives up when OpsReady does not answer in time', async () => {
    answer = () => 'hang';
    await expect(
      run({ entityRef: 'refund-service' }, { timeoutMs: 200 }),
    ).rejects.toThrow(
      'Could not record the provisioning of component:default/refund-service in OpsReady: no answer within 200 ms',
    );
  });

  it('sends nothing in a dry run', async () => {
    const { logText } = await run(
      { entityRef: 'refund-service' },
      { isDryRun: true },
    );
    expect(received).toEqual([]);
    expect(logText()).toContain(
      'Dry run: would record that component:default/refund-service was provisioned from node-service 1.0.0',
    );
  });

  it('refuses an entity ref that would climb the URL path, and a bad repoUrl', async () => {
    await expect(
      run({ entityRef: 'component:default/../../health' }),
    ).rejects.toThrow(
      "entityRef 'component:default/../../health' has '../../health' in it, which is not a valid kind, namespace or name",
    );
    await expect(
      run({ entityRef: 'refund-service', repoUrl: 'not a url' }),
    ).rejects.toThrow("repoUrl 'not a url' is not a URL");
    expect(received).toEqual([]);
  });

  it('never logs the token it sends, nor a secret of the task', async () => {
    const { logText } = await run({ entityRef: 'refund-service' });
    const token = received[0].authorization!.slice('Bearer '.length);
    expect(logText()).toContain('Recorded in OpsReady');
    expect(logText()).not.toContain(token);
    expect(logText()).not.toContain(SECRET);
  });
});
