import {
  DeploymentInput,
  ServiceErrorInput,
} from '@opsready/plugin-opsready-common';

/**
 * What an ingest call did with a batch. An input that names the same
 * `source` + `externalId` as an earlier one updates that row (`updated`) and
 * never makes a second one.
 */
export interface IngestOutcome {
  stored: number;
  updated: number;
  /** Inputs left out, by their index in the batch, and why. */
  rejected: Array<{ index: number; externalId: string; reason: string }>;
}

/** A deployment a source takes back: which one, and where it was. */
export type WithdrawnDeployment = Pick<
  DeploymentInput,
  'entityRef' | 'environment' | 'externalId' | 'startedAt'
>;

/**
 * The one door through which deployments and errors enter OpsReady: the
 * ingest API, the webhooks, the Kubernetes collector and the health sweep
 * all go through it, so deduplication, correlation and validation happen in
 * one place.
 */
export interface EventIngest {
  recordDeployments(inputs: DeploymentInput[]): Promise<IngestOutcome>;
  /**
   * Records errors. An input with `resolvedAt` resolves the error it names
   * (same `source` + `externalId`), or stores it already resolved.
   */
  recordErrors(inputs: ServiceErrorInput[]): Promise<IngestOutcome>;
  /**
   * Takes back deployments a source recorded that turned out to be another
   * source's (a rollout the Kubernetes collector saw before CI reported
   * it); the environments they were in are correlated again.
   */
  withdrawDeployments(
    source: string,
    deployments: WithdrawnDeployment[],
  ): Promise<number>;
  /**
   * The errors a source opened that are not resolved yet, so that a source
   * which only sees what is wrong now (the Kubernetes collector) can resolve
   * what it no longer sees.
   */
  listOpenErrors(
    source: string,
  ): Promise<Array<{ entityRef: string; externalId: string }>>;
}
