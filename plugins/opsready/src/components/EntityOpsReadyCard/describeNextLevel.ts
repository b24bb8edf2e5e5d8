import { EntityEvaluation } from '@opsready/plugin-opsready-common';

/** "silver needs 15 more points and no failing critical check (…)". */
export function describeNextLevel(
  next: NonNullable<EntityEvaluation['nextLevel']>,
) {
  const needs: string[] = [];
  if (next.pointsNeeded > 0) {
    needs.push(`${next.pointsNeeded} more points`);
  }
  if (next.blockingChecks.length > 0) {
    needs.push(`no failing critical check (${next.blockingChecks.join(', ')})`);
  }
  return `${next.name} needs ${needs.join(' and ')}`;
}
