import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { InputError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import express, { Request } from 'express';
import { createApiRouter } from '../service/createApiRouter';
import { jsonSyntaxProblem } from '../service/bodyErrors';
import { WebhookSkipsStore } from '../database/WebhookSkipsStore';
import { EventIngest } from '../events/EventIngest';
import { translateAlertmanagerNotification } from './alertmanager';
import { translateArgoCdNotification } from './argocd';
import { verifyBearerToken, verifyGitHubSignature } from './authentication';
import {
  DeliveryResult,
  recordTranslatedEvents,
} from './recordTranslatedEvents';
import { EntityResolver } from './EntityResolver';
import { translateGitHubEvent } from './github';
import { parseGitHubPush } from './githubPush';
import { readWebhooksConfig } from './readWebhooksConfig';
import { Translation } from './translation';
import type { RepositoryPushes } from '../sources/RepositoryPushes';

export interface WebhooksRouterOptions {
  ingest: EventIngest;
  /** Where events for unknown entities are recorded. */
  skips: WebhookSkipsStore;
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
  /** The root config; the webhooks read `opsready.webhooks`. */
  config: Config;
  /** Where GitHub pushes go; without it, push events are ignored. */
  pushes?: Pick<RepositoryPushes, 'accept'>;
}

/** The raw body: GitHub signs the bytes, not the parsed JSON. */
function rawBodyOf(req: Request): Buffer {
  if (Buffer.isBuffer(req.body)) {
    return req.body;
  }
  // No body at all: body parsers leave undefined or an empty object.
  if (
    req.body === undefined ||
    (typeof req.body === 'object' && Object.keys(req.body).length === 0)
  ) {
    return Buffer.alloc(0);
  }
  // Another body parser ran first; the signature can no longer be checked.
  throw new Error(
    'The webhooks router must be mounted before any router that parses request bodies',
  );
}

function parseJson(raw: Buffer, what: string): unknown {
  if (raw.length === 0) {
    throw new InputError(`The ${what} request has no body`);
  }
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch (error) {
    throw new InputError(
      `The ${what} body is not valid JSON: ${jsonSyntaxProblem(
        (error as Error).message,
      )}`,
    );
  }
}

/**
 * GitHub sends JSON, or `payload=<json>` form data when the webhook's
 * content type is set to application/x-www-form-urlencoded.
 */
function parseGitHubBody(req: Request, raw: Buffer): unknown {
  if (req.is('application/x-www-form-urlencoded')) {
    const payload = new URLSearchParams(raw.toString('utf8')).get('payload');
    if (payload === null) {
      throw new InputError('The GitHub form body has no payload field');
    }
    return parseJson(Buffer.from(payload, 'utf8'), 'GitHub');
  }
  return parseJson(raw, 'GitHub');
}

function notConfigured(what: string, key: string): never {
  throw new NotFoundError(
    `The ${what} webhook is not enabled: set ${key} in app-config`,
  );
}

/**
 * Webhook endpoints for tools that hold no Backstage credentials:
 * `POST /webhooks/github`, `/webhooks/alertmanager`, `/webhooks/argocd`.
 * Each checks its tool's own secret or token, and stays closed (404) until
 * that secret is configured. The plugin must let these paths through
 * unauthenticated and mount this router before any JSON body parser.
 */
export function createWebhooksRouter(
  options: WebhooksRouterOptions,
): express.Router {
  const { ingest, skips, catalog, auth, logger } = options;
  const config = readWebhooksConfig(options.config);
  const resolver = new EntityResolver({
    catalog,
    auth,
    timeoutMs: config.lookupTimeoutMs,
  });
  // GitHub signs the bytes: the webhooks take their bodies raw.
  const rawBody = express.raw({
    type: () => true,
    limit: config.maxBodyBytes,
  });
  const router = createApiRouter({
    paths: ['/webhooks/github', '/webhooks/alertmanager', '/webhooks/argocd'],
    bodyParser: () => rawBody,
  });

  async function respond(
    res: express.Response,
    source: string,
    translation: Translation,
  ) {
    const result: DeliveryResult = await recordTranslatedEvents({
      translation,
      source,
      resolver,
      ingest,
      skips,
      logger,
    });
    const rejected =
      (result.deployments?.rejected.length ?? 0) +
      (result.errors?.rejected.length ?? 0);
    // 202: taken in, but not everything became a record (the body says why).
    // A 2xx either way: sending again would not change the outcome.
    res.status(result.skipped.length || rejected ? 202 : 200).json(result);
  }

  router.post('/webhooks/github', async (req, res) => {
    const secret = config.github.secret;
    if (!secret) {
      notConfigured('GitHub', 'opsready.webhooks.github.secret');
    }
    const raw = rawBodyOf(req);
    await verifyGitHubSignature(raw, req.header('x-hub-signature-256'), secret);
    const event = req.header('x-github-event');
    if (event === 'push' && options.pushes) {
      const parsed = parseGitHubPush(parseGitHubBody(req, raw));
      if ('skipped' in parsed) {
        res
          .status(202)
          .json({ skipped: [{ item: 'push', reason: parsed.skipped }] });
        return;
      }
      const refreshing = await options.pushes.accept(parsed.push);
      const { repository, branch } = parsed.push;
      res.status(202).json({
        refreshing,
        skipped: refreshing.length
          ? []
          : [
              {
                item: 'push',
                reason: `No component is read from ${repository} at ${branch}`,
              },
            ],
      });
      return;
    }
    const translation = translateGitHubEvent(event, parseGitHubBody(req, raw));
    await respond(res, 'github', translation);
  });

  router.post('/webhooks/alertmanager', async (req, res) => {
    const token = config.alertmanager.token;
    if (!token) {
      notConfigured('Alertmanager', 'opsready.webhooks.alertmanager.token');
    }
    verifyBearerToken(
      req.header('authorization'),
      token,
      'opsready.webhooks.alertmanager.token',
    );
    const translation = translateAlertmanagerNotification(
      parseJson(rawBodyOf(req), 'Alertmanager'),
      config.alertmanager,
    );
    await respond(res, 'alertmanager', translation);
  });

  router.post('/webhooks/argocd', async (req, res) => {
    const token = config.argocd.token;
    if (!token) {
      notConfigured('Argo CD', 'opsready.webhooks.argocd.token');
    }
    verifyBearerToken(
      req.header('authorization'),
      token,
      'opsready.webhooks.argocd.token',
    );
    const translation = translateArgoCdNotification(
      parseJson(rawBodyOf(req), 'Argo CD'),
      config.argocd,
      new Date(),
    );
    await respond(res, 'argocd', translation);
  });

  return router;
}
