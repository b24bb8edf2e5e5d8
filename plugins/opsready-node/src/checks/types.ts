import { Entity } from '@backstage/catalog-model';
import {
  CheckDescription,
  CheckResult,
  CheckStatus,
} from '@opsready/plugin-opsready-common';
import { SloFacts } from '../slo/types';

/**
 * A Kubernetes object as the API or a manifest gives it. Only the envelope is
 * typed; checks read `spec` and `status` defensively, since real objects are
 * often partial.
 *
 * @public
 */
export interface KubernetesObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    [key: string]: unknown;
  };
  spec?: any;
  status?: any;
  [key: string]: unknown;
}

/**
 * The service's Kubernetes objects. Each side is absent when it could not be
 * read (no manifests in the repository, no cluster answering), which makes
 * the checks that need it answer `unknown` rather than pass.
 *
 * @public
 */
export interface KubernetesFacts {
  /** Objects declared in manifests in the repository (multi-document YAML). */
  declared?: KubernetesObject[];
  /** Objects the clusters run for this service, as the API returns them. */
  live?: KubernetesObject[];
}

/**
 * Files of the service's repository (or of the part of it the source
 * location points at).
 *
 * @public
 */
export interface RepositoryFacts {
  /**
   * Every file path that was listed, relative to the root that was read,
   * with forward slashes, e.g. `Dockerfile`, `.github/workflows/ci.yaml`.
   */
  paths: string[];
  /**
   * The text of the files checks read (Dockerfiles, dependency manifests, CI
   * workflows, CODEOWNERS, README, Kubernetes manifests…), by path.
   */
  files: Record<string, string>;
  /**
   * Set when these are the facts of an earlier read that could not be
   * renewed (the host's request budget was spent, or the read failed):
   * when they were read, and why they were kept. Each result that rests on
   * them shows it as evidence.
   */
  keptFrom?: { readAt: string; reason: string };
}

/**
 * What the health prober measured for one declared endpoint.
 *
 * @public
 */
export interface HealthEndpointFacts {
  /** `default` for `opsready.io/health-url`, else the suffix of `opsready.io/health-url-<environment>`. */
  environment: string;
  url: string;
  /** Current state; `unknown` before the first probe. */
  status: 'up' | 'down' | 'unknown';
  /**
   * Share of successful probes over the window, 0 to 1, outside
   * maintenance; absent if never probed, or in maintenance throughout.
   */
  uptime?: number;
  /**
   * Probes over the window left out of uptime because their hour
   * overlapped a maintenance window of the environment; absent if none.
   */
  maintenanceProbes?: number;
  /**
   * 95th percentile latency over the window, in milliseconds, of the probes
   * that got an HTTP answer; absent when none did.
   */
  p95LatencyMs?: number;
  /** Probes over the window, answered or not; absent if not known. */
  probes?: number;
  /**
   * Probes over the window that got no HTTP answer, by why: refused by the
   * prober's policy before connecting, failed to connect (or dropped), or
   * timed out. They are left out of the latency figures.
   */
  unanswered?: {
    refused: number;
    failedToConnect: number;
    timedOut: number;
  };
}

/**
 * Health figures over a window.
 *
 * @public
 */
export interface HealthFacts {
  windowHours: number;
  endpoints: HealthEndpointFacts[];
}

/**
 * What the deployments and errors store knows of the service.
 *
 * @public
 */
export interface DeliveryFacts {
  /** When the last successful deployment to a production environment finished. */
  lastDeploymentAt?: string;
  /**
   * When a golden template created the service (its latest "provisioned"
   * event), so that a new service is not failed for never having deployed.
   */
  provisionedAt?: string;
  /** Unresolved errors of severity critical. */
  openCriticalErrors: Array<{ id: string; openedAt: string; message: string }>;
}

/**
 * Facts from the catalog beyond the entity itself.
 *
 * @public
 */
export interface CatalogFacts {
  /** Whether `spec.owner` names an entity that exists in the catalog. */
  ownerExists: boolean;
}

/**
 * Everything known about one service when its checks run. Checks read facts
 * and nothing else; the fact providers gather them. A source that could not
 * be read is absent, and checks that need it answer `unknown`.
 *
 * @public
 */
export interface ServiceFacts {
  entity: Entity;
  catalog?: CatalogFacts;
  kubernetes?: KubernetesFacts;
  repository?: RepositoryFacts;
  health?: HealthFacts;
  delivery?: DeliveryFacts;
  /** Objectives and measured service levels (SLO checks). */
  slo?: SloFacts;
}

/**
 * Settings that checks read, from `opsready.checks` in app-config.
 *
 * @public
 */
export interface CheckOptions {
  /** Lifecycles a component may declare. */
  allowedLifecycles: string[];
  /** Lifecycles held to production rules (replicas, PDB, delivery). */
  productionLifecycles: string[];
  /** p95 latency a health endpoint must stay within, in milliseconds. */
  latencySloMs: number;
  /** Share of successful probes a health endpoint must reach over the window. */
  uptimeTarget: number;
  /** A production service must have deployed within this many days. */
  deployedWithinDays: number;
  /** A critical error may stay unresolved at most this many hours. */
  criticalErrorMaxAgeHours: number;
}

/** @public */
export const defaultCheckOptions: CheckOptions = {
  allowedLifecycles: ['experimental', 'production', 'deprecated'],
  productionLifecycles: ['production'],
  latencySloMs: 200,
  uptimeTarget: 0.99,
  deployedWithinDays: 30,
  criticalErrorMaxAgeHours: 24,
};

/**
 * What a check gets beside the facts. `now` is passed in, never read from the
 * clock, so that checks stay pure and their tests exact.
 *
 * @public
 */
export interface CheckContext {
  now: Date;
  options: CheckOptions;
}

/**
 * Which entities a check applies to. Every listed dimension must match;
 * an absent dimension matches everything.
 *
 * @public
 */
export interface CheckApplicability {
  kinds?: string[];
  types?: string[];
  lifecycles?: string[];
  tags?: string[];
}

/**
 * What a check's `evaluate` returns: a verdict and what it rests on. A check
 * whose verdict does not apply to this entity after all (e.g. a production
 * rule on an experimental service) returns `not-applicable`.
 *
 * @public
 */
export interface CheckOutcome {
  status: Exclude<CheckStatus, 'error'>;
  message: string;
  evidence?: Record<string, unknown>;
}

/**
 * A check: a pure function of facts, with the description people read.
 *
 * @public
 */
export interface CheckDefinition extends CheckDescription {
  appliesTo?: CheckApplicability;
  evaluate(facts: ServiceFacts, context: CheckContext): CheckOutcome;
}

export type { CheckResult };
