import {
  BackstageCredentials,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { normalizeEntityRef } from '@opsready/plugin-opsready-common';
import express from 'express';
import { z } from 'zod/v3';
import type { NotificationLogReader } from '../notifications/NotificationLogReader';
import { createApiRouter, plain } from './createApiRouter';
import { booleanQuery, parseInput, pathEntityRef } from './validation';

const PATH = '/entities/{kind}/{namespace}/{name}/notifications' as const;

const notificationsQuery = z
  .object({
    status: z
      .enum(['sent', 'updated', 'held', 'released', 'rate-limited', 'digested'])
      .optional(),
    open: booleanQuery.optional(),
    cursor: z
      .string()
      .regex(/^\d{1,18}$/, 'not a cursor from an earlier page')
      .optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
  })
  .strict();

/**
 * `GET /entities/{kind}/{namespace}/{name}/notifications`: what OpsReady
 * told the people concerned with an entity, or held back, newest first;
 * for whoever may see the entity.
 */
export function createNotificationsRouter(options: {
  httpAuth: HttpAuthService;
  reader: Pick<NotificationLogReader, 'list'>;
  /** The entity as the caller may see it; NotFoundError otherwise. */
  readEntity(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<Entity>;
}): express.Router {
  const router = createApiRouter({
    paths: [PATH],
    bodyParser: () => (_req, _res, next) => next(),
    inputChecks: {
      [`GET ${PATH}`]: (req: express.Request) =>
        parseInput(notificationsQuery, req.query, 'query'),
    },
  });
  router.get(
    '/entities/:kind/:namespace/:name/notifications',
    async (req, res) => {
      const { status, open, cursor, limit } = parseInput(
        notificationsQuery,
        req.query,
        'query',
      );
      const credentials = await options.httpAuth.credentials(req);
      const entityRef = normalizeEntityRef(
        await options.readEntity(pathEntityRef(req.params), credentials),
      );
      const page = await options.reader.list(
        entityRef,
        { status, open },
        { limit, cursor },
      );
      res.json(plain(page));
    },
  );
  return router;
}
