import { http, HttpResponse } from 'msw';
import { clientAgainstMsw } from '../__testUtils__/clientAgainstMsw';

const { server, baseUrl, client } = clientAgainstMsw();

describe('OpsReadyClient, the policy what-if', () => {
  it('reads the configuration in force and posts a candidate as it is', async () => {
    const inForce = {
      checks: { disabled: [], overrides: {} },
      scoring: { warnCredit: 0.5, levels: [{ name: 'ok', minScore: 50 }] },
    };
    let posted: unknown;
    server.use(
      http.get(`${baseUrl}/scorecards/config`, () =>
        HttpResponse.json(inForce),
      ),
      http.post(`${baseUrl}/scorecards/preview`, async ({ request }) => {
        posted = await request.json();
        return HttpResponse.json({ entities: 3, changed: 1 });
      }),
    );
    await expect(client.getScorecardConfig()).resolves.toEqual(inForce);
    const candidate = { ...inForce, scoring: { warnCredit: 0 } };
    await expect(client.previewScorecards(candidate)).resolves.toMatchObject({
      changed: 1,
    });
    expect(posted).toEqual(candidate);
  });

  it("rejects with the backend's message on a 400", async () => {
    server.use(
      http.post(`${baseUrl}/scorecards/preview`, () =>
        HttpResponse.json(
          {
            error: {
              name: 'InputError',
              message:
                'Invalid candidate: opsready.scoring.levels must name at least one level',
            },
            response: { statusCode: 400 },
          },
          { status: 400 },
        ),
      ),
    );
    await expect(
      client.previewScorecards({ scoring: { levels: [] } }),
    ).rejects.toMatchObject({
      name: 'ResponseError',
      cause: {
        message:
          'Invalid candidate: opsready.scoring.levels must name at least one level',
      },
    });
  });
});
