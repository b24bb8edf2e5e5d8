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
    expect(allowing.isHostAllowed('health.internal')).toBe(true);
    expect(allowing.isHostAllowed('cart.shop.svc.cluster.local')).toBe(true);
    expect(allowing.isHostAllowed('evil.example.com')).toBe(false);
    expect(allowing.isHostAllowed('svc.cluster.local.evil.com')).toBe(false);
  });
});
