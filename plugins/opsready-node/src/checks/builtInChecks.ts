import { catalogChecks } from './catalog/catalogChecks';
import { deliveryChecks } from './delivery/deliveryChecks';
import { healthChecks } from './health/healthChecks';
import { kubernetesChecks } from './kubernetes';
import { observabilityChecks } from './observability/observabilityChecks';
import { repositoryChecks } from './repository/repositoryChecks';
import { sloChecks } from './slo/sloChecks';
import { CheckDefinition } from './types';

/**
 * Every check OpsReady ships with, in the order they are shown.
 *
 * @public
 */
export const builtInChecks: ReadonlyArray<CheckDefinition> = [
  ...catalogChecks,
  ...healthChecks,
  ...observabilityChecks,
  ...sloChecks,
  ...kubernetesChecks,
  ...repositoryChecks,
  ...deliveryChecks,
];
