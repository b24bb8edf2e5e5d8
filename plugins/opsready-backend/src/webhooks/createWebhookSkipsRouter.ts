import { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import express from 'express';
import { createApiRouter } from '../service/createApiRouter';
import { z } from 'zod/v3';
import { zodProblems } from '../lib/zodProblems';
import { WebhookSkipsStore } from '../database/WebhookSkipsStore';

const query = z
  .object({
    source: z.enum(['github', 'alertmanager', 'argocd']).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z
      .string()
      .regex(/^\d+$/, 'a cursor from an earlier page')
      .optional(),
  })
  .strict();

function parseQuery(input: unknown) {
  const parsed = query.safeParse(input);
  if (!parsed.success) {
    throw new InputError(`Invalid query: ${zodProblems(parsed.error)}`);
  }
  return parsed.data;
}

/**
 * `GET /webhook-skips?source&limit&cursor`: the webhook events OpsReady
 * left aside because they named no entity of the catalog, newest first,
 * with the reason — so whoever wires up a tool sees what did not match
 * (a missing `github.com/project-slug`, an alert label naming no service).
 * Unlike the webhooks themselves it needs Backstage credentials.
 */
export function createWebhookSkipsRouter(options: {
  httpAuth: HttpAuthService;
  skips: WebhookSkipsStore;
}): express.Router {
  const router = createApiRouter({
    paths: ['/webhook-skips'],
    bodyParser: () => (_req, _res, next) => next(),
    inputChecks: { 'GET /webhook-skips': req => parseQuery(req.query) },
  });
  router.get('/webhook-skips', async (req, res) => {
    await options.httpAuth.credentials(req, { allow: ['user', 'service'] });
    const { source, limit, cursor } = parseQuery(req.query);
    res.json(await options.skips.list({ source, limit, before: cursor }));
  });
  return router;
}
