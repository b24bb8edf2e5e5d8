import { http, HttpResponse } from 'msw';
import { clientAgainstMsw } from '../__testUtils__/clientAgainstMsw';
import { burningService, sloStatus } from '../__testUtils__/sloData';

const { server, baseUrl, client } = clientAgainstMsw();
const status = sloStatus();
const burning = burningService();
const ref = { kind: 'component', namespace: 'default', name: 'cartservice' };

describe('OpsReadyClient service levels', () => {
  it("reads an entity's service level over the hours asked, as the user", async () => {
    let seen: { url: URL; authorization: string | null } | undefined;
    server.use(
      http.get(
        `${baseUrl}/entities/component/default/cartservice/slo`,
        ({ request }) => {
          seen = {
            url: new URL(request.url),
            authorization: request.headers.get('authorization'),
          };
          return HttpResponse.json(status);
        },
      ),
    );
    await expect(client.getSlo(ref, { hours: 168 })).resolves.toEqual(status);
    expect(seen?.url.searchParams.get('hours')).toBe('168');
    expect(seen?.authorization).toBe('Bearer user-token');
  });

  it('leaves the range to the backend when none is asked', async () => {
    let seen: URL | undefined;
    server.use(
      http.get(
        `${baseUrl}/entities/component/default/cartservice/slo`,
        ({ request }) => {
          seen = new URL(request.url);
          return HttpResponse.json(status);
        },
      ),
    );
    await client.getSlo(ref);
    expect(seen?.searchParams.has('hours')).toBe(false);
  });

  it("throws the backend's error when the range is refused", async () => {
    server.use(
      http.get(`${baseUrl}/entities/component/default/cartservice/slo`, () =>
        HttpResponse.json(
          {
            error: { name: 'InputError', message: 'hours must be 1 to 720' },
            response: { statusCode: 400 },
          },
          { status: 400 },
        ),
      ),
    );
    await expect(client.getSlo(ref, { hours: 9999 })).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 400,
      body: { error: { message: 'hours must be 1 to 720' } },
    });
  });

  it('reads the services burning fastest, as many as asked', async () => {
    let seen: URL | undefined;
    server.use(
      http.get(`${baseUrl}/slo/burning`, ({ request }) => {
        seen = new URL(request.url);
        return HttpResponse.json({ items: [burning] });
      }),
    );
    await expect(client.getBurningServices({ limit: 5 })).resolves.toEqual({
      items: [burning],
    });
    expect(seen?.searchParams.get('limit')).toBe('5');
  });
});
