export { kubernetesChecks } from './kubernetesChecks';
export { parseKubernetesManifests } from './manifests';
export { imagePinning } from './imageReferences';
export {
  podTemplatesOf,
  describeObject,
  type PodTemplateOf,
} from './workloads';
export { probesCheck } from './probesCheck';
export { resourcesCheck } from './resourcesCheck';
export { replicasCheck } from './replicasCheck';
export { pdbCheck } from './pdbCheck';
export { imagePinnedCheck } from './imagePinnedCheck';
export { securityContextCheck } from './securityContextCheck';
export { noLiteralSecretsCheck } from './noLiteralSecretsCheck';
export { portsCheck } from './portsCheck';
export { driftCheck } from './driftCheck';
