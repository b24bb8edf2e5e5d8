import {
  BackstageCredentials,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import express from 'express';
import { z } from 'zod/v3';
import { SloReads } from '../slo/SloReads';
import { createApiRouter, plain } from './createApiRouter';
import { parseInput, pathEntityRef } from './validation';

export interface SloRouterOptions {
  httpAuth: HttpAuthService;
  slo: Pick<SloReads, 'status' | 'burning'>;
  /** The entity as the caller may see it; NotFoundError otherwise. */
  readEntity(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<Entity>;
}

const ENTITY_SLO = '/entities/{kind}/{namespace}/{name}/slo';
const BURNING = '/slo/burning';

/** `hours`: how far back the burn-rate history and the deployments go. */
export const sloQuery = z.object({
  hours: z.coerce.number().int().min(1).max(720).default(24),
});

/** `limit`: how many of the services burning fastest. */
export const burningQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(10),
});

/**
 * Service levels (see src/schema/openapi.yaml): an entity's, for whoever
 * may read the entity, and the services burning their error budget
 * fastest, among those the caller may read.
 */
export function createSloRouter(options: SloRouterOptions): express.Router {
  const { httpAuth, slo, readEntity } = options;
  const smallJson = express.json({ limit: '64kb' });
  const router = createApiRouter({
    paths: [ENTITY_SLO, BURNING],
    bodyParser: () => smallJson,
    inputChecks: {
      [`GET ${ENTITY_SLO}`]: req => parseInput(sloQuery, req.query, 'query'),
      [`GET ${BURNING}`]: req => parseInput(burningQuery, req.query, 'query'),
    },
  });

  router.get('/entities/:kind/:namespace/:name/slo', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const { hours } = parseInput(sloQuery, req.query, 'query');
    const entity = await readEntity(pathEntityRef(req.params), credentials);
    res.json(plain(await slo.status(entity, hours)));
  });

  router.get('/slo/burning', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const { limit } = parseInput(burningQuery, req.query, 'query');
    res.json({ items: plain(await slo.burning(limit, credentials)) });
  });

  return router;
}
