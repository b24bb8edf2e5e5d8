import { CheckDefinition } from '../types';
import { driftCheck } from './driftCheck';
import { imagePinnedCheck } from './imagePinnedCheck';
import { noLiteralSecretsCheck } from './noLiteralSecretsCheck';
import { pdbCheck } from './pdbCheck';
import { portsCheck } from './portsCheck';
import { probesCheck } from './probesCheck';
import { replicasCheck } from './replicasCheck';
import { resourcesCheck } from './resourcesCheck';
import { securityContextCheck } from './securityContextCheck';

/**
 * The Kubernetes checks, over the manifests in the repository and the
 * workloads running in the clusters, in the order they are shown.
 *
 * @internal
 */
export const kubernetesChecks: CheckDefinition[] = [
  probesCheck,
  resourcesCheck,
  replicasCheck,
  pdbCheck,
  imagePinnedCheck,
  securityContextCheck,
  noLiteralSecretsCheck,
  portsCheck,
  driftCheck,
];
