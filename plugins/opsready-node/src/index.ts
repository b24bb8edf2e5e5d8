/**
 * The OpsReady check engine (facts in, results out) and the extension points
 * through which backend modules add checks.
 *
 * @packageDocumentation
 */

export * from './checks/types';
export { appliesToEntity } from './checks/applicability';
export { evaluateChecks } from './checks/evaluateChecks';
export { CheckRegistry } from './checks/CheckRegistry';
export { builtInChecks } from './checks/builtInChecks';
export * from './extensions';
export {
  type FactProvider,
  type GatherOptions,
  mergeFacts,
} from './facts/FactProvider';
export { readRepositoryDirectory } from './facts/readRepositoryDirectory';
export {
  isRepositoryFileOfInterest,
  isSkippedDirectory,
  repositoryReadLimits,
} from './facts/repositoryFiles';
export { factsFromRepository, isManifestPath } from './facts/repositoryFacts';
export {
  parseKubernetesManifests,
  imagePinning,
  // Shared with the fixers, so that a fix judges a manifest as its check does.
  labelSelectorSelects,
  podTemplateOf,
  type PodTemplateOf,
  sameNamespace,
  REPLICATED_KINDS,
} from './checks/kubernetes';
export { applyCheckConfig, type CheckOverride } from './config/checkOverrides';
export {
  readScoringConfig,
  topLevel,
  type ScoringConfig,
} from './config/readScoringConfig';
export * from './facts/kubernetesSelectors';
export * from './evaluation/scoreResults';
export * from './evaluation/newService';
export * from './slo';
export { sloDeclaredCheck, sloBudgetCheck } from './checks/slo';
export * from './declarative';
export * from './scorecards';
export * from './checkLocations';
export { untilAborted } from './lib/untilAborted';
