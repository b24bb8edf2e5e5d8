import { ServiceTier } from '../actions/serviceSpec';

/** What a service tier decides in the generated manifests. */
export interface TierPreset {
  /** Replicas of the Deployment, and the autoscaler's floor. */
  replicas: number;
  maxReplicas: number;
  /** Pods a voluntary disruption (node drain, upgrade) must leave running. */
  minAvailable: number;
  requests: { cpu: string; memory: string };
  limits: { cpu: string; memory: string };
}

/**
 * Every tier runs at least two replicas and has a PodDisruptionBudget, so
 * that a service is redundant from its first deployment whatever its tier;
 * tiers differ in headroom (resources, autoscaling ceiling) and in how many
 * pods must survive a disruption.
 */
export const TIER_PRESETS: Record<ServiceTier, TierPreset> = {
  critical: {
    replicas: 3,
    maxReplicas: 10,
    minAvailable: 2,
    requests: { cpu: '250m', memory: '256Mi' },
    limits: { cpu: '1', memory: '512Mi' },
  },
  standard: {
    replicas: 2,
    maxReplicas: 5,
    minAvailable: 1,
    requests: { cpu: '100m', memory: '128Mi' },
    limits: { cpu: '500m', memory: '256Mi' },
  },
  'best-effort': {
    replicas: 2,
    maxReplicas: 3,
    minAvailable: 1,
    requests: { cpu: '50m', memory: '64Mi' },
    limits: { cpu: '250m', memory: '128Mi' },
  },
};
