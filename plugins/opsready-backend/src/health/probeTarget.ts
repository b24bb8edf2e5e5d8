import { lookup as dnsLookup, LookupAddress } from 'node:dns';
import { isIP, LookupFunction } from 'node:net';
import { AddressPolicy } from './addressPolicy';

/** A health URL the prober may request, or why not. */
export type ProbeTargetCheck =
  | { ok: true; url: URL }
  | { ok: false; reason: string };

/**
 * Checks a health URL from catalog YAML before anything is connected: http
 * or https only, no credentials in it, and an IP literal (in any spelling
 * the URL parser understands: `2130706433`, `0x7f000001`, `[::1]`) judged
 * by the address policy. Host names are judged when they resolve (see
 * `guardedLookup`), so that DNS cannot swap in a forbidden address later.
 */
export function checkProbeTarget(
  raw: string,
  policy: AddressPolicy,
): ProbeTargetCheck {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: `'${raw}' is not a URL` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return {
      ok: false,
      reason: `${url.protocol.replace(
        /:$/,
        '',
      )} URLs are not probed; use http or https`,
    };
  }
  if (url.username || url.password) {
    return {
      ok: false,
      reason:
        'health URLs may not carry credentials; configure headers in opsready.health instead',
    };
  }
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const port = portOf(url);
  // The URL parser has already turned `2130706433` or `0x7f.1` into
  // 127.0.0.1, so the backend's own address is caught in any spelling.
  const own = policy.ownRefusal(host, port);
  if (own) {
    return { ok: false, reason: own };
  }
  if (isIP(host) && !policy.isHostAllowed(host, port)) {
    const refusal = policy.refusal(host, port);
    if (refusal) {
      return { ok: false, reason: refusal };
    }
  }
  return { ok: true, url };
}

/** The port a URL connects to, its scheme's default when it names none. */
export function portOf(url: { port: string; protocol: string }): number {
  return Number(url.port) || (url.protocol === 'https:' ? 443 : 80);
}

/**
 * A DNS lookup for the prober's connections to `port` that refuses a name
 * resolving to a forbidden address. It runs at connect time, on the very
 * addresses the socket will use, so a name that resolved to a public
 * address for a check and to 169.254.169.254 for the connection (DNS
 * rebinding) is still refused. Allow-listed names pass whatever they
 * resolve to, except the backend's own address and port.
 */
export function guardedLookup(
  policy: AddressPolicy,
  port: number,
  resolve: typeof dnsLookup = dnsLookup,
): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) {
        callback(error, '', 0);
        return;
      }
      const list = addresses as unknown as LookupAddress[];
      const allowed = policy.isHostAllowed(hostname, port);
      for (const { address } of list) {
        const refusal = allowed
          ? policy.ownRefusal(address, port)
          : policy.refusal(address, port);
        if (refusal) {
          const refused = Object.assign(
            new Error(`${hostname} resolves to ${refusal}`),
            { code: 'EOPSREADYFORBIDDEN' },
          );
          callback(refused, '', 0);
          return;
        }
      }
      if ((options as { all?: boolean }).all) {
        (callback as any)(null, list);
      } else {
        callback(null, list[0].address, list[0].family);
      }
    });
  };
}
