import { Entity } from '@backstage/catalog-model';
import { declaredHealthEndpoints } from '@opsready/plugin-opsready-common';
import { derived } from '../derivedFacts';
import { ServiceFacts } from '../types';

/** A health endpoint as declared on the entity. */
export interface DeclaredEndpoint {
  environment: string;
  url: string;
}

/**
 * The health endpoints an entity declares, split into those the prober can
 * call (an absolute http or https URL) and those it cannot, with any problem
 * found in the health annotations. Parsed by the same function the prober
 * uses, so that the checks and the prober never disagree on what is declared.
 */
export function declaredEndpointsOf(entity: Entity): {
  usable: DeclaredEndpoint[];
  unusable: DeclaredEndpoint[];
  problems: string[];
} {
  const { endpoints, problems } = declaredHealthEndpoints(entity.metadata);
  const usable: DeclaredEndpoint[] = [];
  const unusable: DeclaredEndpoint[] = [];
  for (const { environment, url } of endpoints) {
    (isHttpUrl(url) ? usable : unusable).push({ environment, url });
  }
  return { usable, unusable, problems };
}

/**
 * `declaredEndpointsOf(facts.entity)`, derived once per evaluation: three
 * checks need it, and parsing URLs is not free. The lists are shared, so
 * callers copy what they put in evidence.
 */
export function declaredEndpointsIn(facts: ServiceFacts) {
  return derived(facts, deriveEndpoints);
}

function deriveEndpoints(facts: ServiceFacts) {
  return declaredEndpointsOf(facts.entity);
}

/** Copies of endpoints, for evidence that must not share them. */
export function copied(endpoints: DeclaredEndpoint[]): DeclaredEndpoint[] {
  return endpoints.map(({ environment, url }) => ({ environment, url }));
}

/**
 * URLs that are certainly absolute http(s) URLs with a host, by their form
 * alone: lower-case scheme, `//`, a host of lower-case letters, digits and
 * hyphens in dot-separated labels, the last starting with a letter (so it
 * is not taken for an IPv4 address) and none starting with `xn--` (which
 * must be valid Punycode), an optional port below 10000, then the path,
 * query or fragment, where the URL parser fails on nothing. This is how
 * health URLs are nearly always written, and `new URL` costs microseconds.
 */
const PLAIN_HTTP_URL =
  /^https?:\/\/(?:(?!xn--)[a-z0-9-]+\.)*(?!xn--)[a-z][a-z0-9-]*(?::\d{0,4})?(?:[/?#]|$)/;

/** Whether a string is an absolute http(s) URL with a host, as `new URL` says. */
export function looksLikePlainHttpUrl(value: string): boolean {
  return PLAIN_HTTP_URL.test(value);
}

/** Whether a string is an absolute http(s) URL with a host. */
export function isHttpUrl(value: string): boolean {
  return looksLikePlainHttpUrl(value) || parsesAsHttpUrl(value);
}

/** The URL parser's word on it: the slow path, for what is not plain. */
export function parsesAsHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (
      (url.protocol === 'http:' || url.protocol === 'https:') &&
      url.hostname !== ''
    );
  } catch {
    return false;
  }
}
