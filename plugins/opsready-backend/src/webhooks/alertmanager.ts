import {
  ERROR_CATEGORIES,
  ErrorCategory,
} from '@opsready/plugin-opsready-common';
import { z } from 'zod/v3';
import { AlertmanagerWebhookConfig } from './readWebhooksConfig';
import {
  EntityLocator,
  isoDateTime,
  optionalIsoDateTime,
  parsePayload,
  PendingEvent,
  requiredText,
  TranslationSkip,
  Translation,
} from './translation';

/*
 * Alertmanager's webhook receiver, payload version 4
 * (https://prometheus.io/docs/alerting/latest/configuration/#webhook_config).
 * Each alert is one error. Alertmanager sends the same alert again while it
 * fires and once more when it resolves, always with the same fingerprint and
 * startsAt: together they are the external id, so repeats update one error
 * and the resolved notification closes it.
 */

const stringMap = z.record(z.string()).default({});

const alert = z
  .object({
    status: z.enum(['firing', 'resolved'], {
      required_error: 'is required',
      invalid_type_error: "must be 'firing' or 'resolved'",
    }),
    labels: stringMap,
    annotations: stringMap,
    startsAt: isoDateTime,
    endsAt: optionalIsoDateTime,
    generatorURL: z.string().optional(),
    fingerprint: requiredText,
  })
  .passthrough()
  .superRefine((a, ctx) => {
    if (a.status === 'resolved' && !a.endsAt) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['endsAt'],
        message: 'is required when status is resolved',
      });
    }
  });

const webhook = z
  .object({
    version: z.literal('4', {
      errorMap: () => ({
        message: "must be '4' (Alertmanager's webhook payload version)",
      }),
    }),
    alerts: z.array(alert, { required_error: 'is required' }),
  })
  .passthrough();

type Alert = z.infer<typeof alert>;

function firstOf(
  values: Record<string, string>,
  keys: string[],
): string | undefined {
  for (const key of keys) {
    const value = values[key]?.trim();
    if (value) {
      return value;
    }
  }
  return undefined;
}

function locatorsOf(
  a: Alert,
  config: AlertmanagerWebhookConfig,
): EntityLocator[] {
  const fromLabels = config.entityLabels
    .filter(label => a.labels[label]?.trim())
    .map(label => ({
      by: 'refOrName' as const,
      value: a.labels[label].trim(),
      from: `label ${label}`,
    }));
  const fromAnnotations = config.entityAnnotations
    .filter(key => a.annotations[key]?.trim())
    .map(key => ({
      by: 'refOrName' as const,
      value: a.annotations[key].trim(),
      from: `annotation ${key}`,
    }));
  return [...fromLabels, ...fromAnnotations];
}

function categoryOf(
  a: Alert,
  config: AlertmanagerWebhookConfig,
): ErrorCategory {
  const value = a.labels[config.categoryLabel]
    ?.trim()
    .toLocaleLowerCase('en-US');
  return ERROR_CATEGORIES.includes(value as ErrorCategory)
    ? (value as ErrorCategory)
    : config.defaultCategory;
}

/** Translates an Alertmanager notification; a malformed alert refuses it all. */
export function translateAlertmanagerNotification(
  payload: unknown,
  config: AlertmanagerWebhookConfig,
): Translation {
  const notification = parsePayload(webhook, payload, 'Alertmanager');
  const events: PendingEvent[] = [];
  const skipped: TranslationSkip[] = [];
  for (const a of notification.alerts) {
    const locators = locatorsOf(a, config);
    const name = a.labels.alertname;
    if (locators.length === 0) {
      const keys = [
        ...config.entityLabels.map(l => `label ${l}`),
        ...config.entityAnnotations.map(k => `annotation ${k}`),
      ];
      skipped.push({
        item: name
          ? `alert ${name} (${a.fingerprint})`
          : `alert ${a.fingerprint}`,
        reason: `The alert names no entity: none of ${keys.join(
          ', ',
        )} is set (see opsready.webhooks.alertmanager.entityLabel)`,
        namesNoEntity: true,
      });
      continue;
    }
    const severityValue = a.labels[config.severityLabel]
      ?.trim()
      .toLocaleLowerCase('en-US');
    events.push({
      type: 'error',
      locators,
      input: {
        environment:
          firstOf(a.labels, config.environmentLabels) ??
          config.defaultEnvironment,
        stage: 'runtime',
        code: name,
        severity:
          (severityValue && config.severityMap[severityValue]) ||
          config.defaultSeverity,
        category: categoryOf(a, config),
        message:
          firstOf(a.annotations, ['summary', 'description', 'message']) ??
          name ??
          `Alert ${a.fingerprint}`,
        userImpact: firstOf(a.annotations, ['user_impact', 'userImpact']),
        businessImpact: firstOf(a.annotations, [
          'business_impact',
          'businessImpact',
        ]),
        occurredAt: a.startsAt,
        fingerprint: a.fingerprint,
        resolvedAt: a.status === 'resolved' ? a.endsAt : undefined,
        source: 'alertmanager',
        externalId: `${a.fingerprint}@${a.startsAt}`,
      },
    });
  }
  return { events, skipped };
}
