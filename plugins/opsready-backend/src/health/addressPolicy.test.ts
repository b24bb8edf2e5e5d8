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
    expect(policy.refusal(address)).toContain(`is a ${kind} address`);
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
    expect(policy.refusal(address)).toBe(
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
    expect(policy.refusal(address)).toContain(refusal);
  });

  it('lets NAT64 and mapped forms of public IPv4 addresses through', () => {
    expect(policy.refusal('64:ff9b::5db8:d822')).toBeUndefined();
    expect(policy.refusal('::ffff:93.184.216.34')).toBeUndefined();
  });

  it('names what is not an IP address', () => {
    expect(policy.refusal('localhost')).toBe(
      "'localhost' is not an IP address",
    );
  });

  it('lets public addresses through', () => {
    expect(policy.refusal('93.184.216.34')).toBeUndefined();
    expect(
      policy.refusal('2606:2800:220:1:248:1893:25c8:1946'),
    ).toBeUndefined();
  });

  it('allows what the operator allow-lists: addresses, ranges and names', () => {
    const allowing = new AddressPolicy([
      '127.0.0.1',
      '10.1.0.0/16',
      'health.internal',
      '*.svc.cluster.local',
    ]);
    expect(allowing.refusal('127.0.0.1')).toBeUndefined();
    expect(allowing.refusal('127.0.0.2')).toContain('loopback');
    expect(allowing.refusal('10.1.200.3')).toBeUndefined();
    expect(allowing.refusal('10.2.0.1')).toContain('private');
    expect(allowing.refusal('::ffff:127.0.0.1')).toBeUndefined();
    expect(allowing.isHostAllowed('health.internal')).toBe(true);
    expect(allowing.isHostAllowed('cart.shop.svc.cluster.local')).toBe(true);
    expect(allowing.isHostAllowed('evil.example.com')).toBe(false);
    expect(allowing.isHostAllowed('svc.cluster.local.evil.com')).toBe(false);
  });
});
