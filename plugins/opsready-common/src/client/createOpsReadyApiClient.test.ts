// openapi-fetch names the client's methods after the HTTP verbs (GET, POST).
/* eslint-disable new-cap */
import {
  createOpsReadyApiClient,
  responseData,
} from './createOpsReadyApiClient';
import { OpsReadyResponseError } from './OpsReadyResponseError';

/** A fetch that records each request and answers with `reply`. */
function recordingFetch(reply: () => Response) {
  const requests: Request[] = [];
  const fetch = async (input: string, init: RequestInit) => {
    requests.push(new Request(input, init));
    return reply();
  };
  return { requests, fetch };
}

const path = { kind: 'component', namespace: 'default', name: 'cart service' };

describe('createOpsReadyApiClient', () => {
  it('sends a body through fetch middleware that reads the request before passing it on', async () => {
    // As Backstage's identity injector does for a request it leaves alone:
    // it makes a Request of what it is given, then passes the original on.
    const received: string[] = [];
    const middleware = async (input: string | Request, init?: RequestInit) => {
      const inspected = new Request(input, init);
      expect(inspected.method).toBe('POST');
      const request = new Request(input, init);
      received.push(await request.text());
      return Response.json({ id: 'e1' });
    };
    const api = createOpsReadyApiClient({
      baseUrl: 'http://b.test',
      fetch: middleware,
    });
    await expect(
      responseData(
        api.POST('/errors/{id}/resolve', {
          params: { path: { id: 'e1' } },
          body: { notes: 'cached at the edge' },
        }),
      ),
    ).resolves.toEqual({ id: 'e1' });
    expect(received).toEqual([JSON.stringify({ notes: 'cached at the edge' })]);
  });

  it('sends the path encoded, the set query parameters only, and the headers given', async () => {
    const { requests, fetch } = recordingFetch(() =>
      Response.json({ items: [] }),
    );
    const api = createOpsReadyApiClient({
      baseUrl: 'http://backstage.test/api/opsready/',
      fetch,
      headers: { authorization: 'Bearer t' },
    });
    await expect(
      responseData(
        api.GET('/entities/{kind}/{namespace}/{name}/deployments', {
          params: {
            path,
            query: { environment: '', status: undefined, limit: 5 },
          },
        }),
      ),
    ).resolves.toEqual({ items: [] });
    expect(requests[0].url).toBe(
      'http://backstage.test/api/opsready/entities/component/default/cart%20service/deployments?limit=5',
    );
    expect(requests[0].headers.get('authorization')).toBe('Bearer t');
  });

  it("throws the server's message as an OpsReadyResponseError", async () => {
    const { fetch } = recordingFetch(() =>
      Response.json(
        {
          error: { name: 'InputError', message: 'limit must be at most 500' },
          response: { statusCode: 400 },
        },
        { status: 400, statusText: 'Bad Request' },
      ),
    );
    const api = createOpsReadyApiClient({ baseUrl: 'http://b.test', fetch });
    const failure = responseData(
      api.GET('/fleet', { params: { query: { limit: 501 } } }),
    );
    await expect(failure).rejects.toBeInstanceOf(OpsReadyResponseError);
    await expect(failure).rejects.toMatchObject({
      statusCode: 400,
      message: 'Request failed with 400 Bad Request, limit must be at most 500',
      body: { error: { message: 'limit must be at most 500' } },
      cause: { name: 'InputError', message: 'limit must be at most 500' },
    });
  });

  it('says what came back when an error body is not JSON', async () => {
    const { fetch } = recordingFetch(
      () => new Response('upstream down', { status: 502 }),
    );
    const api = createOpsReadyApiClient({ baseUrl: 'http://b.test', fetch });
    await expect(responseData(api.GET('/fleet', {}))).rejects.toMatchObject({
      statusCode: 502,
      cause: { message: 'upstream down' },
    });
  });

  it('throws the error that toError makes, and returns undefined for a 204', async () => {
    const { fetch } = recordingFetch(() => new Response(null, { status: 204 }));
    const api = createOpsReadyApiClient({ baseUrl: 'http://b.test', fetch });
    await expect(
      responseData(
        api.DELETE('/exemptions/{id}', { params: { path: { id: 'x/1' } } }),
      ),
    ).resolves.toBeUndefined();

    const refusing = createOpsReadyApiClient({
      baseUrl: 'http://b.test',
      fetch: async () => new Response('no', { status: 403 }),
      toError: async response => new Error(`refused ${response.status}`),
    });
    await expect(
      responseData(
        refusing.DELETE('/exemptions/{id}', { params: { path: { id: 'x' } } }),
      ),
    ).rejects.toThrow('refused 403');
  });
});
