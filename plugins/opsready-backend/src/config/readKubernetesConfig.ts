import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';
import { readLiveDataSources } from '@opsready/plugin-opsready-node';
import { boundedNumberReader } from './boundedNumberReader';

/** The `opsready.kubernetes` section of app-config, read and validated. */
export interface KubernetesCollectorConfig {
  /** Collect at all: only where the backend has a `kubernetes` section. */
  enabled: boolean;
  schedule: SchedulerServiceTaskScheduleDefinition;
  /** The environment a cluster's deployments and errors belong to. */
  environmentOf: (cluster: string) => string;
  /** A running container restarted this often is reported. */
  restartThreshold: number;
  /** Pods pending or unready for less than this are given time. */
  graceMs: number;
  /**
   * A rollout and a deployment CI reported of the same version within
   * this long of each other are one deployment.
   */
  mergeWindowMs: number;
}

/** Reads `opsready.kubernetes`; mistakes stop start-up naming the key. */
export function readKubernetesConfig(root: Config): KubernetesCollectorConfig {
  const config = root.getOptionalConfig('opsready.kubernetes');
  const number = boundedNumberReader('opsready.kubernetes', config);
  const environments =
    config?.getOptional<Record<string, string>>('environments') ?? {};
  for (const [cluster, environment] of Object.entries(environments)) {
    if (typeof environment !== 'string' || environment.trim() === '') {
      throw new Error(
        `opsready.kubernetes.environments.${cluster} must name an environment`,
      );
    }
  }
  return {
    // Read as a template's promised score reads it (pending drift).
    enabled: readLiveDataSources(root).kubernetes,
    schedule: config?.has('schedule')
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
          config.getConfig('schedule'),
        )
      : { frequency: { minutes: 5 }, timeout: { minutes: 4 } },
    environmentOf: cluster => environments[cluster] ?? cluster,
    restartThreshold: number('restartThreshold', 3, 1, 1000),
    graceMs: durationToMilliseconds({
      minutes: number('graceMinutes', 5, 0, 24 * 60),
    }),
    mergeWindowMs: durationToMilliseconds({
      minutes: number('mergeWindowMinutes', 60, 0, 7 * 24 * 60),
    }),
  };
}
