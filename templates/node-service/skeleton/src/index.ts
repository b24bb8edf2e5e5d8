import { createLogger } from './logger';
import { createApp } from './server';

const SERVICE = '${{ values.name }}';
const port = Number(process.env.PORT ?? '${{ values.port }}');
// How long in-flight requests may take to finish after SIGTERM; Kubernetes
// waits terminationGracePeriodSeconds (30 s) before it kills the pod.
const shutdownTimeoutMs = Number(process.env.SHUTDOWN_TIMEOUT_MS ?? 20_000);

const logger = createLogger(SERVICE);
const app = createApp({ service: SERVICE, logger });

app.server.listen(port, () => {
  app.setReady(true);
  logger.info({ port }, 'listening');
});

let stopping = false;

/**
 * Stops taking traffic (readiness fails, the listener closes), lets the
 * requests in flight finish, then exits 0; exits 1 if they take too long.
 */
function shutdown(signal: NodeJS.Signals) {
  if (stopping) {
    return;
  }
  stopping = true;
  logger.info({ signal }, 'shutting down');
  app.setReady(false);
  const deadline = setTimeout(() => {
    logger.error({ shutdownTimeoutMs }, 'requests still in flight; exiting');
    process.exit(1);
  }, shutdownTimeoutMs);
  deadline.unref();
  app.server.close(error => {
    if (error) {
      logger.error({ err: error }, 'could not close the server');
      process.exit(1);
    }
    logger.info('stopped');
    process.exit(0);
  });
  // Keep-alive connections with no request in flight would hold close().
  app.server.closeIdleConnections();
}

process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
