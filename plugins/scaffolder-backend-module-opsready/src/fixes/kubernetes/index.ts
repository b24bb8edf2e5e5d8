import { CheckFixer } from '../types';
import { imagePinnedFixer } from './imagePinnedFixer';
import { metricsFixer } from './metricsFixer';
import { pdbFixer } from './pdbFixer';
import { probesFixer } from './probesFixer';
import { replicasFixer } from './replicasFixer';
import { resourcesFixer } from './resourcesFixer';
import { securityContextFixer } from './securityContextFixer';

/** The fixers that edit Kubernetes manifests and Helm values. */
export const kubernetesFixers: CheckFixer[] = [
  probesFixer,
  resourcesFixer,
  pdbFixer,
  securityContextFixer,
  replicasFixer,
  imagePinnedFixer,
  metricsFixer,
];
