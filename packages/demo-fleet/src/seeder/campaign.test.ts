import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import type { CampaignInput } from '@opsready/plugin-opsready-common';
import { DEMO_CAMPAIGN_NAME, launchDemoCampaign } from './campaign';

const NOW = Date.parse('2026-11-22T12:00:00Z');
const TOKEN = 'demo-fleet-seeder-token';

async function bodyOf(req: IncomingMessage): Promise<any> {
  let text = '';
  for await (const chunk of req) text += chunk;
  return JSON.parse(text);
}

/**
 * The campaign routes of the OpsReady API as the spec has them, over a
 * list of campaigns, for the seeder's token only; pages of `limit`.
 */
function fakeApi(names: string[] = []) {
  const campaigns = names.map((name, i) => ({ id: `old-${i}`, name }));
  const posted: CampaignInput[] = [];
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url!, 'http://localhost');
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.headers.authorization !== `Bearer ${TOKEN}`) {
      json(401, { error: { name: 'AuthenticationError', message: 'no' } });
    } else if (url.pathname !== '/api/opsready/campaigns') {
      json(404, { error: { name: 'NotFoundError', message: 'no' } });
    } else if (req.method === 'GET') {
      const limit = Number(url.searchParams.get('limit'));
      const from = Number(url.searchParams.get('cursor') ?? 0);
      json(200, {
        items: campaigns.slice(from, from + limit),
        ...(from + limit < campaigns.length
          ? { nextCursor: String(from + limit) }
          : {}),
      });
    } else {
      const input: CampaignInput = await bodyOf(req);
      posted.push(input);
      const campaign = { id: `c${posted.length}`, name: input.name };
      campaigns.push(campaign);
      json(201, { campaign, warnings: [] });
    }
  });
  return {
    posted,
    async start() {
      await new Promise<void>(resolve =>
        server.listen(0, '127.0.0.1', resolve),
      );
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    },
    stop: () => new Promise(resolve => server.close(resolve)),
  };
}

describe('the demo campaign seeder', () => {
  let api: ReturnType<typeof fakeApi>;
  afterEach(() => api.stop());

  it('launches the campaign three weeks back, due in ten days, once', async () => {
    api = fakeApi(['Some other campaign']);
    const backendUrl = await api.start();

    expect(await launchDemoCampaign({ backendUrl, token: TOKEN }, NOW)).toEqual(
      { launched: true, id: 'c1' },
    );
    // The demo started again, a day later: the campaign runs already.
    expect(
      await launchDemoCampaign({ backendUrl, token: TOKEN }, NOW + 86400_000),
    ).toEqual({ launched: false, id: 'c1' });

    expect(api.posted).toEqual([
      {
        name: 'Every production service has a PodDisruptionBudget and probes by 2 December',
        description: expect.stringContaining('PodDisruptionBudget'),
        rationale: expect.any(String),
        goal: { checks: ['kubernetes.pdb', 'kubernetes.probes'] },
        scope: { kinds: ['component'], lifecycles: ['production'] },
        startsAt: '2026-11-01T09:00:00.000Z',
        deadline: '2026-12-02T17:00:00.000Z',
        owner: 'group:default/platform',
        enforce: false,
      },
    ]);
  });

  it('finds a campaign launched before on any page of the list', async () => {
    api = fakeApi([
      ...Array.from({ length: 150 }, (_, i) => `Campaign ${i}`),
      `${DEMO_CAMPAIGN_NAME} 30 November`,
    ]);
    const backendUrl = await api.start();
    expect(await launchDemoCampaign({ backendUrl, token: TOKEN }, NOW)).toEqual(
      { launched: false, id: 'old-150' },
    );
    expect(api.posted).toEqual([]);
  });

  it('says what the backend answered when it refuses', async () => {
    api = fakeApi();
    const backendUrl = await api.start();
    await expect(
      launchDemoCampaign({ backendUrl, token: 'wrong' }, NOW),
    ).rejects.toThrow(/campaigns\?limit=100 answered 401/);
  });
});
