import ipaddr from 'ipaddr.js';

/**
 * One entry of `opsready.health.allow`: an address, a CIDR range or a host
 * name, with the ports it opens (every port when none is written).
 *
 *     127.0.0.1                 10.0.0.0/8:443         health.internal:8080
 *     127.0.0.1:7110-7119       [::1]:7110-7119        *.svc.cluster.local
 *     [fd00::/8]:443            fd00::/8 (IPv6 without a port needs no brackets)
 */
export interface AllowEntry {
  /** As written, for messages. */
  entry: string;
  target:
    | { kind: 'range'; network: ipaddr.IPv4 | ipaddr.IPv6; prefix: number }
    /** Lower case; `*.example.com` for every name below a domain. */
    | { kind: 'host'; name: string };
  /** Inclusive; undefined for every port. */
  ports?: { min: number; max: number };
}

// Labels of letters, digits, hyphens and underscores (Kubernetes service
// names have none, some internal zones do), optionally under a `*.`.
const HOST_NAME =
  /^(\*\.)?[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?(?:\.[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?)*\.?$/;

function invalid(entry: string, why: string): Error {
  return new Error(`opsready.health.allow entry '${entry}' ${why}`);
}

function parsePorts(entry: string, text: string): AllowEntry['ports'] {
  const match = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(text);
  const min = Number(match?.[1]);
  const max = Number(match?.[2] ?? match?.[1]);
  if (!match || min < 1 || max > 65535 || min > max) {
    throw invalid(
      entry,
      `has a bad port '${text}': write a port (8080) or a range (7110-7119) between 1 and 65535`,
    );
  }
  return { min, max };
}

/**
 * An address or range as written in an entry. IPv4 must be four decimal
 * numbers: ipaddr.js (and the URL parser) also read `2130706433` or
 * `0x7f.1` as addresses, which an operator reading the config would not
 * recognise as 127.0.0.1.
 */
function parseRange(
  entry: string,
  text: string,
): Extract<AllowEntry['target'], { kind: 'range' }> | undefined {
  const [address, prefix, ...rest] = text.split('/');
  const isV4 = ipaddr.IPv4.isValid(address);
  if (!isV4 && !ipaddr.IPv6.isValid(address)) {
    return undefined;
  }
  if (isV4 && !ipaddr.IPv4.isValidFourPartDecimal(address)) {
    throw invalid(entry, 'must write an IPv4 address as four decimal numbers');
  }
  if (rest.length > 0) {
    throw invalid(entry, 'is not an address, a CIDR range or a host name');
  }
  if (prefix === undefined) {
    const network = ipaddr.parse(address);
    return {
      kind: 'range',
      network,
      prefix: network.kind() === 'ipv4' ? 32 : 128,
    };
  }
  try {
    const [network, bits] = ipaddr.parseCIDR(text);
    return { kind: 'range', network, prefix: bits };
  } catch {
    throw invalid(entry, `has a bad prefix length '/${prefix}'`);
  }
}

/**
 * Parses one allow-list entry; throws an error naming the entry and what is
 * wrong with it, so that a mistake stops the backend at startup rather than
 * silently opening (or closing) something.
 */
export function parseAllowEntry(raw: string): AllowEntry {
  const entry = String(raw).trim();
  if (!entry) {
    throw invalid(String(raw), 'is empty');
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(entry)) {
    throw invalid(
      entry,
      'is a URL; write its host or address, with a port if need be (health.internal:8080)',
    );
  }
  let text = entry;
  let ports: AllowEntry['ports'];
  const bracketed = /^\[([^\]]+)\](?::(.*))?$/.exec(entry);
  if (bracketed) {
    text = bracketed[1];
    if (bracketed[2] !== undefined) ports = parsePorts(entry, bracketed[2]);
    if (!ipaddr.IPv6.isValid(text.split('/')[0])) {
      throw invalid(entry, 'has brackets around something not an IPv6 address');
    }
  } else if (entry.split(':').length === 2) {
    // One colon: an IPv4 address, a range or a name, then ports. IPv6
    // without brackets has several colons, and no port.
    const colon = entry.indexOf(':');
    text = entry.slice(0, colon);
    ports = parsePorts(entry, entry.slice(colon + 1));
  }
  const range = parseRange(entry, text);
  if (range) {
    return { entry, target: range, ...(ports ? { ports } : {}) };
  }
  const name = text.toLocaleLowerCase('en-US');
  if (text.includes('/') || text.includes(':') || !HOST_NAME.test(name)) {
    throw invalid(
      entry,
      'is not an address, a CIDR range or a host name (IPv6 with a port goes in brackets: [::1]:8080)',
    );
  }
  return {
    entry,
    target: { kind: 'host', name: name.replace(/\.$/, '') },
    ...(ports ? { ports } : {}),
  };
}

export function portAllowed(entry: AllowEntry, port: number): boolean {
  return !entry.ports || (port >= entry.ports.min && port <= entry.ports.max);
}

/** Whether an entry's range holds an address (parsed, of the same kind). */
export function rangeHolds(
  entry: AllowEntry,
  address: ipaddr.IPv4 | ipaddr.IPv6,
): boolean {
  const { target } = entry;
  return (
    target.kind === 'range' &&
    target.network.kind() === address.kind() &&
    address.match(target.network, target.prefix)
  );
}

/** Whether an entry names a host: exactly, or as a domain it is below. */
export function hostMatches(entry: AllowEntry, host: string): boolean {
  const { target } = entry;
  if (target.kind !== 'host') return false;
  const name = host.toLocaleLowerCase('en-US').replace(/\.$/, '');
  return target.name.startsWith('*.')
    ? name.endsWith(target.name.slice(1))
    : name === target.name;
}
