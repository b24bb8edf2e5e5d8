export { kubernetesChecks } from './kubernetesChecks';
export { parseKubernetesManifests } from './manifests';
export { imagePinning } from './imageReferences';
export {
  podTemplatesOf,
  podTemplateOf,
  describeObject,
  sameNamespace,
  REPLICATED_KINDS,
  type PodTemplateOf,
} from './workloads';
export { labelSelectorSelects } from './labelSelectors';
export { probesCheck } from './probesCheck';
export { resourcesCheck } from './resourcesCheck';
export { replicasCheck } from './replicasCheck';
export { pdbCheck } from './pdbCheck';
export { imagePinnedCheck } from './imagePinnedCheck';
export { securityContextCheck } from './securityContextCheck';
export { noLiteralSecretsCheck } from './noLiteralSecretsCheck';
export { portsCheck } from './portsCheck';
export { driftCheck } from './driftCheck';
