import { parseAllowEntry } from './allowList';

const shape = (entry: string) => {
  const { target, ports } = parseAllowEntry(entry);
  return {
    target:
      target.kind === 'range'
        ? `${target.network.toString()}/${target.prefix}`
        : target.name,
    ports: ports ? `${ports.min}-${ports.max}` : 'all',
  };
};

describe('parseAllowEntry', () => {
  it.each([
    ['127.0.0.1', '127.0.0.1/32', 'all'],
    ['127.0.0.1:8080', '127.0.0.1/32', '8080-8080'],
    ['127.0.0.1:7110-7119', '127.0.0.1/32', '7110-7119'],
    ['10.0.0.0/8', '10.0.0.0/8', 'all'],
    ['10.0.0.0/8:443', '10.0.0.0/8', '443-443'],
    ['::1', '::1/128', 'all'],
    ['fd00::/8', 'fd00::/8', 'all'],
    ['[::1]', '::1/128', 'all'],
    ['[::1]:7110-7119', '::1/128', '7110-7119'],
    ['[fd00::/8]:443', 'fd00::/8', '443-443'],
    ['health.internal', 'health.internal', 'all'],
    ['Health.Internal:8080', 'health.internal', '8080-8080'],
    ['*.svc.cluster.local:8443-8444', '*.svc.cluster.local', '8443-8444'],
    ['localhost', 'localhost', 'all'],
  ])('reads %s', (entry, target, ports) => {
    expect(shape(entry)).toEqual({ target, ports });
  });

  it.each([
    ['', 'is empty'],
    ['127.0.0.1:0', "has a bad port '0'"],
    ['127.0.0.1:65536', "has a bad port '65536'"],
    ['127.0.0.1:7119-7110', "has a bad port '7119-7110'"],
    ['127.0.0.1:http', "has a bad port 'http'"],
    ['127.0.0.1:', "has a bad port ''"],
    ['[::1]:', "has a bad port ''"],
    ['10.0.0.0/33', "has a bad prefix length '/33'"],
    ['fd00::/129', "has a bad prefix length '/129'"],
    ['2130706433', 'must write an IPv4 address as four decimal numbers'],
    ['0x7f.1', 'must write an IPv4 address as four decimal numbers'],
    ['127.1:8080', 'must write an IPv4 address as four decimal numbers'],
    ['[health.internal]:80', 'has brackets around something not an IPv6'],
    ['http://health.internal', 'is a URL; write its host'],
    ['health internal', 'is not an address, a CIDR range or a host'],
    ['a/b', 'is not an address, a CIDR range or a host'],
  ])('refuses %j, saying why', (entry, why) => {
    expect(() => parseAllowEntry(entry)).toThrow(
      `opsready.health.allow entry '${entry}' ${why}`,
    );
  });
});
