import createClient, { Client } from 'openapi-fetch';
import type { paths } from '../generated/openapi';
import { OpsReadyResponseError } from './OpsReadyResponseError';

/**
 * A typed client of the OpsReady REST API: every path, parameter, body and
 * answer is checked against the types generated from openapi.yaml.
 *
 * @public
 */
export type OpsReadyApiClient = Client<paths>;

/** @public */
export interface OpsReadyApiClientOptions {
  /** Where the backend plugin is mounted, e.g. `http://localhost:7007/api/opsready`. */
  baseUrl: string;
  /** The fetch to send requests with, e.g. Backstage's `fetchApi.fetch`; the global one by default. */
  fetch?: (input: string, init: RequestInit) => Promise<Response>;
  /** Headers on every request, e.g. `authorization`. */
  headers?: Record<string, string>;
  /**
   * Makes the error thrown for a response that is not ok; its body is
   * still unread. By default an {@link OpsReadyResponseError}; Backstage
   * callers pass `ResponseError.fromResponse` of `@backstage/errors`.
   */
  toError?: (response: Response) => Promise<Error>;
}

/**
 * Creates the typed client. A response that is not ok makes the call throw,
 * so `data` of a call that returns is the answer of the spec; read it with
 * {@link responseData}.
 *
 * @public
 */
export function createOpsReadyApiClient(
  options: OpsReadyApiClientOptions,
): OpsReadyApiClient {
  const toError = options.toError ?? OpsReadyResponseError.fromResponse;
  const fetchImpl = options.fetch;
  const client = createClient<paths>({
    baseUrl: options.baseUrl,
    headers: options.headers,
    // The given fetch gets a URL and its init, never the Request itself:
    // fetch middleware (Backstage's identity injector among it) may build a
    // Request of its own from what it is given and then pass the original
    // on, whose body that first Request has already consumed.
    fetch: fetchImpl
      ? async request => fetchImpl(request.url, await requestInit(request))
      : undefined,
    querySerializer,
  });
  client.use({
    async onResponse({ response }) {
      if (!response.ok) {
        throw await toError(response);
      }
      return undefined;
    },
  });
  return client;
}

async function requestInit(request: Request): Promise<RequestInit> {
  return {
    method: request.method,
    headers: request.headers,
    body: request.body ? await request.text() : undefined,
    signal: request.signal,
  };
}

/**
 * The answer of a call of the client. Calls only return for responses that
 * are ok (the others throw), so the data is there; it is undefined for a
 * 204.
 *
 * @public
 */
export async function responseData<T>(
  pending: Promise<{ data?: T; response: Response }>,
): Promise<T> {
  const { data } = await pending;
  return data as T;
}

/**
 * `a=1&b=2` of the parameters that are set: undefined, null and empty
 * values stay out, so an unset filter does not filter on ''.
 */
function querySerializer(query: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') {
      params.set(key, String(value));
    }
  }
  return params.toString();
}
