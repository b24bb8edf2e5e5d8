import { HttpAuthService } from '@backstage/backend-plugin-api';
import express from 'express';
import { FixProposalsService } from '../fixes/FixProposalsService';
import { FIX_PROPOSAL_BODY, fixProposalBody } from '../fixes/fixProposalInput';
import { RunningImages } from '../kubernetes/runningImages';
import { createApiRouter, plain } from './createApiRouter';
import { parseInput, pathEntityRef } from './validation';

export interface FixesRouterOptions {
  httpAuth: HttpAuthService;
  proposals: Pick<FixProposalsService, 'list' | 'propose'>;
  runningImages: Pick<RunningImages, 'list'>;
  /** The checks in force, that a proposal may name. */
  checks: () => ReadonlyArray<{ id: string }>;
}

const FIX_PROPOSALS = '/entities/{kind}/{namespace}/{name}/fix-proposals';
const RUNNING_IMAGES = '/entities/{kind}/{namespace}/{name}/running-images';

/**
 * Fixes: the changes proposed to fix an entity's checks, and the images its
 * clusters run (what a tag is pinned to). See src/schema/openapi.yaml; who
 * may do what is the services'.
 */
export function createFixesRouter(options: FixesRouterOptions): express.Router {
  const { httpAuth, proposals, runningImages } = options;
  const smallJson = express.json({ limit: '64kb' });
  const body = fixProposalBody(options.checks);
  const router = createApiRouter({
    paths: [FIX_PROPOSALS, RUNNING_IMAGES],
    bodyParser: () => smallJson,
    bodyNames: { [`POST ${FIX_PROPOSALS}`]: FIX_PROPOSAL_BODY },
    inputChecks: {
      [`POST ${FIX_PROPOSALS}`]: req =>
        parseInput(body, req.body, FIX_PROPOSAL_BODY),
    },
  });

  router.get(
    '/entities/:kind/:namespace/:name/fix-proposals',
    async (req, res) => {
      const credentials = await httpAuth.credentials(req);
      const items = await proposals.list(
        pathEntityRef(req.params),
        credentials,
      );
      res.json({ items: plain(items) });
    },
  );

  router.post(
    '/entities/:kind/:namespace/:name/fix-proposals',
    async (req, res) => {
      const credentials = await httpAuth.credentials(req);
      const input = parseInput(body, req.body, FIX_PROPOSAL_BODY);
      const items = await proposals.propose(
        pathEntityRef(req.params),
        input,
        credentials,
      );
      res.status(201).json({ items: plain(items) });
    },
  );

  router.get(
    '/entities/:kind/:namespace/:name/running-images',
    async (req, res) => {
      const credentials = await httpAuth.credentials(req);
      const items = await runningImages.list(
        pathEntityRef(req.params),
        credentials,
      );
      res.json({ items: plain(items) });
    },
  );

  return router;
}
