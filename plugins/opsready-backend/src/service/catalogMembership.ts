import { AuthService } from '@backstage/backend-plugin-api';
import { ServiceUnavailableError, isError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { normalizeEntityRef } from '@opsready/plugin-opsready-common';
import { IngestOutcome } from '../events/EventIngest';
import { truncate } from '../lib/boundedText';

type Rejection = IngestOutcome['rejected'][number];

/** A batch split by whether the catalog has the entity each item names. */
export interface CatalogSplit<T> {
  /** The items the catalog knows the entity of, with their index in the batch. */
  known: Array<{ item: T; index: number }>;
  /** The others, as the outcome lists them. */
  rejected: Rejection[];
}

/**
 * Splits ingested items by whether the catalog has their entity: events of
 * an entity it does not have could never be read back (every read goes
 * through the catalog), so they are refused rather than stored. One lookup
 * for the whole batch, with the plugin's own credentials: whether an entity
 * exists is not the caller's to see or not (a CI token may read nothing).
 */
export async function splitByCatalog<
  T extends { entityRef: string; externalId: string },
>(
  items: T[],
  deps: {
    catalog: CatalogService;
    auth: Pick<AuthService, 'getOwnServiceCredentials'>;
  },
): Promise<CatalogSplit<T>> {
  const refs = [...new Set(items.map(i => i.entityRef))];
  let found: Array<unknown | undefined>;
  try {
    ({ items: found } = await deps.catalog.getEntitiesByRefs(
      { entityRefs: refs, fields: ['kind', 'metadata.namespace'] },
      { credentials: await deps.auth.getOwnServiceCredentials() },
    ));
  } catch (error) {
    // A 503 the sender retries: nothing of the batch was written.
    throw new ServiceUnavailableError(
      `Could not ask the catalog whether the entities exist: ${truncate(
        isError(error) ? error.message : String(error),
        200,
      )}`,
    );
  }
  const inCatalog = new Set(refs.filter((_ref, i) => Boolean(found[i])));
  const split: CatalogSplit<T> = { known: [], rejected: [] };
  items.forEach((item, index) => {
    if (inCatalog.has(item.entityRef)) {
      split.known.push({ item, index });
    } else {
      split.rejected.push({
        index,
        externalId: item.externalId,
        reason: `entityRef ${normalizeEntityRef(
          item.entityRef,
        )} is not in the catalog`,
      });
    }
  });
  return split;
}

/**
 * The outcome of recording the known items, with the indexes of its
 * rejections turned back into indexes of the whole batch and the catalog's
 * rejections added, in batch order.
 */
export function mergeOutcome<T>(
  split: CatalogSplit<T>,
  outcome: IngestOutcome,
): IngestOutcome {
  return {
    ...outcome,
    rejected: [
      ...split.rejected,
      ...outcome.rejected.map(r => ({
        ...r,
        index: split.known[r.index].index,
      })),
    ].sort((a, b) => a.index - b.index),
  };
}
