import { Config, ConfigReader } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';
import {
  ERROR_CATEGORIES,
  ERROR_SEVERITIES,
  ErrorCategory,
  ErrorSeverity,
} from '@opsready/plugin-opsready-common';

/** How Alertmanager alerts become OpsReady errors. */
export interface AlertmanagerWebhookConfig {
  /** Absent: the route answers 404, it never accepts unauthenticated alerts. */
  token?: string;
  /** Labels naming the entity, tried in order. */
  entityLabels: string[];
  /** Annotations naming the entity, tried after the labels. */
  entityAnnotations: string[];
  environmentLabels: string[];
  defaultEnvironment: string;
  severityLabel: string;
  /** Lower-cased label value → OpsReady severity. */
  severityMap: Record<string, ErrorSeverity>;
  defaultSeverity: ErrorSeverity;
  categoryLabel: string;
  defaultCategory: ErrorCategory;
}

/** How Argo CD notifications become deployments and errors. */
export interface ArgoCdWebhookConfig {
  token?: string;
  defaultEnvironment: string;
  degradedSeverity: ErrorSeverity;
  degradedCategory: ErrorCategory;
}

/** The `opsready.webhooks` section of app-config, read and validated. */
export interface WebhooksConfig {
  /** Largest body a webhook accepts, in bytes. */
  maxBodyBytes: number;
  /** Limit on one catalog lookup, in ms: senders time out at about 10 s. */
  lookupTimeoutMs: number;
  github: { secret?: string };
  alertmanager: AlertmanagerWebhookConfig;
  argocd: ArgoCdWebhookConfig;
}

/**
 * Alertmanager's usual severities, and OpsReady's own names so that rules
 * may use either.
 */
export const defaultSeverityMap: Readonly<Record<string, ErrorSeverity>> = {
  critical: 'critical',
  page: 'critical',
  high: 'high',
  error: 'high',
  warning: 'medium',
  medium: 'medium',
  info: 'low',
  low: 'low',
  none: 'low',
};

function optionalSecret(config: Config, key: string): string | undefined {
  const value = config.getOptionalString(key);
  if (value === undefined) {
    return undefined;
  }
  // An empty secret would let anyone in who sends an empty one.
  if (value.trim() === '') {
    throw new Error(`opsready.webhooks.${key} is empty; remove it or set it`);
  }
  return value;
}

/** A key that takes one name or a list of names. */
function names(config: Config, key: string, fallback: string[]): string[] {
  const value = config.getOptional<unknown>(key);
  if (value === undefined) {
    return fallback;
  }
  const list = Array.isArray(value) ? value : [value];
  if (
    list.length === 0 ||
    !list.every(v => typeof v === 'string' && v.trim() !== '')
  ) {
    throw new Error(
      `opsready.webhooks.${key} must be a name or a list of names`,
    );
  }
  return list as string[];
}

/** A configured value that must be one of `allowed`; `fallback` when unset. */
function oneOf<T extends string>(
  allowed: ReadonlyArray<T>,
  value: string | undefined,
  key: string,
  fallback: T,
): T {
  if (value === undefined) {
    return fallback;
  }
  if (!allowed.includes(value as T)) {
    throw new Error(
      `opsready.webhooks.${key} must be one of ${allowed.join(
        ', ',
      )}, got '${value}'`,
    );
  }
  return value as T;
}

const severity = (
  value: string | undefined,
  key: string,
  fallback: ErrorSeverity,
) => oneOf(ERROR_SEVERITIES, value, key, fallback);

const category = (
  value: string | undefined,
  key: string,
  fallback: ErrorCategory,
) => oneOf(ERROR_CATEGORIES, value, key, fallback);

function positive(config: Config, key: string, fallback: number): number {
  const value = config.getOptionalNumber(key) ?? fallback;
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(
      `opsready.webhooks.${key} must be a whole number of at least 1, got ${value}`,
    );
  }
  return value;
}

function readSeverityMap(config: Config): Record<string, ErrorSeverity> {
  const configured =
    config.getOptional<Record<string, unknown>>('alertmanager.severityMap') ??
    {};
  const map: Record<string, ErrorSeverity> = { ...defaultSeverityMap };
  for (const [label, value] of Object.entries(configured)) {
    map[label.toLocaleLowerCase('en-US')] = severity(
      typeof value === 'string' ? value : String(value),
      `alertmanager.severityMap.${label}`,
      'medium',
    );
  }
  return map;
}

/**
 * Reads `opsready.webhooks`; mistakes stop start-up naming the key. A
 * webhook without its secret or token stays closed.
 */
export function readWebhooksConfig(root: Config): WebhooksConfig {
  const config =
    root.getOptionalConfig('opsready.webhooks') ?? new ConfigReader({});
  return {
    maxBodyBytes: positive(config, 'maxBodyBytes', 1024 * 1024),
    lookupTimeoutMs: positive(
      config,
      'lookupTimeoutMs',
      durationToMilliseconds({ seconds: 5 }),
    ),
    github: { secret: optionalSecret(config, 'github.secret') },
    alertmanager: {
      token: optionalSecret(config, 'alertmanager.token'),
      entityLabels: names(config, 'alertmanager.entityLabel', [
        'backstage_entity',
        'service',
      ]),
      entityAnnotations: names(config, 'alertmanager.entityAnnotation', []),
      environmentLabels: names(config, 'alertmanager.environmentLabel', [
        'environment',
        'env',
      ]),
      defaultEnvironment:
        config.getOptionalString('alertmanager.defaultEnvironment') ??
        'production',
      severityLabel:
        config.getOptionalString('alertmanager.severityLabel') ?? 'severity',
      severityMap: readSeverityMap(config),
      defaultSeverity: severity(
        config.getOptionalString('alertmanager.defaultSeverity'),
        'alertmanager.defaultSeverity',
        'medium',
      ),
      categoryLabel:
        config.getOptionalString('alertmanager.categoryLabel') ?? 'category',
      defaultCategory: category(
        config.getOptionalString('alertmanager.defaultCategory'),
        'alertmanager.defaultCategory',
        'performance',
      ),
    },
    argocd: {
      token: optionalSecret(config, 'argocd.token'),
      defaultEnvironment:
        config.getOptionalString('argocd.defaultEnvironment') ?? 'production',
      degradedSeverity: severity(
        config.getOptionalString('argocd.degradedSeverity'),
        'argocd.degradedSeverity',
        'high',
      ),
      degradedCategory: category(
        config.getOptionalString('argocd.degradedCategory'),
        'argocd.degradedCategory',
        'resource',
      ),
    },
  };
}
