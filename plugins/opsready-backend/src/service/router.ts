import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  declaredHealthEndpoints,
  normalizeEntityRef,
  opsreadyChecksRunPermission,
} from '@opsready/plugin-opsready-common';
import {
  CheckDefinition,
  ScorecardDefinition,
  scorecardsInForce,
} from '@opsready/plugin-opsready-node';
import express from 'express';
import { createApiRouter, plain } from './createApiRouter';
import { EvaluationsStore } from '../database/EvaluationsStore';
import { HealthService } from '../health/HealthService';
import { ExemptionsService } from '../exemptions/ExemptionsService';
import { EvaluationService } from '../evaluation/EvaluationService';
import { requirePermission } from '../lib/requirePermission';
import { createGateVerdict, GateVerdictFunction } from './gateVerdict';
import {
  exemptionDecisionBody,
  fleetQuery,
  gateQuery,
  healthHistoryQuery,
  newExemptionBody,
  parseInput,
  parseOwnerRef,
  pathEntityRef,
  scoreHistoryQuery,
} from './validation';

export interface RouterOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  catalog: CatalogService;
  store: EvaluationsStore;
  evaluations: EvaluationService;
  health: HealthService;
  exemptions: ExemptionsService;
  checks: () => CheckDefinition[];
  /** The scorecards, the first the entity's score. */
  scorecards: ScorecardDefinition[];
  /** The gate's verdict; by default without campaigns. */
  gate?: GateVerdictFunction;
}

