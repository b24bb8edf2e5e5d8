import {
  isHttpUrl,
  looksLikePlainHttpUrl,
  parsesAsHttpUrl,
} from './declaredEndpoints';

// A small deterministic generator, so that a failure can be replayed.
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('isHttpUrl', () => {
  it('says what the URL parser says, on URLs that are nearly plain', () => {
    const tricky = [
      'http://cart.shop/healthz',
      'https://cart.example.com:8443/healthz?deep=1#x',
      'http://svc-1',
      'http://1.2.3.4/',
      'http://1.2.3.999/',
      'http://cart.123/',
      'http://cart.0x1f/',
      'http://xn--zz/',
      'http://xn--nxasmq6b.example/',
      'http://a.xn--zz/',
      'HTTP://CART.SHOP/',
      'http://cart:99999/',
      'http://cart:/',
      'http://a..b/',
      'http://a.b./',
      'http:cart.shop/x',
      'http:/cart.shop/x',
      'http:///cart.shop',
      'http://user@cart.shop/',
      'http://cart.shop\\x',
      'http://[::1]/',
      'http://-cart-.shop/',
      'http://ca_rt.shop/',
      'http://cärt.shop/',
      'http://cart.shop/%zz é',
      'ftp://cart.shop/',
      'http://',
      'not a url',
      '',
    ];
    for (const value of tricky) {
      expect([value, isHttpUrl(value)]).toEqual([
        value,
        parsesAsHttpUrl(value),
      ]);
    }
  });

  it('takes the fast path only for URLs the parser accepts', () => {
    const rand = random(7);
    const pick = (items: string[]) => items[Math.floor(rand() * items.length)];
    const starts = ['http://', 'https://', 'http:/', 'HTTP://', 'http:///'];
    const pieces = [
      'a',
      'z',
      'q7',
      'x',
      'n',
      '-',
      '.',
      '.',
      '0',
      '9',
      '12',
      ':',
      '/',
      '?',
      '#',
      '@',
      '%',
      '[',
      ']',
      ' ',
      '\t',
      '\\',
      'A',
      'é',
      '_',
      'xn--',
      '0x',
      '8080',
      '65536',
      '99999',
      'cart',
      'shop',
    ];
    const accepted: string[] = [];
    for (let i = 0; i < 20000; i++) {
      let value = pick(starts) + pick(['cart', 'a', 'x', 'q7', '0']);
      const length = 1 + Math.floor(rand() * 12);
      for (let j = 0; j < length; j++) {
        value += pick(pieces);
      }
      if (looksLikePlainHttpUrl(value)) {
        accepted.push(value);
      }
    }
    expect(accepted.filter(value => !parsesAsHttpUrl(value))).toEqual([]);
    // Enough of them took the fast path for the comparison to mean something.
    expect(accepted.length).toBeGreaterThan(1000);
  });
});
