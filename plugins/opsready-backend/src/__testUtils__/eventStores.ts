import { DatabaseService } from '@backstage/backend-plugin-api';
import { DatabaseDeploymentsStore } from '../database/DatabaseDeploymentsStore';
import { DatabaseErrorsStore } from '../database/DatabaseErrorsStore';
import { DatabaseProvisionedEventsStore } from '../database/DatabaseProvisionedEventsStore';

/** The stores of what happened to services, on one plugin database. */
export async function createEventStores(
  database: Pick<DatabaseService, 'getClient' | 'migrations'>,
) {
  return {
    deployments: await DatabaseDeploymentsStore.create({ database }),
    errors: await DatabaseErrorsStore.create({ database }),
    provisioned: await DatabaseProvisionedEventsStore.create({ database }),
  };
}
