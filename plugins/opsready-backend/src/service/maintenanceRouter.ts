import { HttpAuthService } from '@backstage/backend-plugin-api';
import express from 'express';
import { AuthorizedMaintenanceService } from '../maintenance/AuthorizedMaintenanceService';
import { createApiRouter, plain } from './createApiRouter';
import {
  maintenanceListQuery,
  maintenanceWindowBody,
} from './maintenanceValidation';
import { parseInput, pathEntityRef } from './validation';

export interface MaintenanceRouterOptions {
  httpAuth: HttpAuthService;
  maintenance: Pick<AuthorizedMaintenanceService, 'list' | 'create' | 'delete'>;
  now?: () => Date;
}

const ENTITY_WINDOWS =
  '/entities/{kind}/{namespace}/{name}/maintenance-windows';

/**
 * Maintenance windows: listed, declared and deleted on the entity page (see
 * src/schema/openapi.yaml). Who may do what is the authorizing service's.
 */
export function createMaintenanceRouter(
  options: MaintenanceRouterOptions,
): express.Router {
  const { httpAuth, maintenance } = options;
  const smallJson = express.json({ limit: '64kb' });
  const body = maintenanceWindowBody(options.now);
  const router = createApiRouter({
    paths: [ENTITY_WINDOWS, '/maintenance-windows/{id}'],
    bodyParser: () => smallJson,
    bodyNames: { [`POST ${ENTITY_WINDOWS}`]: 'maintenance window' },
    inputChecks: {
      [`GET ${ENTITY_WINDOWS}`]: req =>
        parseInput(maintenanceListQuery, req.query, 'query'),
      [`POST ${ENTITY_WINDOWS}`]: req =>
        parseInput(body, req.body, 'maintenance window'),
    },
  });

  router.get(
    '/entities/:kind/:namespace/:name/maintenance-windows',
    async (req, res) => {
      const credentials = await httpAuth.credentials(req);
      const { include } = parseInput(maintenanceListQuery, req.query, 'query');
      const items = await maintenance.list(
        pathEntityRef(req.params),
        credentials,
        { includePast: include === 'past' },
      );
      res.json({ items: plain(items) });
    },
  );

  router.post(
    '/entities/:kind/:namespace/:name/maintenance-windows',
    async (req, res) => {
      const credentials = await httpAuth.credentials(req);
      const input = parseInput(body, req.body, 'maintenance window');
      const window = await maintenance.create(
        pathEntityRef(req.params),
        input,
        credentials,
      );
      res.status(201).json(plain(window));
    },
  );

  router.delete('/maintenance-windows/:id', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    await maintenance.delete(req.params.id, credentials);
    res.status(204).end();
  });

  return router;
}
