/*
 * A backend replica in a process of its own, for the test that kills one
 * with SIGKILL mid-sweep: the OpsReady plugin with Backstage's real
 * scheduler on the PostgreSQL database named in SWEEP_DATABASE. Run with
 * Backstage's TypeScript transform (node --require
 * @backstage/cli-node/config/nodeTransform.cjs).
 */
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { opsreadyPlugin } from '../plugin';
import { manyChecksModule, sweptEntities } from './manyChecks';
import { replicaConfig } from './replicas';

async function main() {
  const database = process.env.SWEEP_DATABASE!;
  await startTestBackend({
    features: [
      opsreadyPlugin,
      schedulerServiceFactory,
      manyChecksModule(Number(process.env.SWEEP_CHECKS)),
      catalogServiceMock.factory({
        entities: sweptEntities(Number(process.env.SWEEP_ENTITIES)),
      }),
      replicaConfig(database, {
        opsready: {
          schedule: JSON.parse(process.env.SWEEP_SCHEDULE!),
          health: { enabled: false },
        },
      }),
    ],
  });
  process.send?.('started');
}

main().catch(error => {
  // eslint-disable-next-line no-console
  console.error(error);
  process.exit(1);
});
