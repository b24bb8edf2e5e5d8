import {
  AuthService,
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  DeploymentInput,
  ServiceErrorInput,
  normalizeEntityRef,
  opsreadyErrorsResolvePermission,
  opsreadyEventsCreatePermission,
} from '@opsready/plugin-opsready-common';
import express from 'express';
import { EventsConfig } from '../config/readEventsConfig';
import { DeploymentsStore } from '../database/DeploymentsStore';
import { ErrorsStore } from '../database/ErrorsStore';
import { EvaluationsStore } from '../database/EvaluationsStore';
import { HealthStore } from '../database/HealthStore';
import type { NotificationLogStore } from '../database/NotificationLogStore';
import { ProvisionedEventsStore } from '../database/ProvisionedEventsStore';
import { EventsService } from '../events/EventsService';
import { principalName } from '../exemptions/principalName';
import { requirePermission } from '../lib/requirePermission';
import { readTimeline } from '../events/timeline';
import { mapWithConcurrency } from '../lib/concurrency';
import {
  deploymentInput,
  deploymentsQuery,
  deploymentStatusPatch,
  doraQuery,
  serviceErrorInput,
  errorSeriesQuery,
  errorsQuery,
  fleetDoraQuery,
  parseBatch,
  parseInput,
  parseOwnerRef,
  pathEntityRef,
  provisionedBody,
  resolveErrorBody,
  timelineQuery,
} from './validation';
import { createApiRouter, plain } from './createApiRouter';
import {
  KnownEntities,
  mergeOutcome,
  splitByCatalog,
} from './catalogMembership';
import { IngestOutcome } from '../events/EventIngest';
import { boundedJoin } from '../lib/boundedText';

/** A request as the HTTP auth service reads credentials from it. */
type CredentialsRequest = Parameters<HttpAuthService['credentials']>[0];

