import { ConfigReader } from '@backstage/config';
import { OwnEndpoints, readOwnEndpoints } from './ownEndpoints';

const read = (backend?: object) =>
  readOwnEndpoints(new ConfigReader(backend ? { backend } : {}));

describe('readOwnEndpoints', () => {
  it("reads Backstage's default listen address when none is set", () => {
    expect(read()).toEqual([{ port: 7007 }]);
  });

  it('reads the listen address and the base URL', () => {
    expect(
      read({
        baseUrl: 'http://localhost:7007',
        listen: { port: 7007 },
      }),
    ).toEqual([{ port: 7007 }, { host: 'localhost', port: 7007 }]);
    expect(
      read({
        baseUrl: 'https://Backstage.example.com',
        listen: { host: '127.0.0.1', port: 7000 },
      }),
    ).toEqual([
      { host: '127.0.0.1', port: 7000 },
      { host: 'backstage.example.com', port: 443 },
    ]);
  });

  it('reads listen as a string, and takes 0.0.0.0, :: and names as every local address', () => {
    expect(read({ listen: ':7010' })).toEqual([{ port: 7010 }]);
    expect(read({ listen: '7010' })).toEqual([{ port: 7010 }]);
    expect(read({ listen: '10.1.2.3:7010' })).toEqual([
      { host: '10.1.2.3', port: 7010 },
    ]);
    expect(read({ listen: { host: '0.0.0.0', port: 7007 } })).toEqual([
      { port: 7007 },
    ]);
    expect(read({ listen: { host: '::', port: 7007 } })).toEqual([
      { port: 7007 },
    ]);
    expect(read({ listen: { host: 'localhost', port: 7007 } })).toEqual([
      { port: 7007 },
    ]);
  });

  it('reads an IPv6 base URL without its brackets', () => {
    expect(read({ baseUrl: 'http://[::1]:7007' })).toContainEqual({
      host: '::1',
      port: 7007,
    });
  });
});

describe('OwnEndpoints', () => {
  const machine = () => ['127.0.0.1', '10.1.2.3', 'fe80::1%eth0', '::1'];

  it('refuses every address of this machine on the port of a backend listening on all of them', () => {
    const own = new OwnEndpoints([{ port: 7007 }], machine);
    expect(own.refusal('10.1.2.3', 7007)).toBe(
      "10.1.2.3:7007 is this Backstage backend's own address, which health probes never call",
    );
    expect(own.refusal('::ffff:10.1.2.3', 7007)).toContain('own address');
    expect(own.refusal('fe80::1', 7007)).toContain('own address');
    expect(own.refusal('127.9.9.9', 7007)).toContain('own address');
    expect(own.refusal('10.1.2.4', 7007)).toBeUndefined();
    expect(own.refusal('10.1.2.3', 7008)).toBeUndefined();
  });

  it('refuses the one address a backend listens on, and the unspecified address that reaches it', () => {
    const own = new OwnEndpoints([{ host: '10.1.2.3', port: 7007 }], machine);
    expect(own.refusal('10.1.2.3', 7007)).toContain('own address');
    expect(own.refusal('127.0.0.1', 7007)).toBeUndefined();
    const onLoopback = new OwnEndpoints([{ host: '127.0.0.1', port: 7007 }]);
    expect(onLoopback.refusal('0.0.0.0', 7007)).toContain('own address');
  });

  it('refuses the base URL by name, in any case', () => {
    const own = new OwnEndpoints([
      { host: 'backstage.example.com', port: 443 },
    ]);
    expect(own.nameRefusal('BACKSTAGE.example.com', 443)).toContain(
      'own address',
    );
    expect(own.nameRefusal('backstage.example.com', 80)).toBeUndefined();
  });
});
