import { BlockList, isIP } from 'node:net';

/**
 * Address ranges a health probe may not reach unless allow-listed: where a
 * catalog author could point the prober at the backend's own network, the
 * cloud metadata service, or nowhere in particular.
 */
const FORBIDDEN_V4: Array<[string, number, string]> = [
  ['0.0.0.0', 8, 'unspecified'],
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'shared (carrier-grade NAT)'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local (cloud metadata)'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'IETF protocol assignments'],
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'benchmarking'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved'],
];
const FORBIDDEN_V6: Array<[string, number, string]> = [
  ['::', 128, 'unspecified'],
  ['::1', 128, 'loopback'],
  ['fc00::', 7, 'unique-local'],
  ['fe80::', 10, 'link-local'],
  ['ff00::', 8, 'multicast'],
];

/**
 * Decides which addresses a probe may connect to: every public address,
 * plus the addresses and names an operator allow-lists.
 */
export class AddressPolicy {
  private readonly allowedAddresses = new BlockList();
  private readonly allowedHosts: string[];

  /**
   * @param allow - allow-list entries: IP addresses, CIDR ranges
   *   (`10.1.0.0/16`, `fd00::/8`) and host names (`health.internal`, or
   *   `*.svc.cluster.local` for every name below a domain).
   */
  constructor(allow: string[] = []) {
    this.allowedHosts = [];
    for (const entry of allow) {
      const [address, prefix] = entry.split('/');
      const family = isIP(address);
      if (family) {
        const type = family === 4 ? 'ipv4' : 'ipv6';
        if (prefix === undefined) {
          this.allowedAddresses.addAddress(address, type);
        } else {
          this.allowedAddresses.addSubnet(address, Number(prefix), type);
        }
      } else {
        this.allowedHosts.push(entry.toLocaleLowerCase('en-US'));
      }
    }
  }

  /** Whether a host name is allow-listed, whatever it resolves to. */
  isHostAllowed(host: string): boolean {
    const name = host.toLocaleLowerCase('en-US').replace(/\.$/, '');
    return this.allowedHosts.some(entry =>
      entry.startsWith('*.') ? name.endsWith(entry.slice(1)) : name === entry,
    );
  }

  /**
   * Why an address is refused, or undefined when a probe may connect to it.
   * IPv4 addresses mapped into IPv6 (`::ffff:127.0.0.1`) and NAT64
   * (`64:ff9b::…`) are judged by the IPv4 address inside.
   */
  refusal(address: string): string | undefined {
    const family = isIP(address);
    if (!family) {
      return `'${address}' is not an IP address`;
    }
    if (this.allowedAddresses.check(address, family === 4 ? 'ipv4' : 'ipv6')) {
      return undefined;
    }
    if (family === 6) {
      const embedded = embeddedIPv4(address);
      if (embedded) {
        return this.refusal(embedded);
      }
    }
    const ranges = family === 4 ? FORBIDDEN_V4 : FORBIDDEN_V6;
    const type = family === 4 ? 'ipv4' : 'ipv6';
    for (const [network, prefix, kind] of ranges) {
      const list = new BlockList();
      list.addSubnet(network, prefix, type);
      if (list.check(address, type)) {
        return `${address} is a ${kind} address, which health probes may not reach unless allow-listed (opsready.health.allow)`;
      }
    }
    if (family === 4 && address === '255.255.255.255') {
      return `${address} is the broadcast address`;
    }
    return undefined;
  }
}

// ::ffff:a.b.c.d or ::ffff:XXXX:XXXX (mapped), 64:ff9b::XXXX:XXXX (NAT64).
function embeddedIPv4(address: string): string | undefined {
  const lower = address.toLocaleLowerCase('en-US');
  const dotted = lower.match(/^(?:::ffff:|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/);
  if (dotted) {
    return dotted[1];
  }
  const hex = lower.match(
    /^(?:::ffff:|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/,
  );
  if (hex) {
    const high = parseInt(hex[1], 16);
    const low = parseInt(hex[2], 16);
    return [high >> 8, high & 255, low >> 8, low & 255].join('.');
  }
  return undefined;
}
