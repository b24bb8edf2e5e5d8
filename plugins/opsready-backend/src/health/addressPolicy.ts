import ipaddr from 'ipaddr.js';
import { isIP } from 'node:net';
import {
  AllowEntry,
  hostMatches,
  parseAllowEntry,
  portAllowed,
  rangeHolds,
} from './allowList';
import { OwnEndpoint, OwnEndpoints } from './ownEndpoints';

/*
 * Address ranges a health probe may not reach unless allow-listed: where a
 * catalog author could point the prober at the backend's own network, the
 * cloud metadata service, a tunnel or translator that leads there, or
 * nowhere in particular. ipaddr.js names the ranges; what it lumps together
 * as `reserved` is told apart by the CIDR lists below, so that a refusal
 * says which kind of address it was.
 */

/** ipaddr.js range names refused, with the words a refusal uses. */
const REFUSED_V4_RANGES: Record<string, string> = {
  unspecified: 'unspecified',
  broadcast: 'broadcast',
  multicast: 'multicast',
  linkLocal: 'link-local (cloud metadata)',
  loopback: 'loopback',
  carrierGradeNat: 'shared (carrier-grade NAT)',
  private: 'private',
};
const REFUSED_V6_RANGES: Record<string, string> = {
  unspecified: 'unspecified',
  linkLocal: 'link-local',
  multicast: 'multicast',
  loopback: 'loopback',
  uniqueLocal: 'unique-local',
  deprecatedSiteLocal: 'site-local',
  discard: 'discard-only',
  '6to4': '6to4',
  teredo: 'Teredo',
  benchmarking: 'benchmarking',
};

/** What ipaddr.js calls `reserved`, by kind; the rest of it is `reserved`. */
const RESERVED_V4 = cidrs([
  ['192.0.0.0/24', 'IETF protocol assignments'],
  ['192.0.2.0/24', 'documentation'],
  ['198.51.100.0/24', 'documentation'],
  ['203.0.113.0/24', 'documentation'],
  ['198.18.0.0/15', 'benchmarking'],
  ['192.88.99.0/24', '6to4 relay anycast'],
]);
const RESERVED_V6 = cidrs([
  ['2001:db8::/32', 'documentation'],
  ['3fff::/20', 'documentation'],
  ['2001::/23', 'IETF protocol assignments'],
]);

/** IPv6 ranges judged by the IPv4 address in their last 32 bits. */
const CARRYING_IPV4 = cidrs([
  ['64:ff9b::/96', 'NAT64'],
  ['::ffff:0:0:0/96', 'IPv4-translated'],
]);
const LOCAL_NAT64 = cidrs([['64:ff9b:1::/48', 'local-use NAT64']]);

type Ranges = Array<[ipaddr.IPv4 | ipaddr.IPv6, number, string]>;

function cidrs(list: Array<[string, string]>): Ranges {
  return list.map(([cidr, kind]) => [...ipaddr.parseCIDR(cidr), kind]);
}

function kindIn(
  address: ipaddr.IPv4 | ipaddr.IPv6,
  ranges: Ranges,
): string | undefined {
  return ranges.find(
    ([network, prefix]) =>
      network.kind() === address.kind() && address.match(network, prefix),
  )?.[2];
}

/**
 * Decides which addresses and ports a probe may connect to: every public
 * address, plus the addresses, ranges and names an operator allow-lists
 * (with their ports), but never the backend's own endpoints.
 */
export class AddressPolicy {
  private readonly entries: AllowEntry[];
  private readonly own: OwnEndpoints;

  /**
   * @param allow - allow-list entries (see `parseAllowEntry`): IP addresses,
   *   CIDR ranges (`10.1.0.0/16`, `fd00::/8`) and host names
   *   (`health.internal`, or `*.svc.cluster.local` for every name below a
   *   domain), each optionally with a port or port range (`127.0.0.1:7110-7119`,
   *   `[::1]:8080`). A bad entry throws, naming it.
   * @param options - `own`: the backend's own endpoints, refused whatever
   *   the allow-list says.
   */
  constructor(allow: string[] = [], options: { own?: OwnEndpoint[] } = {}) {
    this.entries = allow.map(parseAllowEntry);
    this.own = new OwnEndpoints(options.own ?? []);
  }

  /** Whether a host name is allow-listed on a port, whatever it resolves to. */
  isHostAllowed(host: string, port: number): boolean {
    return this.entries.some(
      entry => hostMatches(entry, host) && portAllowed(entry, port),
    );
  }

  /**
   * Why a host (an IP address or a name) and port are the backend itself,
   * or undefined. Checked before the allow-list, which cannot open them.
   */
  ownRefusal(host: string, port: number): string | undefined {
    return isIP(host)
      ? this.own.refusal(host, port)
      : this.own.nameRefusal(host, port);
  }

  /**
   * Why a probe may not connect to an address and port, or undefined when
   * it may. IPv4 addresses carried in IPv6 (mapped `::ffff:127.0.0.1`,
   * translated, NAT64 `64:ff9b::…`) are judged by the IPv4 address inside.
   */
  refusal(address: string, port: number): string | undefined {
    if (!isIP(address)) {
      return `'${address}' is not an IP address`;
    }
    return this.own.refusal(address, port) ?? this.rangeRefusal(address, port);
  }

  private rangeRefusal(address: string, port: number): string | undefined {
    const parsed = ipaddr.parse(address);
    const holding = this.entries.filter(entry => rangeHolds(entry, parsed));
    if (holding.some(entry => portAllowed(entry, port))) {
      return undefined;
    }
    // ipaddr.process turns an IPv4-mapped IPv6 address into the IPv4 inside.
    const processed = ipaddr.process(address);
    const inside =
      processed.kind() === 'ipv4'
        ? isIP(address) === 6 && processed.toString()
        : ipv4Inside(processed as ipaddr.IPv6);
    if (inside) {
      return this.rangeRefusal(inside, port);
    }
    const kind =
      processed.kind() === 'ipv4'
        ? refusedIPv4Kind(processed as ipaddr.IPv4)
        : refusedIPv6Kind(processed as ipaddr.IPv6);
    if (!kind) {
      return undefined;
    }
    const otherPorts = holding
      .map(entry => entry.ports!)
      .map(({ min, max }) => (min === max ? `${min}` : `${min}-${max}`));
    return `${address} is a ${kind} address, which health probes may not reach unless allow-listed (opsready.health.allow)${
      otherPorts.length > 0
        ? `; it is allow-listed on port ${otherPorts.join(
            ', ',
          )} only, not ${port}`
        : ''
    }`;
  }
}

/** The IPv4 address a translated or NAT64 IPv6 address stands for. */
function ipv4Inside(address: ipaddr.IPv6): string | undefined {
  if (kindIn(address, CARRYING_IPV4) === undefined) {
    return undefined;
  }
  const [, , , , , , high, low] = address.parts;
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}

function refusedIPv6Kind(address: ipaddr.IPv6): string | undefined {
  const range: string = address.range();
  if (range === 'rfc6052') {
    return kindIn(address, LOCAL_NAT64);
  }
  if (range === 'reserved') {
    return kindIn(address, RESERVED_V6) ?? 'reserved';
  }
  return REFUSED_V6_RANGES[range];
}

function refusedIPv4Kind(address: ipaddr.IPv4): string | undefined {
  const range: string = address.range();
  if (range === 'reserved') {
    return kindIn(address, RESERVED_V4) ?? 'reserved';
  }
  return REFUSED_V4_RANGES[range];
}
