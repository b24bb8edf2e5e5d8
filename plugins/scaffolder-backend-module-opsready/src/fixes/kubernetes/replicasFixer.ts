import {
  REPLICATED_KINDS,
  sameNamespace,
} from '@opsready/plugin-opsready-node';
import { isMap, isScalar } from 'yaml';
import { CheckFixer } from '../types';
import { addMissing, addToMap, replaceScalar } from '../yamlEdit';
import { chartReads, readHelmCharts, writeEditedValues } from './helmCharts';
import {
  describe,
  isProduction,
  PlacedObject,
  readManifests,
  writeEdited,
} from './manifests';

/** A count as Kubernetes reads it: a missing or unreadable one is 1. */
function countOf(value: unknown): number {
  const count = Number(value ?? 1);
  return Number.isInteger(count) && count >= 0 ? count : 1;
}

/**
 * Makes every production Deployment and StatefulSet run the tier's replicas
 * (two at least): `spec.replicas`, or, when an autoscaler owns the count,
 * its `minReplicas`. Counts already high enough stay.
 */
export const replicasFixer: CheckFixer = {
  checkId: 'kubernetes.replicas',
  summary:
    "Raises the replicas of production Deployments and StatefulSets (or their autoscaler's floor) to the tier's count, two at least.",
  apply(files, context) {
    if (!isProduction(context)) {
      return { changes: [] };
    }
    const target = Math.max(2, context.preset.replicas);
    const changes: string[] = [];
    const manifests = readManifests(files);
    for (const workload of manifests.workloads) {
      if (!REPLICATED_KINDS.has(workload.object.kind)) {
        continue;
      }
      const autoscaler = manifests.objects.find(
        ({ object }) =>
          object.kind === 'HorizontalPodAutoscaler' &&
          object.spec?.scaleTargetRef?.kind === workload.object.kind &&
          object.spec?.scaleTargetRef?.name === workload.object.metadata.name &&
          sameNamespace(object, workload.object),
      );
      if (autoscaler) {
        raiseAutoscaler(autoscaler, target, changes);
        continue;
      }
      const replicas = countOf(workload.object.spec?.replicas);
      if (replicas >= 2) {
        continue;
      }
      const spec = workload.node.get('spec', true);
      const node = isMap(spec) ? spec.get('replicas', true) : undefined;
      if (isScalar(node) && node.range) {
        replaceScalar(workload.file, node, target);
      } else if (isMap(spec)) {
        // Where people look for it: first in the spec.
        addToMap(workload.file, spec, { replicas: target }, { first: true });
      }
      changes.push(
        `Raised the replicas of ${describe(
          workload,
        )} from ${replicas} to ${target}.`,
      );
    }
    writeEdited(files, manifests.files);

    const charts = readHelmCharts(files);
    for (const chart of charts) {
      const values = chart.root.toJSON();
      const autoscaled =
        chartReads(chart, 'autoscaling.minReplicas') &&
        values.autoscaling?.enabled !== false;
      if (autoscaled) {
        if (countOf(values.autoscaling?.minReplicas) < 2) {
          setCount(
            chart.values,
            chart.root,
            ['autoscaling', 'minReplicas'],
            target,
          );
          changes.push(
            `Raised autoscaling.minReplicas in ${chart.values.path} to ${target}.`,
          );
        }
      } else if (
        chartReads(chart, 'replicaCount') &&
        countOf(values.replicaCount) < 2
      ) {
        setCount(chart.values, chart.root, ['replicaCount'], target);
        changes.push(
          `Raised replicaCount in ${chart.values.path} to ${target}.`,
        );
      }
    }
    writeEditedValues(files, charts);
    return { changes };
  },
};

function raiseAutoscaler(
  autoscaler: PlacedObject,
  target: number,
  changes: string[],
) {
  const min = countOf(autoscaler.object.spec?.minReplicas);
  if (min >= 2) {
    return;
  }
  const spec = autoscaler.node.get('spec', true);
  if (!isMap(spec)) {
    return;
  }
  setCount(autoscaler.file, autoscaler.node, ['spec', 'minReplicas'], target);
  // An autoscaler whose ceiling is below its floor is rejected.
  const max = Number(autoscaler.object.spec?.maxReplicas);
  const maxNode = spec.get('maxReplicas', true);
  if (Number.isInteger(max) && max < target && isScalar(maxNode)) {
    replaceScalar(autoscaler.file, maxNode, target);
  }
  changes.push(
    `Raised the minReplicas of ${describe(
      autoscaler,
    )} from ${min} to ${target}${
      Number.isInteger(max) && max < target
        ? ` (and its maxReplicas with it)`
        : ''
    }.`,
  );
}

/** Sets a count at a path, replacing the one there or adding it. */
function setCount(
  file: Parameters<typeof addMissing>[0],
  root: Parameters<typeof addMissing>[1],
  path: string[],
  count: number,
) {
  const node = root.getIn(path, true);
  if (isScalar(node) && node.range && node.value !== null) {
    replaceScalar(file, node, count);
    return;
  }
  addMissing(
    file,
    root,
    path.reduceRight<any>((v, k) => ({ [k]: v }), count),
  );
}