/**
 * The REST API under /api/opsready (see src/schema/openapi.yaml). Every
 * route needs credentials (the backend's default auth policy); errors thrown
 * here are @backstage/errors, which the backend turns into their status.
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const {
    httpAuth,
    permissions,
    catalog,
    store,
    evaluations,
    health,
    exemptions,
    checks,
    scorecards,
  } = options;
  const levels = scorecards[0].levels;
  const smallJson = express.json({ limit: '64kb' });
  const fleet = fleetQuery(scorecards);
  const gate = gateQuery(scorecards);
  const gateVerdict =
    options.gate ?? createGateVerdict({ evaluations, scorecards });
  const router = createApiRouter({
    paths: [
      '/checks',
      '/scorecards',
      '/entities/{kind}/{namespace}/{name}/checks',
      '/entities/{kind}/{namespace}/{name}/refresh',
      '/entities/{kind}/{namespace}/{name}/score-history',
      '/entities/{kind}/{namespace}/{name}/health',
      '/entities/{kind}/{namespace}/{name}/health/history',
      '/fleet',
      '/gate',
      '/entities/{kind}/{namespace}/{name}/exemptions',
      '/entities/{kind}/{namespace}/{name}/exemption-requests',
      '/exemptions/{id}/decision',
      '/exemptions/{id}',
    ],
    bodyParser: () => smallJson,
    bodyNames: {
      'POST /entities/{kind}/{namespace}/{name}/exemptions': 'exemption',
      'POST /entities/{kind}/{namespace}/{name}/exemption-requests':
        'exemption request',
      'POST /exemptions/{id}/decision': 'decision',
    },
    inputChecks: {
      'GET /entities/{kind}/{namespace}/{name}/score-history': req =>
        parseInput(scoreHistoryQuery, req.query, 'query'),
      'GET /entities/{kind}/{namespace}/{name}/health/history': req =>
        parseInput(healthHistoryQuery, req.query, 'query'),
      'GET /fleet': req => parseInput(fleet, req.query, 'query'),
      'GET /gate': req => parseInput(gate, req.query, 'query'),
      'POST /entities/{kind}/{namespace}/{name}/exemptions': req =>
        parseInput(newExemptionBody, req.body, 'exemption'),
      'POST /entities/{kind}/{namespace}/{name}/exemption-requests': req =>
        parseInput(newExemptionBody, req.body, 'exemption request'),
      'POST /exemptions/{id}/decision': req =>
        parseInput(exemptionDecisionBody, req.body, 'decision'),
    },
  });

  router.get('/checks', async (_req, res) => {
    res.json({
      items: checks().map(({ evaluate: _evaluate, appliesTo, ...rest }) => ({
        ...rest,
        appliesTo: appliesTo ?? {},
      })),
      levels,
    });
  });

  router.get('/scorecards', async (_req, res) => {
    res.json({
      items: scorecardsInForce(scorecards, checks()).map(
        ({ definition, checks: scored }) => ({
          id: definition.id,
          title: definition.title,
          ...(definition.description
            ? { description: definition.description }
            : {}),
          levels: definition.levels,
          checks: scored.map(c => ({ id: c.id, weight: c.weight })),
          ...(definition.appliesTo
            ? { appliesTo: withoutUnset(definition.appliesTo) }
            : {}),
        }),
      ),
    });
  });

  router.get('/entities/:kind/:namespace/:name/checks', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    res.json(
      plain(
        await evaluations.getEvaluation(pathEntityRef(req.params), credentials),
      ),
    );
  });

  router.post('/entities/:kind/:namespace/:name/refresh', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const entityRef = pathEntityRef(req.params);
    await requirePermission(
      permissions,
      { permission: opsreadyChecksRunPermission, resourceRef: entityRef },
      credentials,
      `run the checks of ${entityRef}`,
    );
    res.json(plain(await evaluations.refresh(entityRef, credentials)));
  });

  router.get(
    '/entities/:kind/:namespace/:name/score-history',
    async (req, res) => {
      const credentials = await httpAuth.credentials(req);
      const range = parseInput(scoreHistoryQuery, req.query, 'query');
      const entity = await evaluations.readEntity(
        pathEntityRef(req.params),
        credentials,
      );
      const points = await store.getScoreHistory(
        normalizeEntityRef(entity),
        range,
      );
      res.json({
        from: range.from.toISOString(),
        to: range.to.toISOString(),
        items: points.map(p => ({
          ...p,
          recordedAt: p.recordedAt.toISOString(),
        })),
      });
    },
  );

  router.get('/entities/:kind/:namespace/:name/health', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const entity = await evaluations.readEntity(
      pathEntityRef(req.params),
      credentials,
    );
    const { endpoints, problems } = declaredHealthEndpoints(entity.metadata);
    res.json({
      ...(await health.entityHealth(normalizeEntityRef(entity))),
      declared: endpoints,
      problems,
    });
  });

  router.get(
    '/entities/:kind/:namespace/:name/health/history',
    async (req, res) => {
      const credentials = await httpAuth.credentials(req);
      const { from, to, bucket } = parseInput(
        healthHistoryQuery,
        req.query,
        'query',
      );
      const entity = await evaluations.readEntity(
        pathEntityRef(req.params),
        credentials,
      );
      res.json({
        from: from.toISOString(),
        to: to.toISOString(),
        bucket,
        ...(await health.history(
          normalizeEntityRef(entity),
          { from, to },
          bucket,
        )),
      });
    },
  );

  router.get('/fleet', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const {
      limit,
      cursor,
      scorecard: asked,
      ...filter
    } = parseInput(fleet, req.query, 'query');
    const inForce = scorecardsInForce(scorecards, checks());
    const seen = inForce.find(s => s.definition.id === asked) ?? inForce[0];
    const page = await store.getFleet(
      {
        ...filter,
        owner: filter.owner && parseOwnerRef(filter.owner),
        kind: filter.kind?.toLocaleLowerCase('en-US'),
      },
      { limit, cursor },
      {
        ...(seen !== inForce[0] ? { otherThanFirst: seen.definition.id } : {}),
        checkIds: seen.checks.map(c => c.id),
      },
    );
    // Rows the caller may not see in the catalog are left out of the page.
    const visible = page.items.length
      ? (
          await catalog.getEntitiesByRefs(
            {
              entityRefs: page.items.map(i => i.entityRef),
              fields: [
                'kind',
                'metadata.namespace',
                'metadata.name',
                'metadata.title',
              ],
            },
            { credentials },
          )
        ).items
      : [];
    res.json({
      ...page,
      items: page.items.flatMap((item, index) => {
        const entity = visible[index];
        return entity
          ? [
              {
                ...item,
                title: entity.metadata.title ?? entity.metadata.name,
                evaluatedAt: item.evaluatedAt.toISOString(),
              },
            ]
          : [];
      }),
    });
  });

  router.get('/gate', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const query = parseInput(gate, req.query, 'query');
    res.json(plain(await gateVerdict(query, credentials)));
  });

  router.get(
    '/entities/:kind/:namespace/:name/exemptions',
    async (req, res) => {
      const credentials = await httpAuth.credentials(req);
      const items = await exemptions.list(
        pathEntityRef(req.params),
        credentials,
      );
      res.json({ items: plain(items) });
    },
  );

  router.post(
    '/entities/:kind/:namespace/:name/exemptions',
    async (req, res) => {
      const credentials = await httpAuth.credentials(req);
      const body = parseInput(newExemptionBody, req.body, 'exemption');
      const exemption = await exemptions.grant(
        pathEntityRef(req.params),
        body,
        credentials,
      );
      res.status(201).json(plain(exemption));
    },
  );

  router.post(
    '/entities/:kind/:namespace/:name/exemption-requests',
    async (req, res) => {
      const credentials = await httpAuth.credentials(req);
      const body = parseInput(newExemptionBody, req.body, 'exemption request');
      const request = await exemptions.request(
        pathEntityRef(req.params),
        body,
        credentials,
      );
      res.status(201).json(plain(request));
    },
  );

  router.post('/exemptions/:id/decision', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const body = parseInput(exemptionDecisionBody, req.body, 'decision');
    res.json(plain(await exemptions.decide(req.params.id, body, credentials)));
  });

  router.delete('/exemptions/:id', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    await exemptions.revoke(req.params.id, credentials);
    res.status(204).end();
  });

  return router;
}

/** A scope as configured, without the dimensions it leaves unset. */
function withoutUnset(
  scope: NonNullable<ScorecardDefinition['appliesTo']>,
): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(scope).filter(([, values]) => values !== undefined),
  );
}
