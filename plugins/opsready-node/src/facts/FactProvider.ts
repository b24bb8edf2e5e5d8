import { Entity } from '@backstage/catalog-model';
import { ServiceFacts } from '../checks/types';

/**
 * Gathers one kind of fact for a batch of entities. Providers work in
 * batches so that a source is asked once per batch (one catalog query, one
 * listing per cluster), not once per entity.
 *
 * An entity the provider has nothing for is left out of the result; the
 * checks that need that source then answer `unknown`.
 *
 * @public
 */
export interface FactProvider {
  /** A unique id, e.g. `repository`; used in logs and to refuse duplicates. */
  id: string;
  gather(
    entities: Entity[],
    options?: GatherOptions,
  ): Promise<Map<string, Partial<ServiceFacts>>>;
}

/**
 * How a batch is gathered.
 *
 * @public
 */
export interface GatherOptions {
  /**
   * Someone asked for the checks to run now: a provider that keeps facts
   * between evaluations asks its source whether they changed rather than
   * using what it kept.
   */
  fresh?: boolean;
}

/**
 * Merges what several providers found for one entity. Kubernetes facts are
 * merged side by side, since one provider may read manifests (declared) and
 * another the clusters (live).
 *
 * @public
 */
export function mergeFacts(
  entity: Entity,
  parts: Array<Partial<ServiceFacts> | undefined>,
): ServiceFacts {
  const facts: ServiceFacts = { entity };
  for (const part of parts) {
    if (!part) {
      continue;
    }
    const { kubernetes, entity: _ignored, ...rest } = part;
    Object.assign(facts, rest);
    if (kubernetes) {
      facts.kubernetes = { ...facts.kubernetes, ...kubernetes };
    }
  }
  return facts;
}
