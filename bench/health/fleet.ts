/*
 * The loopback fleet the health benchmark probes, run as a child process so
 * that answering does not compete with probing for one event loop. One
 * request handler listens on many ports of 127.0.0.1, each port one host
 * with many endpoints (paths), as a fleet of services on their own hosts
 * would be. It tells the parent its ports, and exits when the parent goes.
 */
import http from 'node:http';
import { AddressInfo } from 'node:net';

/** How an endpoint answers: 90 % at once, 5 % slowly, 5 % never in time. */
export type EndpointKind = 'healthy' | 'slow' | 'hanging';

export const SLOW_ANSWER_MS = 2_000;
/** A hanging endpoint answers after this, long past any probe's timeout. */
export const HANGING_ANSWER_MS = 30_000;

export function kindOf(index: number): EndpointKind {
  // A multiplicative hash spreads the slow endpoints over the hosts, as a
  // fleet's slow services would be, instead of lining them up on a few.
  const slot = (Math.imul(index, 2654435761) >>> 0) % 20;
  if (slot === 7) return 'slow';
  if (slot === 13) return 'hanging';
  return 'healthy';
}

async function serve(ports: number) {
  const handler: http.RequestListener = (req, res) => {
    const index = Number((req.url ?? '').match(/^\/ep-(\d+)$/)?.[1] ?? -1);
    const answer = () => {
      res.setHeader('content-type', 'application/json');
      res.end('{"status":"UP"}');
    };
    const kind = index < 0 ? 'healthy' : kindOf(index);
    if (kind === 'healthy') {
      answer();
      return;
    }
    const timer = setTimeout(
      answer,
      kind === 'slow' ? SLOW_ANSWER_MS : HANGING_ANSWER_MS,
    );
    res.on('close', () => clearTimeout(timer));
  };
  const listening = await Promise.all(
    Array.from({ length: ports }, async () => {
      const server = http.createServer(handler);
      await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
      return (server.address() as AddressInfo).port;
    }),
  );
  process.send!({ ports: listening });
  process.on('disconnect', () => process.exit(0));
}

if (require.main === module) {
  serve(Number(process.env.FLEET_PORTS ?? 1000)).catch(error => {
    process.stderr.write(`${error.stack ?? error}\n`);
    process.exit(1);
  });
}
