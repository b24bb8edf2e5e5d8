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

/** How long the catalog's "yes, it exists" is trusted, and how many kept. */
const KNOWN_FOR_MS = 60_000;
const MAX_KNOWN = 50_000;

/**
 * Which entity refs the catalog has, asked once per batch with the plugin's
 * own credentials: whether an entity exists is not the caller's to see or
 * not (a CI token may read nothing). A "yes" is kept for a minute, so that
 * webhooks delivering one event per request do not each cost a catalog
 * round trip; a "no" is never kept, so an entity registered a moment ago
 * is taken at once. The price: for up to a minute after an entity leaves
 * the catalog, its events are still stored (and unreadable, as before).
 */
export class KnownEntities {
  // Entity ref to the time its "yes" stops being trusted, oldest first.
  private readonly known = new Map<string, number>();

  constructor(
    private readonly deps: {
      catalog: CatalogService;
      auth: Pick<AuthService, 'getOwnServiceCredentials'>;
    },
    private readonly now: () => number = Date.now,
  ) {}

  async inCatalog(refs: string[]): Promise<Set<string>> {
    const now = this.now();
    const found = new Set<string>();
    const toAsk: string[] = [];
    for (const ref of refs) {
      if ((this.known.get(ref) ?? 0) > now) {
        found.add(ref);
      } else {
        toAsk.push(ref);
      }
    }
    if (toAsk.length === 0) {
      return found;
    }
    let items: Array<unknown | undefined>;
    try {
      ({ items } = await this.deps.catalog.getEntitiesByRefs(
        { entityRefs: toAsk, fields: ['kind', 'metadata.namespace'] },
        { credentials: await this.deps.auth.getOwnServiceCredentials() },
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
    toAsk.forEach((ref, i) => {
      if (items[i]) {
        found.add(ref);
        this.remember(ref, now + KNOWN_FOR_MS);
      }
    });
    return found;
  }

  private remember(ref: string, until: number) {
    this.known.delete(ref);
    this.known.set(ref, until);
    if (this.known.size > MAX_KNOWN) {
      // Map keeps insertion order: the first key is the oldest "yes".
      this.known.delete(this.known.keys().next().value!);
    }
  }
}

/**
 * Splits ingested items by whether the catalog has their entity: events of
 * an entity it does not have could never be read back (every read goes
 * through the catalog), so they are refused rather than stored.
 */
export async function splitByCatalog<
  T extends { entityRef: string; externalId: string },
>(items: T[], knownEntities: KnownEntities): Promise<CatalogSplit<T>> {
  const inCatalog = await knownEntities.inCatalog([
    ...new Set(items.map(i => i.entityRef)),
  ]);
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
