import { wrapServer } from '@backstage/backend-openapi-utils/testUtils';
import dns from 'node:dns';
import express from 'express';
import { spec } from '../schema/openapi/generated';

let loopbackFallback = false;

/**
 * Some resolvers have no all-addresses answer for localhost, where the
 * spec-checking proxy forwards to; there, localhost is the loopback address.
 */
function resolveLocalhostAsLoopback() {
  if (loopbackFallback) return;
  loopbackFallback = true;
  const lookup = dns.lookup;
  (dns as any).lookup = (hostname: string, ...rest: any[]) => {
    const callback = rest[rest.length - 1];
    const options = rest.length > 1 ? rest[0] : {};
    return (lookup as any)(
      hostname,
      ...rest.slice(0, -1),
      (error: NodeJS.ErrnoException | null, ...answer: any[]) => {
        if (error?.code === 'ENOTFOUND' && hostname === 'localhost') {
          return options?.all
            ? callback(null, [{ address: '127.0.0.1', family: 4 }])
            : callback(null, '127.0.0.1', 4);
        }
        return callback(error, ...answer);
      },
    );
  };
}

/**
 * The spec without string formats: the proxy's validator knows none and
 * refuses a schema that names one. Types, required fields, enums and
 * bounds are all still checked.
 */
function withoutFormats(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutFormats);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key, v]) => !(key === 'format' && typeof v === 'string'))
        .map(([key, v]) => [key, withoutFormats(v)]),
    );
  }
  return value;
}

/**
 * The app behind a proxy that fails the test when a request or an answer
 * does not match openapi.yaml.
 */
export async function specCheckedServer(app: express.Express) {
  resolveLocalhostAsLoopback();
  const checked = express();
  const checkedSpec = withoutFormats(spec);
  checked.get('/openapi.json', (_req, res) => {
    res.json(checkedSpec);
  });
  checked.use(app);
  return wrapServer(checked);
}
