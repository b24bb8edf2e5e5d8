import { HttpAuthService } from '@backstage/backend-plugin-api';
import express from 'express';
import { z } from 'zod/v3';
import { RollupService } from '../rollups/RollupService';
import { createApiRouter, plain } from './createApiRouter';
import { parseInput } from './validation';

export interface RollupsRouterOptions {
  httpAuth: HttpAuthService;
  rollups: Pick<RollupService, 'rollup' | 'list'>;
}

const ENTITY_ROLLUP = '/entities/{kind}/{namespace}/{name}/rollup';
const ROLLUPS = '/rollups';

const scorecard = z.string().min(1).max(63).optional();

/** `scorecard`: which scorecard's figures; the first by default. */
export const rollupQuery = z.object({ scorecard });

/** The fleet's roll-ups: which kind, which scorecard, which page. */
export const rollupsQuery = z.object({
  kind: z.string().max(63).optional(),
  scorecard,
  cursor: z.string().max(16).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

/**
 * Roll-ups of scores along the org (see src/schema/openapi.yaml). Like
 * /fleet they need no OpsReady permission: what they count is what the
 * caller may see in the catalog.
 */
export function createRollupsRouter(
  options: RollupsRouterOptions,
): express.Router {
  const { httpAuth, rollups } = options;
  const smallJson = express.json({ limit: '64kb' });
  const router = createApiRouter({
    paths: [ENTITY_ROLLUP, ROLLUPS],
    bodyParser: () => smallJson,
    inputChecks: {
      [`GET ${ENTITY_ROLLUP}`]: req =>
        parseInput(rollupQuery, req.query, 'query'),
      [`GET ${ROLLUPS}`]: req => parseInput(rollupsQuery, req.query, 'query'),
    },
  });

  router.get('/entities/:kind/:namespace/:name/rollup', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const query = parseInput(rollupQuery, req.query, 'query');
    // The typed router does not type path parameters declared by $ref.
    const { kind, namespace, name } = req.params as Record<string, string>;
    res.json(
      plain(
        await rollups.rollup(
          { kind, namespace, name },
          query.scorecard,
          credentials,
        ),
      ),
    );
  });

  router.get('/rollups', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const query = parseInput(rollupsQuery, req.query, 'query');
    res.json(plain(await rollups.list(query, credentials)));
  });

  return router;
}
