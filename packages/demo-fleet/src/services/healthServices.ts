/*
 * The demo services that answer health probes. Each runs the HTTP server of
 * the node-service golden template (templates/node-service/skeleton), so the
 * demo also proves the template; a behaviour in front of it makes it healthy,
 * slow beyond the latency SLO, flapping or down. Their `/` answers the
 * demo's traffic as its traffic behaviour says (../traffic/behaviours.ts),
 * through the template's own routes, so that its metrics count it.
 */
import { IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
// The template's skeleton is not a package: the demo runs its source as is.
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import { createLogger } from '../../../../templates/node-service/skeleton/src/logger';
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import { createApp } from '../../../../templates/node-service/skeleton/src/server';
import {
  drawAnswer,
  TrafficBehaviour,
  trafficShape,
} from '../traffic/behaviours';

/** How a demo service's health endpoints behave. */
export type HealthBehaviour = 'healthy' | 'slow' | 'flapping' | 'down';

export interface DemoHealthService {
  /** The catalog entity whose `opsready.io/health-url` points at it. */
  name: string;
  behaviour: HealthBehaviour;
  /** How `/` answers after the service's last production deployment. */
  traffic: TrafficBehaviour;
  /** Fixed, because the demo catalog names it; 0 picks a free port. */
  port: number;
}

/** Well past the default latency SLO (200 ms), well within the 5 s timeout. */
export const SLOW_DELAY_MS = 600;

/** A flapping service is up for this long, then down for as long. */
export const FLAP_PERIOD_MS = 45_000;

/** The services the demo's entities probe. */
export const demoHealthServices: DemoHealthService[] = [
  {
    name: 'checkoutservice',
    behaviour: 'healthy',
    traffic: 'steady',
    port: 7111,
  },
  {
    name: 'frontend',
    behaviour: 'slow',
    traffic: 'slowAfterDeployment',
    port: 7112,
  },
  {
    name: 'cartservice',
    behaviour: 'flapping',
    traffic: 'failingAfterDeployment',
    port: 7113,
  },
  {
    name: 'paymentservice',
    behaviour: 'down',
    traffic: 'steady',
    port: 7114,
  },
  // A locally published repository (legacy-billing/), not in that file.
  {
    name: 'legacy-billing',
    behaviour: 'healthy',
    traffic: 'steady',
    port: 7115,
  },
];

const HEALTH_PATHS = new Set(['/healthz', '/readyz']);

type Next = () => void;

function unavailable(res: ServerResponse, reason: string) {
  res.writeHead(503, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ status: 'unavailable', reason }));
}

/** What a behaviour does to a health request before the template's server. */
function applyBehaviour(
  behaviour: HealthBehaviour,
  now: () => number,
): (req: IncomingMessage, res: ServerResponse, next: Next) => void {
  switch (behaviour) {
    case 'healthy':
      return (_req, _res, next) => next();
    case 'slow':
      return (_req, _res, next) => {
        setTimeout(next, SLOW_DELAY_MS);
      };
    case 'flapping':
      return (_req, res, next) =>
        Math.floor(now() / FLAP_PERIOD_MS) % 2 === 0
          ? next()
          : unavailable(res, 'lost its database connection (flapping demo)');
    case 'down':
      return (_req, res) =>
        unavailable(res, 'payment provider unreachable (down demo)');
    default:
      throw new Error(`unknown behaviour ${behaviour}`);
  }
}

export interface RunningHealthService extends DemoHealthService {
  url: string;
  server: Server;
}

export interface HealthServiceOptions {
  now?: () => number;
  /** When its last production deployment finished (ms); none: steady. */
  deployedAt?: number;
  /** For the delays and failures of `/`; Math.random by default. */
  random?: () => number;
}

/** Starts one demo service on 127.0.0.1 with its behaviours. */
export async function startHealthService(
  service: DemoHealthService,
  options: HealthServiceOptions = {},
): Promise<RunningHealthService> {
  const logger = createLogger(service.name);
  logger.level = 'warn'; // the demo's output stays readable
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const app = createApp({
    service: service.name,
    logger,
    routes: {
      '/': (_req, res) => {
        const since =
          options.deployedAt === undefined
            ? undefined
            : now() - options.deployedAt;
        const { delayMs, fails } = drawAnswer(
          trafficShape(service.traffic, since),
          random,
        );
        setTimeout(() => {
          res.writeHead(fails ? 500 : 200, {
            'content-type': 'application/json',
          });
          res.end(
            JSON.stringify(
              fails
                ? { error: 'cart store timed out (failing demo)' }
                : { service: service.name },
            ),
          );
        }, delayMs);
      },
    },
  });
  const [templateHandler] = app.server.listeners('request') as Array<
    (req: IncomingMessage, res: ServerResponse) => void
  >;
  app.server.removeAllListeners('request');
  const behaviour = applyBehaviour(service.behaviour, now);
  app.server.on('request', (req, res) => {
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    const next = () => templateHandler(req, res);
    if (HEALTH_PATHS.has(pathname)) {
      behaviour(req, res, next);
    } else {
      next();
    }
  });
  await new Promise<void>((resolve, reject) => {
    app.server.once('error', reject);
    app.server.listen(service.port, '127.0.0.1', () => resolve());
  });
  app.setReady(true);
  const { port } = app.server.address() as AddressInfo;
  return {
    ...service,
    port,
    url: `http://127.0.0.1:${port}/healthz`,
    server: app.server,
  };
}

/** Stops a demo service, closing its keep-alive connections. */
export function stopHealthService(service: RunningHealthService) {
  return new Promise<void>(resolve => {
    service.server.close(() => resolve());
    service.server.closeAllConnections();
  });
}