export interface EventsRouterOptions {
  httpAuth: HttpAuthService;
  auth: Pick<AuthService, 'isPrincipal' | 'getOwnServiceCredentials'>;
  permissions: PermissionsService;
  catalog: CatalogService;
  events: EventsService;
  deployments: DeploymentsStore;
  errors: ErrorsStore;
  provisioned: ProvisionedEventsStore;
  health: HealthStore;
  scores: EvaluationsStore;
  /** What owners were told, for the timeline. */
  notifications?: Pick<NotificationLogStore, 'noticesBetween'>;
  config: EventsConfig;
  /** The entity as the caller may see it; NotFoundError otherwise. */
  readEntity(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<Entity>;
}

/** Entities of one owner whose DORA figures are listed one by one. */
const MAX_OWNER_ENTITIES = 500;

/**
 * Deployments and errors: the ingest routes CI/CD and scripts post to, and
 * the read routes the entity pages use (see src/schema/openapi.yaml).
 */
export function createEventsRouter(
  options: EventsRouterOptions,
): express.Router {
  const { httpAuth, permissions, catalog, events, config } = options;
  const { deployments, errors, provisioned } = options;
  const knownEntities = new KnownEntities(options);
  // Batches are bigger than other requests: the ingest routes parse their
  // bodies with their own limit, so the rest of the API keeps its small one.
  const ingestJson = express.json({ limit: config.maxPayloadBytes });
  const smallJson = express.json({ limit: '64kb' });
  const router = createApiRouter({
    paths: [
      '/deployments',
      '/deployments/{id}',
      '/errors',
      '/errors/{id}/resolve',
      '/entities/{kind}/{namespace}/{name}/provisioned',
      '/entities/{kind}/{namespace}/{name}/deployments',
      '/entities/{kind}/{namespace}/{name}/environments',
      '/entities/{kind}/{namespace}/{name}/errors',
      '/entities/{kind}/{namespace}/{name}/errors/series',
      '/entities/{kind}/{namespace}/{name}/timeline',
      '/entities/{kind}/{namespace}/{name}/dora',
      '/dora',
    ],
    bodyParser: (method, path) =>
      method === 'POST' && (path === '/deployments' || path === '/errors')
        ? ingestJson
        : smallJson,
    bodyNames: {
      'POST /deployments': 'deployments',
      'POST /errors': 'errors',
      'PATCH /deployments/{id}': 'deployment',
      'POST /errors/{id}/resolve': 'resolution',
      'POST /entities/{kind}/{namespace}/{name}/provisioned':
        'provisioned event',
    },
    inputChecks: {
      'POST /deployments': req =>
        parseBatch(deploymentInput, config.maxBatch, req.body, 'deployments'),
      'POST /errors': req =>
        parseBatch(serviceErrorInput, config.maxBatch, req.body, 'errors'),
      'PATCH /deployments/{id}': req =>
        parseInput(deploymentStatusPatch, req.body, 'deployment'),
      'POST /errors/{id}/resolve': req =>
        parseInput(resolveErrorBody, req.body ?? {}, 'resolution'),
      'POST /entities/{kind}/{namespace}/{name}/provisioned': req =>
        parseInput(provisionedBody, req.body, 'provisioned event'),
      'GET /entities/{kind}/{namespace}/{name}/deployments': req =>
        parseInput(deploymentsQuery, req.query, 'query'),
      'GET /entities/{kind}/{namespace}/{name}/errors': req =>
        parseInput(errorsQuery, req.query, 'query'),
      'GET /entities/{kind}/{namespace}/{name}/errors/series': req =>
        parseInput(errorSeriesQuery, req.query, 'query'),
      'GET /entities/{kind}/{namespace}/{name}/timeline': req =>
        parseInput(timelineQuery, req.query, 'query'),
      'GET /entities/{kind}/{namespace}/{name}/dora': req =>
        parseInput(doraQuery, req.query, 'query'),
      'GET /dora': req => parseInput(fleetDoraQuery, req.query, 'query'),
    },
  });

  const principalOf = (credentials: BackstageCredentials) =>
    principalName(options.auth, credentials);

  const mayCreateEvents = async (req: CredentialsRequest) => {
    const credentials = await httpAuth.credentials(req);
    await requirePermission(
      permissions,
      { permission: opsreadyEventsCreatePermission },
      credentials,
      'send deployments and errors',
    );
    return credentials;
  };

  /**
   * Records the items whose entity the catalog has; the others are listed
   * in `rejected`. When none has one, nothing is written and the request
   * is a 400 naming them, as for any other item that cannot be stored.
   */
  async function recordKnown<
    T extends { entityRef: string; externalId: string },
  >(
    body: unknown,
    items: T[],
    what: string,
    record: (known: T[]) => Promise<IngestOutcome>,
  ): Promise<IngestOutcome> {
    const split = await splitByCatalog(items, knownEntities);
    if (split.known.length === 0) {
      const batch =
        typeof body === 'object' && body !== null && 'items' in body;
      throw new InputError(
        `Invalid ${what}: ${boundedJoin(
          split.rejected.map(r =>
            batch ? `items.${r.index}: ${r.reason}` : r.reason,
          ),
          '; ',
        )}`,
      );
    }
    return mergeOutcome(split, await record(split.known.map(k => k.item)));
  }

  router.post('/deployments', async (req, res) => {
    await mayCreateEvents(req);
    const inputs = parseBatch(
      deploymentInput,
      config.maxBatch,
      req.body,
      'deployments',
    );
    // Parsed above with the ingest's own schema: not parsed again.
    const outcome = await recordKnown(req.body, inputs, 'deployments', known =>
      events.recordValidDeployments(known as DeploymentInput[]),
    );
    res.status(outcome.stored > 0 ? 201 : 200).json(plain(outcome));
  });

  router.patch('/deployments/:id', async (req, res) => {
    await mayCreateEvents(req);
    const patch = parseInput(deploymentStatusPatch, req.body, 'deployment');
    const existing = await deployments.getDeployment(req.params.id);
    if (!existing) {
      throw new NotFoundError(`No deployment ${req.params.id}`);
    }
    const {
      id: _id,
      durationMs: _d,
      previousVersion: _p,
      isRollback: _r,
      changeFailure: _c,
      changeFailureReasons: _cr,
      rollbackAdvised: _a,
      rollbackAdvisedReason: _ar,
      receivedAt: _rc,
      updatedAt: _u,
      ...input
    } = existing;
    await events.recordDeployments([
      {
        ...input,
        status: patch.status,
        finishedAt:
          patch.finishedAt ??
          input.finishedAt ??
          (patch.status === 'started' ? undefined : new Date().toISOString()),
      },
    ]);
    res.json(plain(await deployments.getDeployment(existing.id)));
  });

  router.post('/errors', async (req, res) => {
    await mayCreateEvents(req);
    const inputs = parseBatch(
      serviceErrorInput,
      config.maxBatch,
      req.body,
      'errors',
    );
    const outcome = await recordKnown(req.body, inputs, 'errors', known =>
      events.recordValidErrors(known as ServiceErrorInput[]),
    );
    res.status(outcome.stored > 0 ? 201 : 200).json(plain(outcome));
  });

  router.post('/errors/:id/resolve', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const body = parseInput(resolveErrorBody, req.body ?? {}, 'resolution');
    const error = await errors.getError(req.params.id);
    if (!error) {
      throw new NotFoundError(`No error ${req.params.id}`);
    }
    await requirePermission(
      permissions,
      {
        permission: opsreadyErrorsResolvePermission,
        resourceRef: error.entityRef,
      },
      credentials,
      `resolve errors of ${error.entityRef}`,
    );
    await errors.resolveError(error.id, {
      by: principalOf(credentials),
      notes: body.notes || undefined,
      at: new Date(),
    });
    res.json(plain(await errors.getError(error.id)));
  });

