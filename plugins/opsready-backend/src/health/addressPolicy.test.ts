import { AddressPolicy } from './addressPolicy';

describe('AddressPolicy', () => {
  const policy = new AddressPolicy();

  it.each([
    ['127.0.0.1', 'loopback'],
    ['10.0.0.1', 'private'],
    ['172.20.1.1', 'private'],
    ['192.168.1.10', 'private'],
    ['169.254.169.254', 'link-local (cloud metadata)'],
    ['100.100.100.200', 'shared (carrier-grade NAT)'],
    ['0.0.0.0', 'unspecified'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fd00:ec2::254', 'unique-local'],
    ['fe80::1', 'link-local'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:a9fe:a9fe', 'link-local (cloud metadata)'],
    ['64:ff9b::a00:1', 'private'],
  ])('refuses %s as %s', (address, kind) => {
    expect(policy.refusal(address, 443)).toContain(`is a ${kind} address`);
  });

  it.each([
    ['2002:c000:0204::1', '6to4'],
    ['2002:7f00:1::1', '6to4'],
    ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'Teredo'],
    ['64:ff9b:1::a00:1', 'local-use NAT64'],
    ['64:ff9b:1:ffff::1', 'local-use NAT64'],
    ['192.0.2.1', 'documentation'],
    ['198.51.100.7', 'documentation'],
    ['203.0.113.200', 'documentation'],
    ['2001:db8::1', 'documentation'],
    ['3fff:abc::1', 'documentation'],
    ['198.18.0.1', 'benchmarking'],
    ['198.19.255.254', 'benchmarking'],
    ['2001:2::1', 'benchmarking'],
    ['192.0.0.8', 'IETF protocol assignments'],
    ['255.255.255.255', 'broadcast'],
    ['240.0.0.1', 'reserved'],
    ['224.0.0.251', 'multicast'],
    ['ff02::1', 'multicast'],
  ])('refuses %s as a %s address', (address, kind) => {
    expect(policy.refusal(address, 443)).toBe(
      `${address} is a ${kind} address, which health probes may not reach unless allow-listed (opsready.health.allow)`,
    );
  });

  it.each([
    ['64:ff9b::7f00:1', '127.0.0.1 is a loopback address'],
    ['64:ff9b::169.254.169.254', '169.254.169.254 is a link-local'],
    ['64:ff9b::c000:201', '192.0.2.1 is a documentation address'],
    ['::ffff:0:a00:1', '10.0.0.1 is a private address'],
    ['::ffff:198.18.0.1', '198.18.0.1 is a benchmarking address'],
  ])('judges %s by the IPv4 address it carries', (address, refusal) => {
    expect(policy.refusal(address, 443)).toContain(refusal);
  });

  it('lets NAT64 and mapped forms of public IPv4 addresses through', () => {
    expect(policy.refusal('64:ff9b::5db8:d822', 443)).toBeUndefined();
    expect(policy.refusal('::ffff:93.184.216.34', 443)).toBeUndefined();
  });

  it('names what is not an IP address', () => {
    expect(policy.refusal('localhost', 443)).toBe(
      "'localhost' is not an IP address",
    );
  });

  it('lets public addresses through', () => {
    expect(policy.refusal('93.184.216.34', 443)).toBeUndefined();
    expect(
      policy.refusal('2606:2800:220:1:248:1893:25c8:1946', 443),
    ).toBeUndefined();
  });

  it('allows what the operator allow-lists: addresses, ranges and names', () => {
    const allowing = new AddressPolicy([
      '127.0.0.1',
      '10.1.0.0/16',
      'health.internal',
      '*.svc.cluster.local',
    ]);
    expect(allowing.refusal('127.0.0.1', 443)).toBeUndefined();
    expect(allowing.refusal('127.0.0.2', 443)).toContain('loopback');
    expect(allowing.refusal('10.1.200.3', 443)).toBeUndefined();
    expect(allowing.refusal('10.2.0.1', 443)).toContain('private');
    expect(allowing.refusal('::ffff:127.0.0.1', 443)).toBeUndefined();
    expect(allowing.isHostAllowed('health.internal', 443)).toBe(true);
    expect(allowing.isHostAllowed('cart.shop.svc.cluster.local', 443)).toBe(
      true,
    );
    expect(allowing.isHostAllowed('evil.example.com', 443)).toBe(false);
    expect(allowing.isHostAllowed('svc.cluster.local.evil.com', 443)).toBe(
      false,
    );
  });

  describe('ports', () => {
    const withPorts = new AddressPolicy([
      '127.0.0.1:7110-7119',
      '127.0.0.2:8080',
      '10.0.0.0/8:443',
      '[::1]:7110-7119',
      '[fd00::/8]:443',
      'health.internal:8080',
      '*.svc.cluster.local:8443-8444',
    ]);

    it('opens an address or range on its ports only, naming the ports it is open on', () => {
      expect(withPorts.refusal('127.0.0.1', 7110)).toBeUndefined();
      expect(withPorts.refusal('127.0.0.1', 7119)).toBeUndefined();
      expect(withPorts.refusal('127.0.0.1', 7007)).toBe(
        '127.0.0.1 is a loopback address, which health probes may not reach unless allow-listed (opsready.health.allow); it is allow-listed on port 7110-7119 only, not 7007',
      );
      expect(withPorts.refusal('127.0.0.1', 7120)).toContain('not 7120');
      expect(withPorts.refusal('127.0.0.2', 8080)).toBeUndefined();
      expect(withPorts.refusal('127.0.0.2', 8081)).toContain('loopback');
      expect(withPorts.refusal('10.20.30.40', 443)).toBeUndefined();
      expect(withPorts.refusal('10.20.30.40', 80)).toContain('private');
    });

    it("opens IPv6 in brackets, and IPv4 inside IPv6 on the IPv4 entry's ports", () => {
      expect(withPorts.refusal('::1', 7115)).toBeUndefined();
      expect(withPorts.refusal('::1', 7007)).toContain('loopback');
      expect(withPorts.refusal('fd00::1', 443)).toBeUndefined();
      expect(withPorts.refusal('fd00::1', 80)).toContain('unique-local');
      expect(withPorts.refusal('::ffff:127.0.0.1', 7110)).toBeUndefined();
      expect(withPorts.refusal('::ffff:127.0.0.1', 7007)).toContain(
        '127.0.0.1 is a loopback address',
      );
    });

    it('opens a name on its ports only', () => {
      expect(withPorts.isHostAllowed('health.internal', 8080)).toBe(true);
      expect(withPorts.isHostAllowed('health.internal', 80)).toBe(false);
      expect(withPorts.isHostAllowed('a.b.svc.cluster.local', 8444)).toBe(true);
      expect(withPorts.isHostAllowed('a.b.svc.cluster.local', 8445)).toBe(
        false,
      );
    });

    it('keeps public addresses open on every port', () => {
      expect(withPorts.refusal('93.184.216.34', 8080)).toBeUndefined();
    });
  });

  describe("the backend's own endpoints", () => {
    it('refuses the port the backend listens on, on every local address, whatever the allow-list says', () => {
      const guarding = new AddressPolicy(['127.0.0.0/8', '::1', 'localhost'], {
        own: [{ port: 7007 }],
      });
      for (const [address, shown] of [
        ['127.0.0.1', '127.0.0.1'],
        ['127.1.2.3', '127.1.2.3'],
        ['0.0.0.0', '0.0.0.0'],
        ['::1', '[::1]'],
        ['::', '[::]'],
        ['::ffff:127.0.0.1', '127.0.0.1'],
        ['::ffff:7f00:1', '127.0.0.1'],
      ]) {
        expect(guarding.refusal(address, 7007)).toBe(
          `${shown}:7007 is this Backstage backend's own address, which health probes never call`,
        );
      }
      expect(guarding.refusal('127.0.0.1', 7110)).toBeUndefined();
      expect(guarding.ownRefusal('127.0.0.1', 7007)).toContain('own address');
      expect(guarding.ownRefusal('127.0.0.1', 7110)).toBeUndefined();
    });

    it('refuses a backend on one address on that address only, and its base URL by name', () => {
      const guarding = new AddressPolicy(['127.0.0.0/8', '*.example.com'], {
        own: [
          { host: '127.0.0.1', port: 7007 },
          { host: 'backstage.example.com', port: 443 },
        ],
      });
      expect(guarding.refusal('127.0.0.1', 7007)).toContain('own address');
      expect(guarding.refusal('0.0.0.0', 7007)).toContain('own address');
      expect(guarding.refusal('127.0.0.2', 7007)).toBeUndefined();
      expect(guarding.ownRefusal('Backstage.Example.com.', 443)).toBe(
        "Backstage.Example.com.:443 is this Backstage backend's own address, which health probes never call",
      );
      expect(
        guarding.ownRefusal('backstage.example.com', 8443),
      ).toBeUndefined();
      expect(guarding.ownRefusal('cart.example.com', 443)).toBeUndefined();
    });
  });

  it('stops at a bad entry, naming it', () => {
    expect(() => new AddressPolicy(['127.0.0.1', '127.0.0.1:99999'])).toThrow(
      "opsready.health.allow entry '127.0.0.1:99999' has a bad port '99999'",
    );
  });
});
