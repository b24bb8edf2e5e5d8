import { CompiledCondition, observed, unknownBecause } from './compiled';
import {
  DeclarativeDeliveryCondition,
  DeclarativeHealthCondition,
} from './types';

const DAY_MS = 24 * 60 * 60 * 1000;

function finiteNumber(value: unknown, key: string, min = 0): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min) {
    throw new Error(`${key} must be a number of ${min} or more, got ${value}`);
  }
  return value;
}

/**
 * `health: { metric, atLeast?, atMost?, endpoints? }` over the endpoints the
 * prober measured. An endpoint without the figure yet, or no endpoint at
 * all, leaves the verdict `unknown`.
 */
export function compileHealthCondition(
  spec: DeclarativeHealthCondition,
  key: string,
): CompiledCondition {
  const metric = spec.metric;
  if (metric !== 'uptime' && metric !== 'p95LatencyMs') {
    throw new Error(
      `${key}.metric must be uptime or p95LatencyMs, got ${metric}`,
    );
  }
  if (spec.atLeast === undefined && spec.atMost === undefined) {
    throw new Error(`${key} needs atLeast and/or atMost`);
  }
  const atLeast =
    spec.atLeast === undefined
      ? -Infinity
      : finiteNumber(spec.atLeast, `${key}.atLeast`);
  const atMost =
    spec.atMost === undefined
      ? Infinity
      : finiteNumber(spec.atMost, `${key}.atMost`);
  const every = (spec.endpoints ?? 'every') === 'every';
  const bounds = [
    spec.atLeast !== undefined ? `>= ${atLeast}` : '',
    spec.atMost !== undefined ? `<= ${atMost}` : '',
  ]
    .filter(Boolean)
    .join(' and ');
  const describe = `${
    every ? 'every' : 'some'
  } health endpoint has ${metric} ${bounds}`;

  return {
    describe,
    judge: facts => {
      const endpoints = facts.health?.endpoints;
      if (!endpoints) {
        return unknownBecause(
          describe,
          'No health figures were read for this entity.',
        );
      }
      if (endpoints.length === 0) {
        return unknownBecause(
          describe,
          'The entity declares no health endpoint.',
        );
      }
      const figures = endpoints.map(e => ({
        environment: e.environment,
        [metric]: e[metric] ?? null,
      }));
      let met = 0;
      let unmeasured = 0;
      for (const endpoint of endpoints) {
        const value = endpoint[metric];
        if (value === undefined) unmeasured += 1;
        else if (value >= atLeast && value <= atMost) met += 1;
      }
      const failed = endpoints.length - met - unmeasured;
      const details = {
        windowHours: facts.health!.windowHours,
        endpoints: figures,
      };
      if (every ? failed > 0 : met > 0) {
        return observed(describe, every ? 'fail' : 'pass', details);
      }
      if (unmeasured > 0) {
        return observed(describe, 'unknown', {
          reason: `${unmeasured} endpoint(s) have no ${metric} figure yet`,
          ...details,
        });
      }
      return observed(describe, every ? 'pass' : 'fail', details);
    },
  };
}

/**
 * `delivery: { deployedWithinDays }` or `{ openCriticalErrorsAtMost }`,
 * over what the deployments and errors store knows.
 */
export function compileDeliveryCondition(
  spec: DeclarativeDeliveryCondition,
  key: string,
): CompiledCondition {
  const given = [spec.deployedWithinDays, spec.openCriticalErrorsAtMost].filter(
    v => v !== undefined,
  ).length;
  if (given !== 1) {
    throw new Error(
      `${key} must have exactly one of deployedWithinDays and openCriticalErrorsAtMost`,
    );
  }
  if (spec.deployedWithinDays !== undefined) {
    const days = finiteNumber(
      spec.deployedWithinDays,
      `${key}.deployedWithinDays`,
    );
    const describe = `deployed to production within ${days} days`;
    return {
      describe,
      judge: (facts, { now }) => {
        const delivery = facts.delivery;
        if (!delivery) {
          return unknownBecause(
            describe,
            'No deployment records were read for this entity.',
          );
        }
        const last = delivery.lastDeploymentAt;
        const at = last === undefined ? NaN : Date.parse(last);
        if (last !== undefined && Number.isNaN(at)) {
          return unknownBecause(
            describe,
            `The last deployment time ${last} is not a date.`,
          );
        }
        const ageDays = (now.getTime() - at) / DAY_MS;
        return observed(describe, ageDays <= days ? 'pass' : 'fail', {
          lastDeploymentAt: last ?? null,
          ...(last === undefined ? {} : { daysAgo: Math.floor(ageDays) }),
        });
      },
    };
  }
  const most = finiteNumber(
    spec.openCriticalErrorsAtMost,
    `${key}.openCriticalErrorsAtMost`,
  );
  const describe = `at most ${most} open critical errors`;
  return {
    describe,
    judge: facts => {
      const errors = facts.delivery?.openCriticalErrors;
      if (!errors) {
        return unknownBecause(
          describe,
          'No error records were read for this entity.',
        );
      }
      return observed(describe, errors.length <= most ? 'pass' : 'fail', {
        openCriticalErrors: errors.length,
        ids: errors.slice(0, 5).map(e => e.id),
      });
    },
  };
}
