import {
  createServer,
  IncomingMessage,
  Server,
  ServerResponse,
} from 'node:http';
import { Logger } from './logger';
import { createMetrics } from './metrics';

export type Handler = (
  req: IncomingMessage,
  res: ServerResponse,
) => void | Promise<void>;

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

export interface App {
  server: Server;
  /** Whether /readyz says the service takes traffic. */
  setReady(ready: boolean): void;
}

export interface AppOptions {
  service: string;
  logger: Logger;
  /**
   * The service's own GET routes by path, beside the built-in ones (`/` may
   * be replaced; the health and metrics endpoints may not). Counted and
   * timed like every request, so that the alerts see them.
   */
  routes?: Record<string, Handler>;
}

const BUILT_IN = new Set(['/healthz', '/readyz', '/metrics']);

/**
 * The HTTP service: `/healthz` (alive), `/readyz` (takes traffic),
 * `/metrics` (Prometheus), `/` and the routes given. Every request is
 * counted and timed.
 */
export function createApp(options: AppOptions): App {
  const { service, logger } = options;
  for (const path of Object.keys(options.routes ?? {})) {
    if (BUILT_IN.has(path)) {
      throw new Error(`${path} is built in and cannot be replaced`);
    }
  }
  const metrics = createMetrics();
  let ready = false;

  const routes: Record<string, Handler> = {
    '/': (_req, res) => json(res, 200, { service }),
    '/healthz': (_req, res) => json(res, 200, { status: 'ok' }),
    '/readyz': (_req, res) =>
      ready
        ? json(res, 200, { status: 'ready' })
        : json(res, 503, { status: 'not ready' }),
    '/metrics': async (_req, res) => {
      const body = await metrics.registry.metrics();
      res.writeHead(200, { 'content-type': metrics.registry.contentType });
      res.end(body);
    },
    ...options.routes,
  };

  const server = createServer(async (req, res) => {
    const started = process.hrtime.bigint();
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    const handler =
      req.method === 'GET' || req.method === 'HEAD'
        ? routes[pathname]
        : undefined;
    // Unknown paths share one label, so that scanners cannot blow up the
    // number of time series.
    const route = handler ? pathname : 'unmatched';
    res.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      metrics.observe(req.method ?? 'GET', route, res.statusCode, seconds);
      if (route !== '/healthz' && route !== '/readyz' && route !== '/metrics') {
        logger.info(
          {
            method: req.method,
            path: pathname,
            status: res.statusCode,
            seconds,
          },
          'request served',
        );
      }
    });
    try {
      if (handler) {
        await handler(req, res);
      } else {
        json(res, 404, { error: 'not found' });
      }
    } catch (error) {
      logger.error({ err: error, path: pathname }, 'request failed');
      if (!res.headersSent) {
        json(res, 500, { error: 'internal error' });
      } else {
        res.end();
      }
    }
  });

  return {
    server,
    setReady(value) {
      ready = value;
    },
  };
}
