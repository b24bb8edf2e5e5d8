import { AddressPolicy } from './addressPolicy';
import { checkProbeTarget, guardedLookup } from './probeTarget';

const policy = new AddressPolicy();

describe('checkProbeTarget', () => {
  it.each([
    ['http://169.254.169.254/latest/meta-data/', 'link-local (cloud metadata)'],
    ['http://2130706433/', 'loopback'],
    ['http://0x7f000001/', 'loopback'],
    ['http://[::1]/', 'loopback'],
    ['http://[::ffff:127.0.0.1]/', 'loopback'],
    ['http://10.0.0.1:8080/healthz', 'private'],
  ])('refuses %s with the reason (%s)', (url, kind) => {
    const check = checkProbeTarget(url, policy);
    expect(check).toEqual({
      ok: false,
      reason: expect.stringContaining(`is a ${kind} address`),
    });
  });

  it.each([
    ['file:///etc/passwd', 'file URLs are not probed; use http or https'],
    [
      'gopher://example.com:70/_GET',
      'gopher URLs are not probed; use http or https',
    ],
    ['not a url', "'not a url' is not a URL"],
    [
      'http://user:secret@example.com/healthz',
      'health URLs may not carry credentials; configure headers in opsready.health instead',
    ],
  ])('refuses %s', (url, reason) => {
    expect(checkProbeTarget(url, policy)).toEqual({ ok: false, reason });
  });

  it('accepts public URLs and allow-listed addresses', () => {
    expect(
      checkProbeTarget('https://cart.example.com/healthz', policy),
    ).toMatchObject({ ok: true });
    expect(
      checkProbeTarget(
        'http://127.0.0.1:9000/healthz',
        new AddressPolicy(['127.0.0.1']),
      ),
    ).toMatchObject({
      ok: true,
    });
  });
});

describe("checkProbeTarget and the backend's own endpoints", () => {
  const allowing = new AddressPolicy(['127.0.0.0/8', 'localhost'], {
    own: [{ port: 7007 }, { host: 'backstage.example.com', port: 443 }],
  });

  it.each([
    'http://127.0.0.1:7007/api/catalog/entities',
    'http://2130706433:7007/',
    'http://0x7f000001:7007/',
    'http://0177.0.0.1:7007/',
    'http://127.1:7007/',
    'http://[::1]:7007/',
    'http://[::ffff:127.0.0.1]:7007/',
    'http://0.0.0.0:7007/',
    'https://backstage.example.com/api/catalog/entities',
  ])('refuses %s whatever the allow-list says', url => {
    expect(checkProbeTarget(url, allowing)).toEqual({
      ok: false,
      reason: expect.stringContaining(
        "is this Backstage backend's own address, which health probes never call",
      ),
    });
  });

  it('lets the other ports of the same addresses through', () => {
    expect(
      checkProbeTarget('http://2130706433:7110/healthz', allowing),
    ).toMatchObject({ ok: true });
  });
});

describe('guardedLookup', () => {
  // A resolver that answers what a hostile DNS server would.
  const fakeResolve = (answers: Record<string, string[]>) =>
    ((hostname: string, _options: unknown, callback: Function) =>
      callback(
        null,
        (answers[hostname] ?? []).map(address => ({
          address,
          family: address.includes(':') ? 6 : 4,
        })),
      )) as any;

  const lookupOf = (
    allow: string[],
    answers: Record<string, string[]>,
    { port = 443, own = [] as Array<{ port: number }> } = {},
  ) => {
    const lookup = guardedLookup(
      new AddressPolicy(allow, { own }),
      port,
      fakeResolve(answers),
    );
    return (host: string) =>
      new Promise<{ error: any; address?: string }>(resolve =>
        lookup(host, {}, (error, address) =>
          resolve({ error, address: address as string }),
        ),
      );
  };

  it('refuses a name that resolves to a private address, before connecting', async () => {
    const { error } = await lookupOf([], {
      'rebind.example.com': ['10.0.0.1'],
    })('rebind.example.com');
    expect(error?.message).toBe(
      'rebind.example.com resolves to 10.0.0.1 is a private address, which health probes may not reach unless allow-listed (opsready.health.allow)',
    );
    expect(error?.code).toBe('EOPSREADYFORBIDDEN');
  });

  it('refuses when any of the addresses is forbidden', async () => {
    const { error } = await lookupOf([], {
      'mixed.example.com': ['93.184.216.34', '169.254.169.254'],
    })('mixed.example.com');
    expect(error?.message).toContain('link-local (cloud metadata)');
  });

  it('passes public addresses and allow-listed names through', async () => {
    const lookup = lookupOf(['*.svc.cluster.local'], {
      'cart.example.com': ['93.184.216.34'],
      'cart.shop.svc.cluster.local': ['10.96.0.12'],
    });
    expect(await lookup('cart.example.com')).toEqual({
      error: null,
      address: '93.184.216.34',
    });
    expect(await lookup('cart.shop.svc.cluster.local')).toEqual({
      error: null,
      address: '10.96.0.12',
    });
  });

  it("refuses an allow-listed name that resolves to the backend's own address and port", async () => {
    const answers = { 'sneaky.example.com': ['127.0.0.1'] };
    const allow = ['sneaky.example.com', '127.0.0.0/8'];
    const own = [{ port: 7007 }];
    const { error } = await lookupOf(allow, answers, { port: 7007, own })(
      'sneaky.example.com',
    );
    expect(error?.message).toBe(
      "sneaky.example.com resolves to 127.0.0.1:7007 is this Backstage backend's own address, which health probes never call",
    );
    expect(
      await lookupOf(allow, answers, { port: 7110, own })('sneaky.example.com'),
    ).toEqual({ error: null, address: '127.0.0.1' });
  });

  it('refuses an allow-listed address on a port it is not allow-listed on', async () => {
    const answers = { 'fleet.local': ['127.0.0.1'] };
    const lookup = (port: number) =>
      lookupOf(['127.0.0.1:7110-7119'], answers, { port })('fleet.local');
    expect((await lookup(7110)).error).toBeNull();
    expect((await lookup(22)).error?.message).toContain(
      'allow-listed on port 7110-7119 only, not 22',
    );
  });
});
