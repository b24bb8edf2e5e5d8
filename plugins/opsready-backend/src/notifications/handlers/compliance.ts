import { NO_LEVEL } from '../../evaluation/complianceChanges';
import { entityTabPath } from '../links';
import { Notice } from '../types';
import {
  DomainEventHandlers,
  entityName,
  notificationSeverity,
} from './common';

/**
 * Compliance news for an entity's owners: its level dropped, or a critical
 * check started failing. Both may be gathered into the compliance digest
 * (daily by default); a later drop or failure of the same check updates
 * the earlier notification rather than adding one.
 */
export const complianceHandlers = {
  'compliance.level-dropped': async (event): Promise<Notice[]> => {
    const name = entityName(event.entityRef);
    const none = event.to === NO_LEVEL;
    const notice: Notice = {
      entityRef: event.entityRef,
      topic: 'compliance',
      kind: event.type,
      // Losing every level is what an owner must not miss; a step down
      // is worth reading, not worth interrupting for.
      severity: none ? 'high' : 'normal',
      title: none
        ? `${name} lost its compliance level ${event.from}`
        : `${name} dropped from ${event.from} to ${event.to}`,
      description: `Its score or a failing critical check no longer meets ${event.from}. The compliance tab shows the checks that fail and how to fix them.`,
      link: entityTabPath(event.entityRef, 'compliance'),
      scope: `compliance:${event.entityRef}:level`,
      digestible: true,
    };
    return [notice];
  },
  'compliance.check-failing': async (event): Promise<Notice[]> => {
    const notice: Notice = {
      entityRef: event.entityRef,
      topic: 'compliance',
      kind: event.type,
      // Only checks of severity critical are reported.
      severity: notificationSeverity('critical'),
      title: `${entityName(event.entityRef)} fails the critical check "${
        event.title
      }"`,
      description: `The check ${event.checkId} started failing. The compliance tab says why and how to fix it, or how to ask for an exemption.`,
      link: entityTabPath(event.entityRef, 'compliance'),
      scope: `compliance:${event.entityRef}:check:${event.checkId}`,
      digestible: true,
    };
    return [notice];
  },
} satisfies DomainEventHandlers;
