import { http, HttpResponse } from 'msw';
import { clientAgainstMsw } from '../__testUtils__/clientAgainstMsw';

const { server, baseUrl, client } = clientAgainstMsw();

describe('OpsReadyClient, roll-ups', () => {
  it("asks for an entity's roll-up by its lowercase kind, on the scorecard chosen", async () => {
    let asked: URL | undefined;
    server.use(
      http.get(
        `${baseUrl}/entities/group/default/payments/rollup`,
        ({ request }) => {
          asked = new URL(request.url);
          return HttpResponse.json({ entityRef: 'group:default/payments' });
        },
      ),
    );
    await expect(
      client.getRollup(
        { kind: 'Group', namespace: 'default', name: 'payments' },
        { scorecard: 'security' },
      ),
    ).resolves.toEqual({ entityRef: 'group:default/payments' });
    expect(asked?.searchParams.get('scorecard')).toBe('security');
  });

  it('lists the roll-ups of a kind, a page at a time', async () => {
    let asked: URL | undefined;
    server.use(
      http.get(`${baseUrl}/rollups`, ({ request }) => {
        asked = new URL(request.url);
        return HttpResponse.json({ kind: 'system', items: [], total: 0 });
      }),
    );
    await client.getRollups({ kind: 'system', cursor: '50', limit: 50 });
    expect(Object.fromEntries(asked!.searchParams)).toEqual({
      kind: 'system',
      cursor: '50',
      limit: '50',
    });
  });
});
