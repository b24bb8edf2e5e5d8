import { http, HttpResponse } from 'msw';
import { clientAgainstMsw } from '../__testUtils__/clientAgainstMsw';
import { evaluation } from '../__testUtils__/testData';

const { server, baseUrl, client } = clientAgainstMsw();
const ref = {
  kind: 'Component',
  namespace: 'default',
  name: 'checkout service',
};

describe('OpsReadyClient', () => {
  it("reads an entity's evaluation with the user's token", async () => {
    server.use(
      http.get(
        `${baseUrl}/entities/Component/default/checkout%20service/checks`,
        ({ request }) =>
          request.headers.get('Authorization') === 'Bearer user-token'
            ? HttpResponse.json(evaluation)
            : HttpResponse.json({}, { status: 401 }),
      ),
    );
    await expect(client.getEntityEvaluation(ref)).resolves.toEqual(evaluation);
  });

  it('posts a refresh', async () => {
    server.use(
      http.post(
        `${baseUrl}/entities/Component/default/checkout%20service/refresh`,
        () => HttpResponse.json({ ...evaluation, score: 100 }),
      ),
    );
    await expect(client.refreshEntityEvaluation(ref)).resolves.toMatchObject({
      score: 100,
    });
  });

  it("throws a ResponseError carrying the backend's message", async () => {
    server.use(
      http.post(
        `${baseUrl}/entities/Component/default/checkout%20service/refresh`,
        () =>
          HttpResponse.json(
            {
              error: {
                name: 'NotAllowedError',
                message: 'You may not run the checks',
              },
              request: { method: 'POST', url: '/refresh' },
              response: { statusCode: 403 },
            },
            { status: 403 },
          ),
      ),
    );
    await expect(client.refreshEntityEvaluation(ref)).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 403,
      body: { error: { message: 'You may not run the checks' } },
    });
  });

  it('sends filters and the cursor as query parameters, leaving unset ones out', async () => {
    let seen: URL | undefined;
    server.use(
      http.get(
        `${baseUrl}/entities/Component/default/checkout%20service/deployments`,
        ({ request }) => {
          seen = new URL(request.url);
          return HttpResponse.json({ items: [], nextCursor: 'n2' });
        },
      ),
    );
    await expect(
      client.getDeployments(
        ref,
        { environment: 'prod & eu', status: undefined },
        { cursor: 'c1', limit: 25 },
      ),
    ).resolves.toEqual({ items: [], nextCursor: 'n2' });
    expect(Object.fromEntries(seen!.searchParams)).toEqual({
      environment: 'prod & eu',
      cursor: 'c1',
      limit: '25',
    });
  });

  it("asks for the latest notice about an open problem as open=true&limit=1, and gives the backend's page", async () => {
    let seen: URL | undefined;
    const page = {
      items: [
        {
          id: 'n1',
          entityRef: 'component:default/checkout service',
          topic: 'health',
          kind: 'health.changed',
          severity: 'critical',
          title: 'checkout down',
          link: '/catalog/default/component/checkout%20service/opsready-errors',
          scope: 'health:component:default/checkout service:production',
          recipients: ['group:default/payments'],
          status: 'sent',
          createdAt: '2026-11-20T10:00:00.000Z',
          problemOpen: true,
        },
      ],
      nextCursor: 'n2',
    };
    server.use(
      http.get(
        `${baseUrl}/entities/Component/default/checkout%20service/notifications`,
        ({ request }) => {
          seen = new URL(request.url);
          return HttpResponse.json(page);
        },
      ),
    );
    await expect(
      client.getNotifications(ref, { open: true }, { limit: 1 }),
    ).resolves.toEqual(page);
    expect(Object.fromEntries(seen!.searchParams)).toEqual({
      open: 'true',
      limit: '1',
    });

    await client.getNotifications(ref, { status: 'rate-limited' });
    expect(Object.fromEntries(seen!.searchParams)).toEqual({
      status: 'rate-limited',
    });
  });

  it("reads the errors chart's series for a range and an environment", async () => {
    let seen: URL | undefined;
    const series = {
      from: '2026-11-20T00:00:00.000Z',
      to: '2026-11-21T00:00:00.000Z',
      bucket: 'hour',
      items: [
        {
          at: '2026-11-20T10:00:00.000Z',
          critical: 1,
          high: 0,
          medium: 0,
          low: 2,
        },
      ],
      environments: ['production'],
    };
    server.use(
      http.get(
        `${baseUrl}/entities/Component/default/checkout%20service/errors/series`,
        ({ request }) => {
          seen = new URL(request.url);
          return HttpResponse.json(series);
        },
      ),
    );
    await expect(
      client.getErrorSeries(ref, {
        from: series.from,
        to: series.to,
        environment: 'production',
      }),
    ).resolves.toEqual(series);
    expect(Object.fromEntries(seen!.searchParams)).toEqual({
      from: series.from,
      to: series.to,
      environment: 'production',
    });
  });

  it('posts resolution notes as JSON and returns the resolved error', async () => {
    server.use(
      http.post(`${baseUrl}/errors/e%2F1/resolve`, async ({ request }) =>
        HttpResponse.json({
          id: 'e/1',
          status: 'resolved',
          resolutionNotes: ((await request.json()) as any).notes,
        }),
      ),
    );
    await expect(
      client.resolveError('e/1', 'Raised the limit'),
    ).resolves.toMatchObject({
      status: 'resolved',
      resolutionNotes: 'Raised the limit',
    });
  });

  it('asks for an exemption, and posts a decision on it', async () => {
    const bodies: unknown[] = [];
    server.use(
      http.post(
        `${baseUrl}/entities/component/default/checkout%20service/exemption-requests`,
        async ({ request }) => {
          bodies.push(await request.json());
          return HttpResponse.json(
            { id: 'x1', status: 'requested' },
            { status: 201 },
          );
        },
      ),
      http.post(`${baseUrl}/exemptions/x1/decision`, async ({ request }) => {
        bodies.push(await request.json());
        return HttpResponse.json({ id: 'x1', status: 'granted' });
      }),
    );
    const asked = {
      checkId: 'kubernetes.pdb',
      reason: 'Single replica by design',
      expiresAt: '2027-01-01T00:00:00Z',
    };
    await expect(client.requestExemption(ref, asked)).resolves.toMatchObject({
      status: 'requested',
    });
    await expect(
      client.decideExemption('x1', { decision: 'grant' }),
    ).resolves.toMatchObject({ status: 'granted' });
    expect(bodies).toEqual([asked, { decision: 'grant' }]);
  });

  it('treats 204 as done when revoking an exemption', async () => {
    server.use(
      http.delete(
        `${baseUrl}/exemptions/x1`,
        () => new HttpResponse(null, { status: 204 }),
      ),
    );
    await expect(client.revokeExemption('x1')).resolves.toBeUndefined();
  });
  it('lists, declares and deletes maintenance windows', async () => {
    const seen: string[] = [];
    let body: unknown;
    const windows = `${baseUrl}/entities/Component/default/checkout%20service/maintenance-windows`;
    server.use(
      http.get(windows, ({ request }) => {
        seen.push(`GET ${new URL(request.url).search}`);
        return HttpResponse.json({ items: [] });
      }),
      http.post(windows, async ({ request }) => {
        body = await request.json();
        seen.push('POST');
        return HttpResponse.json({ id: 'w1' }, { status: 201 });
      }),
      http.delete(`${baseUrl}/maintenance-windows/w1`, () => {
        seen.push('DELETE');
        return new HttpResponse(null, { status: 204 });
      }),
    );
    await client.getMaintenanceWindows(ref);
    await client.getMaintenanceWindows(ref, { includePast: true });
    const declared = {
      startsAt: '2026-12-05T10:00:00.000Z',
      endsAt: '2026-12-05T12:00:00.000Z',
      reason: 'Database upgrade',
      cron: '0 2 * * 6',
      timeZone: 'Europe/Berlin',
    };
    await expect(
      client.createMaintenanceWindow(ref, declared),
    ).resolves.toEqual({ id: 'w1' });
    await client.deleteMaintenanceWindow('w1');
    expect(body).toEqual(declared);
    expect(seen).toEqual(['GET ', 'GET ?include=past', 'POST', 'DELETE']);
  });
});
