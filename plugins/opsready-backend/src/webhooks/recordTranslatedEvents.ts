import { LoggerService } from '@backstage/backend-plugin-api';
import {
  DeploymentInput,
  ServiceErrorInput,
} from '@opsready/plugin-opsready-common';
import { WebhookSkipsStore } from '../database/WebhookSkipsStore';
import { EventIngest, IngestOutcome } from '../events/EventIngest';
import { EntityMatch, EntityResolver } from './EntityResolver';
import { EntityLocator, SkippedItem, Translation } from './translation';

/** What a webhook call did: the response body. */
export interface DeliveryResult {
  deployments?: IngestOutcome;
  errors?: IngestOutcome;
  /** What was left aside and why: unknown entities, events OpsReady does not use. */
  skipped: SkippedItem[];
}

async function locate(
  resolver: EntityResolver,
  locator: EntityLocator,
): Promise<EntityMatch> {
  if (locator.by === 'annotation') {
    return resolver.byAnnotation(locator.key, locator.values);
  }
  const match = await resolver.byRefOrName(locator.value);
  return 'reason' in match
    ? { reason: `${locator.from} names '${locator.value}': ${match.reason}` }
    : match;
}

/**
 * Ties a translated payload's events to their entities and records them.
 * Everything is looked up before anything is written, so a lookup that
 * fails (a catalog timeout) leaves nothing half-recorded for the sender's
 * retry; events whose entity is unknown are skipped with the reason, which
 * is kept (`skips`) for the platform team to read back.
 */
export async function recordTranslatedEvents(options: {
  translation: Translation;
  source: string;
  resolver: EntityResolver;
  ingest: EventIngest;
  skips: WebhookSkipsStore;
  logger: LoggerService;
  now?: Date;
}): Promise<DeliveryResult> {
  const { translation, source, resolver, ingest, skips, logger } = options;
  const unknownEntities: SkippedItem[] = [];
  const skipped: SkippedItem[] = [];
  for (const { item, reason, namesNoEntity } of translation.skipped) {
    logger.info(`Webhook ${source}: skipped ${item}: ${reason}`);
    skipped.push({ item, reason });
    // An event for no entity is as lost as one for an unknown entity.
    if (namesNoEntity) unknownEntities.push({ item, reason });
  }

  // Payloads often name one entity several times (alerts of one group).
  const cache = new Map<string, Promise<EntityMatch>>();
  async function entityOf(locators: EntityLocator[]): Promise<EntityMatch> {
    const reasons: string[] = [];
    for (const locator of locators) {
      const key = JSON.stringify(locator);
      if (!cache.has(key)) {
        cache.set(key, locate(resolver, locator));
      }
      const match = await cache.get(key)!;
      if ('entityRef' in match) {
        return match;
      }
      reasons.push(match.reason);
    }
    return { reason: reasons.join('; ') };
  }

  const deployments: DeploymentInput[] = [];
  const errors: ServiceErrorInput[] = [];
  const resolutions: Array<{
    entityRef: string;
    event: Extract<
      Translation['events'][number],
      { type: 'resolve-open-errors' }
    >;
  }> = [];

  for (const event of translation.events) {
    const match = await entityOf(event.locators);
    if ('reason' in match) {
      const item =
        event.type === 'resolve-open-errors'
          ? `resolution of ${event.externalIdPrefix}*`
          : `${event.type} ${event.input.externalId}`;
      const reason = `Unknown entity: ${match.reason}`;
      logger.warn(`Webhook ${source}: skipped ${item}: ${reason}`);
      skipped.push({ item, reason });
      unknownEntities.push({ item, reason });
      continue;
    }
    if (event.type === 'deployment') {
      deployments.push({ ...event.input, entityRef: match.entityRef });
    } else if (event.type === 'error') {
      errors.push({ ...event.input, entityRef: match.entityRef });
    } else {
      resolutions.push({ entityRef: match.entityRef, event });
    }
  }

  if (resolutions.length > 0) {
    const open = await ingest.listOpenErrors(source);
    for (const { entityRef, event } of resolutions) {
      for (const error of open) {
        if (
          error.entityRef === entityRef &&
          error.externalId.startsWith(event.externalIdPrefix)
        ) {
          errors.push({
            ...event.template,
            entityRef,
            externalId: error.externalId,
            occurredAt: event.occurredAtOf(error.externalId),
            resolvedAt: event.resolvedAt,
          });
        }
      }
    }
  }

  await skips.add(source, unknownEntities, options.now ?? new Date());
  const result: DeliveryResult = { skipped };
  if (deployments.length > 0) {
    result.deployments = await ingest.recordDeployments(deployments);
  }
  if (errors.length > 0) {
    result.errors = await ingest.recordErrors(errors);
  }
  for (const outcome of [result.deployments, result.errors]) {
    for (const rejected of outcome?.rejected ?? []) {
      logger.warn(
        `Webhook ${source}: the store refused ${rejected.externalId}: ${rejected.reason}`,
      );
    }
  }
  return result;
}