  router.post(
    '/entities/:kind/:namespace/:name/provisioned',
    async (req, res) => {
      const credentials = await mayCreateEvents(req);
      const body = parseInput(provisionedBody, req.body, 'provisioned event');
      // The catalog may not have the entity yet: the scaffolder registers
      // it moments before.
      const event = await provisioned.addProvisioned(
        pathEntityRef(req.params),
        { ...body, actor: body.actor ?? principalOf(credentials) },
        new Date(),
      );
      res.status(201).json(plain(event));
    },
  );

  /**
   * The entity's key in the store, once the caller is known to see it and
   * the events written for it so far are correlated.
   */
  const visibleEntity = async (req: CredentialsRequest) => {
    const credentials = await httpAuth.credentials(req);
    const entityRef = normalizeEntityRef(
      await options.readEntity(pathEntityRef(req.params), credentials),
    );
    await events.settled([entityRef]);
    return entityRef;
  };

  router.get(
    '/entities/:kind/:namespace/:name/deployments',
    async (req, res) => {
      const { limit, cursor, ...filter } = parseInput(
        deploymentsQuery,
        req.query,
        'query',
      );
      const entityRef = await visibleEntity(req);
      res.json(
        plain(
          await deployments.listDeployments(entityRef, filter, {
            limit,
            cursor,
          }),
        ),
      );
    },
  );

  router.get(
    '/entities/:kind/:namespace/:name/environments',
    async (req, res) => {
      const entityRef = await visibleEntity(req);
      res.json({ items: await events.environments(entityRef) });
    },
  );

  router.get('/entities/:kind/:namespace/:name/errors', async (req, res) => {
    const { limit, cursor, view, ...filter } = parseInput(
      errorsQuery,
      req.query,
      'query',
    );
    const entityRef = await visibleEntity(req);
    const page =
      view === 'grouped'
        ? await errors.listErrorGroups(entityRef, filter, { limit, cursor })
        : await errors.listErrors(entityRef, filter, { limit, cursor });
    res.json({ view, ...page });
  });

  router.get(
    '/entities/:kind/:namespace/:name/errors/series',
    async (req, res) => {
      const { environment, from, to } = parseInput(
        errorSeriesQuery,
        req.query,
        'query',
      );
      const entityRef = await visibleEntity(req);
      res.json({
        from: from.toISOString(),
        to: to.toISOString(),
        bucket: 'hour',
        ...(await errors.errorCountsByHour(entityRef, {
          environment,
          from,
          to,
        })),
      });
    },
  );

  router.get('/entities/:kind/:namespace/:name/timeline', async (req, res) => {
    const query = parseInput(timelineQuery, req.query, 'query');
    const entityRef = await visibleEntity(req);
    const page = await readTimeline(
      {
        deployments,
        errors,
        provisioned,
        health: options.health,
        scores: options.scores,
        notifications: options.notifications,
      },
      entityRef,
      query,
    );
    res.json({
      from: query.from.toISOString(),
      to: query.to.toISOString(),
      ...page,
    });
  });

  router.get('/entities/:kind/:namespace/:name/dora', async (req, res) => {
    const { environment, from, to } = parseInput(doraQuery, req.query, 'query');
    const entityRef = await visibleEntity(req);
    res.json({
      entityRef,
      ...(await events.dora([entityRef], environment, { from, to })),
    });
  });

  router.get('/dora', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const { owner, environment, from, to } = parseInput(
      fleetDoraQuery,
      req.query,
      'query',
    );
    const ownerRef = parseOwnerRef(owner);
    // What the caller may see of the owner's entities, as the catalog says.
    const owned = await catalog.getEntities(
      {
        filter: { 'relations.ownedBy': ownerRef },
        fields: [
          'kind',
          'metadata.namespace',
          'metadata.name',
          'metadata.title',
        ],
      },
      { credentials },
    );
    const entities = owned.items.slice(0, MAX_OWNER_ENTITIES);
    const refs = entities.map(entity => normalizeEntityRef(entity));
    const range = { from, to };
    await events.settled(refs);
    res.json({
      owner: ownerRef,
      ...(await events.dora(refs, environment, range)),
      entities: await mapWithConcurrency(entities, 4, async entity => ({
        entityRef: normalizeEntityRef(entity),
        title: entity.metadata.title ?? entity.metadata.name,
        ...(await events.dora(
          [normalizeEntityRef(entity)],
          environment,
          range,
        )),
      })),
    });
  });

  return router;
}
