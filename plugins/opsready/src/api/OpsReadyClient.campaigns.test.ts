import { http, HttpResponse } from 'msw';
import { clientAgainstMsw } from '../__testUtils__/clientAgainstMsw';
import { campaign, campaignEntity } from '../__testUtils__/campaignData';

const { server, baseUrl, client } = clientAgainstMsw();

describe('OpsReadyClient campaigns', () => {
  it('lists campaigns of a state, and pages on', async () => {
    let seen: URL | undefined;
    server.use(
      http.get(`${baseUrl}/campaigns`, ({ request }) => {
        seen = new URL(request.url);
        return HttpResponse.json({ items: [campaign()], nextCursor: 'n2' });
      }),
    );
    await expect(
      client.getCampaigns({ state: 'paused' }, { cursor: 'n1', limit: 25 }),
    ).resolves.toEqual({ items: [campaign()], nextCursor: 'n2' });
    expect(Object.fromEntries(seen!.searchParams)).toEqual({
      state: 'paused',
      cursor: 'n1',
      limit: '25',
    });
  });

  it('pauses a campaign with a PATCH of its state', async () => {
    const bodies: unknown[] = [];
    server.use(
      http.patch(`${baseUrl}/campaigns/c%2F1`, async ({ request }) => {
        bodies.push(await request.json());
        return HttpResponse.json({
          campaign: campaign({ state: 'paused' }),
          warnings: [],
        });
      }),
    );
    await expect(
      client.updateCampaign('c/1', { state: 'paused' }),
    ).resolves.toMatchObject({ campaign: { state: 'paused' } });
    expect(bodies).toEqual([{ state: 'paused' }]);
  });

  it("reads a campaign's entities filtered by status and owner, with the total", async () => {
    let seen: URL | undefined;
    server.use(
      http.get(`${baseUrl}/campaigns/c1/entities`, ({ request }) => {
        seen = new URL(request.url);
        return HttpResponse.json({
          items: [campaignEntity('cartservice')],
          totalItems: 7,
        });
      }),
    );
    await expect(
      client.getCampaignEntities('c1', {
        status: 'open',
        owner: 'group:default/payments',
      }),
    ).resolves.toMatchObject({ totalItems: 7 });
    expect(Object.fromEntries(seen!.searchParams)).toEqual({
      status: 'open',
      owner: 'group:default/payments',
    });
  });

  it('reads the CSV export as text, with the file name the backend gives', async () => {
    server.use(
      http.get(
        `${baseUrl}/campaigns/c1/export`,
        ({ request }) =>
          new HttpResponse(
            request.headers.get('Authorization') === 'Bearer user-token'
              ? 'entity,owner,status\ncomponent:default/cartservice,group:default/payments,open\n'
              : '',
            {
              headers: {
                'Content-Type': 'text/csv',
                'Content-Disposition':
                  'attachment; filename="probes-everywhere.csv"',
              },
            },
          ),
      ),
    );
    await expect(client.exportCampaign('c1')).resolves.toEqual({
      filename: 'probes-everywhere.csv',
      csv: 'entity,owner,status\ncomponent:default/cartservice,group:default/payments,open\n',
    });
  });

  it("asks for a team's items by owner, and says why a 404 is one", async () => {
    server.use(
      http.get(`${baseUrl}/campaign-items`, ({ request }) =>
        HttpResponse.json({
          owner: new URL(request.url).searchParams.get('owner'),
          items: [],
        }),
      ),
      http.get(`${baseUrl}/campaigns/gone/export`, () =>
        HttpResponse.json(
          {
            error: { name: 'NotFoundError', message: 'No campaign gone' },
            response: { statusCode: 404 },
          },
          { status: 404 },
        ),
      ),
    );
    await expect(
      client.getCampaignItems('group:default/payments'),
    ).resolves.toEqual({ owner: 'group:default/payments', items: [] });
    await expect(client.exportCampaign('gone')).rejects.toMatchObject({
      statusCode: 404,
      body: { error: { message: 'No campaign gone' } },
    });
  });
});
