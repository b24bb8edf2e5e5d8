import { http, HttpResponse } from 'msw';
import { clientAgainstMsw } from '../__testUtils__/clientAgainstMsw';

const { server, baseUrl, client } = clientAgainstMsw();

const proposal = {
  id: 'p1',
  entityRef: 'component:default/legacy-billing',
  checkId: 'kubernetes.probes',
  url: 'https://github.example.com/shop/billing/pull/3',
  createdBy: 'user:default/alan.turing',
  createdAt: '2026-12-01T10:00:00Z',
};

describe('OpsReadyClient fixes', () => {
  it("reads an entity's open fix proposals as the user", async () => {
    let authorization: string | null = null;
    server.use(
      http.get(
        `${baseUrl}/entities/component/default/legacy-billing/fix-proposals`,
        ({ request }) => {
          authorization = request.headers.get('authorization');
          return HttpResponse.json({ items: [proposal] });
        },
      ),
    );
    await expect(
      client.getFixProposals({
        kind: 'component',
        namespace: 'default',
        name: 'legacy-billing',
      }),
    ).resolves.toEqual({ items: [proposal] });
    expect(authorization).toBe('Bearer user-token');
  });

  it("throws the backend's error when the entity is unknown", async () => {
    server.use(
      http.get(`${baseUrl}/entities/component/default/gone/fix-proposals`, () =>
        HttpResponse.json(
          {
            error: { name: 'NotFoundError', message: 'No entity gone' },
            response: { statusCode: 404 },
          },
          { status: 404 },
        ),
      ),
    );
    await expect(
      client.getFixProposals({
        kind: 'component',
        namespace: 'default',
        name: 'gone',
      }),
    ).rejects.toMatchObject({ name: 'ResponseError', statusCode: 404 });
  });
});
