import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';
import { boundedNumberReader } from './boundedNumberReader';
import type { HostBudget } from '../sources/RequestBudgets';

/** The `opsready.sources` section: how repositories are read. */
export interface SourcesConfig {
  /** When every repository in use is asked whether it changed. */
  schedule: SchedulerServiceTaskScheduleDefinition;
  /** How long a repository sweep may wait for budgets before deferring the rest. */
  sweepWithinMs: number;
  /** When the catalog is polled for components that changed or are new. */
  catalogPoll: SchedulerServiceTaskScheduleDefinition;
  /** Repositories read at once. */
  concurrency: number;
  /** How long one repository read may take. */
  readTimeoutMs: number;
  /** Requests an hour per integration host; hosts not named are not limited. */
  budgets: Record<string, HostBudget>;
}

const KEY = 'opsready.sources';

const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 30 },
  timeout: { minutes: 30 },
  initialDelay: { minutes: 1 },
};

const DEFAULT_CATALOG_POLL: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 1 },
  timeout: { minutes: 10 },
  initialDelay: { seconds: 30 },
};

function durationMs(
  section: Config | undefined,
  key: string,
  fallbackMs: number,
): number {
  if (!section?.has(key)) {
    return fallbackMs;
  }
  try {
    return durationToMilliseconds(readDurationFromConfig(section, { key }));
  } catch (error) {
    throw new Error(
      `${KEY}.${key} must be a duration such as { minutes: 25 } or 'PT25M': ${
        (error as Error).message
      }`,
    );
  }
}

function scheduleOf(
  section: Config | undefined,
  key: string,
  fallback: SchedulerServiceTaskScheduleDefinition,
): SchedulerServiceTaskScheduleDefinition {
  return section?.has(key)
    ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
        section.getConfig(key),
      )
    : fallback;
}

function readBudgets(section: Config | undefined): Record<string, HostBudget> {
  // Read whole: host names hold dots, which config keys would split at.
  const budgets = section?.getOptional<Record<string, unknown>>('budgets');
  const out: Record<string, HostBudget> = {};
  for (const [host, budget] of Object.entries(budgets ?? {})) {
    const requestsPerHour = (budget as { requestsPerHour?: unknown } | null)
      ?.requestsPerHour;
    // Two is the least one read of a changed repository costs.
    if (
      typeof requestsPerHour !== 'number' ||
      !Number.isFinite(requestsPerHour) ||
      requestsPerHour < 2
    ) {
      throw new Error(
        `${KEY}.budgets.${host}.requestsPerHour must be a number from 2, got ${requestsPerHour}`,
      );
    }
    out[host] = { requestsPerHour };
  }
  return out;
}

/** Reads `opsready.sources`; a mistake stops start-up naming the key. */
export function readSourcesConfig(root: Config): SourcesConfig {
  const section = root.getOptionalConfig(KEY);
  const number = boundedNumberReader(KEY, section);
  return {
    schedule: scheduleOf(section, 'schedule', DEFAULT_SCHEDULE),
    sweepWithinMs: durationMs(section, 'sweepWithin', 25 * 60_000),
    catalogPoll: scheduleOf(section, 'catalogPoll', DEFAULT_CATALOG_POLL),
    concurrency: number('concurrency', 4, 1, 64),
    readTimeoutMs: durationMs(section, 'readTimeout', 30_000),
    budgets: readBudgets(section),
  };
}
