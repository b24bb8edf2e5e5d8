import { Config } from '@backstage/config';
import ipaddr from 'ipaddr.js';
import { isIP } from 'node:net';
import { networkInterfaces } from 'node:os';

/**
 * Where this Backstage backend answers, which the prober never calls
 * whatever the allow-list says: a health URL in catalog YAML pointing there
 * would make the backend call its own API.
 */
export interface OwnEndpoint {
  port: number;
  /**
   * An IP address, a host name (from `backend.baseUrl`), or undefined when
   * the backend listens on every address (`0.0.0.0`, `::` or no host).
   */
  host?: string;
}

// Backstage's defaults for backend.listen (see readHttpServerOptions in
// @backstage/backend-defaults, which this reads the same way).
const DEFAULT_PORT = 7007;

function listenOf(backend: Config | undefined): OwnEndpoint {
  const listen = backend?.getOptional('listen');
  let host: string | undefined;
  let port = DEFAULT_PORT;
  if (typeof listen === 'string' || typeof listen === 'number') {
    const parts = String(listen).split(':');
    port = parseInt(parts[parts.length - 1], 10);
    host = parts.length === 2 ? parts[0] : undefined;
  } else {
    host = backend?.getOptionalString('listen.host');
    port = backend?.getOptionalNumber('listen.port') ?? DEFAULT_PORT;
  }
  // A name (`localhost`, the machine's name) resolves to addresses of this
  // machine: take it as every one of them, like an unspecified address.
  const specific =
    host && isIP(host) && !ipaddr.parse(host).range().startsWith('unspecified');
  return specific ? { host: normalize(host!), port } : { port };
}

function baseUrlOf(backend: Config | undefined): OwnEndpoint | undefined {
  const baseUrl = backend?.getOptionalString('baseUrl');
  if (!baseUrl) return undefined;
  const url = new URL(baseUrl);
  const port = Number(url.port) || (url.protocol === 'https:' ? 443 : 80);
  return { host: normalize(url.hostname.replace(/^\[(.*)\]$/, '$1')), port };
}

/** The backend's own endpoints: its listen address and its base URL. */
export function readOwnEndpoints(root: Config): OwnEndpoint[] {
  const backend = root.getOptionalConfig('backend');
  return [listenOf(backend), baseUrlOf(backend)].filter(
    (e): e is OwnEndpoint => e !== undefined && Number.isInteger(e.port),
  );
}

/** An IP address in one spelling (mapped IPv6 as the IPv4 inside); a name in lower case. */
export function normalize(host: string): string {
  return isIP(host)
    ? ipaddr.process(host).toString()
    : host.toLocaleLowerCase('en-US').replace(/\.$/, '');
}

/**
 * The addresses of this machine: what a backend listening on every
 * address answers on. Read once, when the prober is made.
 */
function interfaceAddresses(): string[] {
  return Object.values(networkInterfaces()).flatMap(list =>
    (list ?? []).map(i => i.address),
  );
}

/** Decides whether an address and port, or a name and port, is the backend itself. */
export class OwnEndpoints {
  private readonly local: Set<string>;

  /**
   * @param localAddresses - the machine's addresses; tests pass their own.
   */
  constructor(
    private readonly endpoints: OwnEndpoint[],
    localAddresses: () => string[] = interfaceAddresses,
  ) {
    this.local = new Set(
      endpoints.some(e => e.host === undefined)
        ? localAddresses().map(a => normalize(a.replace(/%.*$/, '')))
        : [],
    );
  }

  /** Why `address:port` (an IP address, in any spelling) is refused, if it is ours. */
  refusal(address: string, port: number): string | undefined {
    if (!isIP(address)) return undefined;
    const normalized = normalize(address);
    const parsed = ipaddr.parse(normalized);
    const range = parsed.range();
    const hit = this.endpoints.some(
      e =>
        e.port === port &&
        (e.host === undefined
          ? range === 'loopback' ||
            range === 'unspecified' ||
            this.local.has(normalized)
          : e.host === normalized ||
            // A backend on one loopback address is reached through that one
            // only, but 0.0.0.0 and :: reach whatever listens locally.
            (range === 'unspecified' && isLoopback(e.host))),
    );
    return hit ? ownMessage(normalized, port) : undefined;
  }

  /** Why a host name and port is refused, if it is the backend's base URL. */
  nameRefusal(host: string, port: number): string | undefined {
    const name = normalize(host);
    return this.endpoints.some(e => e.port === port && e.host === name)
      ? ownMessage(host, port)
      : undefined;
  }
}

function isLoopback(host: string): boolean {
  return isIP(host) !== 0 && ipaddr.parse(host).range() === 'loopback';
}

function ownMessage(host: string, port: number): string {
  return `${
    isIP(host) === 6 ? `[${host}]` : host
  }:${port} is this Backstage backend's own address, which health probes never call`;
}
