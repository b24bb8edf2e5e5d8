import { sidesOf } from '../checks/kubernetes/declaredAndLiveObjects';
import { describeObject } from '../checks/kubernetes/workloads';
import { CompiledCondition, observed, unknownBecause } from './compiled';
import { parsePath, resolvePath } from './paths';
import { DeclarativeKubernetesCondition } from './types';
import { compileValueTest, foundValues } from './valueTest';

const SHOWN_WORKLOADS = 5;

/**
 * `kubernetes: { path, workloads: every | any, kinds? }` over the workloads
 * of both sides, the manifests' and the cluster's. No Kubernetes facts, or
 * no workload among them, is `unknown`: the service may well run workloads
 * nobody could read.
 */
export function compileKubernetesCondition(
  spec: DeclarativeKubernetesCondition,
  key: string,
): CompiledCondition {
  const steps = parsePath(spec.path, `${key}.path`);
  const test = compileValueTest(spec, key);
  const every = (spec.workloads ?? 'every') === 'every';
  if (
    spec.workloads !== undefined &&
    !['every', 'any'].includes(spec.workloads)
  ) {
    throw new Error(
      `${key}.workloads must be every or any, got ${spec.workloads}`,
    );
  }
  const kinds = spec.kinds && new Set(spec.kinds);
  const describe = `${every ? 'every' : 'some'} ${
    spec.kinds ? spec.kinds.join('/') : 'workload'
  } has ${spec.path} that ${test.describe}`;

  return {
    describe,
    judge: facts => {
      const sides = sidesOf(facts);
      if (sides.length === 0) {
        return unknownBecause(
          describe,
          'No Kubernetes objects were read: no manifests in the repository and no cluster answering.',
        );
      }
      let checked = 0;
      const offending: Array<Record<string, unknown>> = [];
      for (const side of sides) {
        for (const { workload } of side.workloads) {
          if (kinds && !kinds.has(workload.kind)) continue;
          checked += 1;
          const found = resolvePath(workload, steps);
          const holds = test.holds(found);
          if (holds && !every) {
            return observed(describe, 'pass', {
              path: spec.path,
              workload: `${side.side} ${describeObject(workload)}`,
              found: foundValues(found),
            });
          }
          if (!holds && offending.length < SHOWN_WORKLOADS) {
            offending.push({
              side: side.side,
              workload: describeObject(workload),
              found: foundValues(found),
              // Some items of a [*] have it and some do not.
              ...(found.missing && found.values.length > 0
                ? { missingInSome: true }
                : {}),
            });
          }
        }
      }
      if (checked === 0) {
        return unknownBecause(
          describe,
          `No ${
            spec.kinds ? spec.kinds.join(' or ') : 'workload'
          } was found in the manifests or the cluster.`,
        );
      }
      const holds = every ? offending.length === 0 : false;
      return observed(describe, holds ? 'pass' : 'fail', {
        path: spec.path,
        workloadsChecked: checked,
        ...(holds ? {} : { without: offending }),
      });
    },
  };
}
