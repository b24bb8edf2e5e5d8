import { MockFetchApi, registerMswTestHooks } from '@backstage/test-utils';
import { setupServer } from 'msw/node';
import { OpsReadyClient } from '../api/OpsReadyClient';

/**
 * An OpsReadyClient whose requests an msw server answers, signed in as a
 * user with a token: register the routes a test needs with `server.use`.
 * Call it at the top of a test file: it registers msw's hooks.
 */
export function clientAgainstMsw() {
  const server = setupServer();
  registerMswTestHooks(server);
  const baseUrl = 'http://backstage.test/api/opsready';
  const client = new OpsReadyClient({
    discoveryApi: { getBaseUrl: async () => baseUrl },
    fetchApi: new MockFetchApi({ injectIdentityAuth: { token: 'user-token' } }),
  });
  return { server, baseUrl, client };
}
