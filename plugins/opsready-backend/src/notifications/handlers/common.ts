import { parseEntityRef } from '@backstage/catalog-model';
import { NotificationSeverity } from '@backstage/plugin-notifications-common';
import { DomainEventHandler, DomainEventType } from '../types';

/** Some of the handlers, by the event type each handles. */
export type DomainEventHandlers = {
  [T in DomainEventType]?: DomainEventHandler<T>;
};

/**
 * A notification's severity for the severity of what it is about (a
 * check's or an error's): the scales differ only in their middle step.
 */
export function notificationSeverity(
  severity: 'critical' | 'high' | 'medium' | 'low',
): NotificationSeverity {
  return severity === 'medium' ? 'normal' : severity;
}

/**
 * How a title names an entity: its name, with its namespace where that is
 * not the default one (two teams may each have a `cart`).
 */
export function entityName(entityRef: string): string {
  const { namespace, name } = parseEntityRef(entityRef);
  return namespace === 'default' ? name : `${namespace}/${name}`;
}

export const DAY_MS = 24 * 3600_000;
