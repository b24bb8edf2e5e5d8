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

/** Whether a string is an absolute http(s) URL with a host. */
export function isHttpUrl(value: string): boolean {
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
