import {
  KubernetesObject,
  labelSelectorSelects,
  REPLICATED_KINDS,
  sameNamespace,
} from '@opsready/plugin-opsready-node';
import { CheckFixer } from '../types';
import { addMissing, appendDocument } from '../yamlEdit';
import { chartReads, readHelmCharts, writeEditedValues } from './helmCharts';
import {
  describe,
  isProduction,
  listing,
  PlacedWorkload,
  readManifests,
  writeEdited,
} from './manifests';

/** Whether a budget selects the workload's pods, as the check judges it. */
function covers(budget: KubernetesObject, workload: PlacedWorkload): boolean {
  if (
    budget.kind !== 'PodDisruptionBudget' ||
    !sameNamespace(budget, workload.object)
  ) {
    return false;
  }
  // policy/v1 made an empty selector select every pod of the namespace.
  return labelSelectorSelects(budget.spec?.selector, workload.podLabels, {
    emptySelectsAll: budget.apiVersion === 'policy/v1',
  });
}

/**
 * Appends a PodDisruptionBudget to the file of every production Deployment
 * and StatefulSet no budget covers: the workload's matchLabels, its
 * namespace, and `minAvailable` from the tier when the workload runs more
 * replicas than that (else `maxUnavailable: 1`, which never blocks a drain).
 */
export const pdbFixer: CheckFixer = {
  checkId: 'kubernetes.pdb',
  summary:
    'Adds a PodDisruptionBudget for every production Deployment and StatefulSet that has none.',
  apply(files, context) {
    if (!isProduction(context)) {
      return { changes: [] };
    }
    const { minAvailable } = context.preset;
    const manifests = readManifests(files);
    const uncovered = manifests.workloads.filter(
      workload =>
        REPLICATED_KINDS.has(workload.object.kind) &&
        !manifests.objects.some(({ object }) => covers(object, workload)),
    );
    const unselectable = uncovered.filter(
      w => Object.keys(w.object.spec?.selector?.matchLabels ?? {}).length === 0,
    );
    if (unselectable.length > 0) {
      return {
        changes: [],
        refused: `${listing(
          unselectable.map(describe),
        )} selects its pods without matchLabels, so no budget selector can be derived from it.`,
      };
    }
    const names = new Set(
      manifests.objects
        .filter(o => o.object.kind === 'PodDisruptionBudget')
        .map(
          o => `${o.object.metadata.namespace ?? ''}/${o.object.metadata.name}`,
        ),
    );
    const changes: string[] = [];
    for (const workload of uncovered) {
      const { name, namespace } = workload.object.metadata;
      let budgetName = name;
      if (names.has(`${namespace ?? ''}/${budgetName}`)) {
        budgetName = `${name}-pdb`;
      }
      names.add(`${namespace ?? ''}/${budgetName}`);
      const replicas = Number(workload.object.spec?.replicas ?? 1);
      const budget =
        replicas > minAvailable ? { minAvailable } : { maxUnavailable: 1 };
      appendDocument(workload.file, {
        apiVersion: 'policy/v1',
        kind: 'PodDisruptionBudget',
        metadata: { name: budgetName, ...(namespace ? { namespace } : {}) },
        spec: {
          ...budget,
          selector: { matchLabels: workload.object.spec.selector.matchLabels },
        },
      });
      changes.push(
        `Added PodDisruptionBudget/${budgetName} (${Object.entries(budget)
          .map(([k, v]) => `${k} ${v}`)
          .join('')}) for ${describe(workload)}.`,
      );
    }
    writeEdited(files, manifests.files);

    const charts = readHelmCharts(files);
    for (const chart of charts) {
      if (!chartReads(chart, 'podDisruptionBudget.minAvailable')) {
        continue;
      }
      const added = addMissing(chart.values, chart.root, {
        podDisruptionBudget: { minAvailable },
      });
      if (added.length > 0) {
        changes.push(
          `Set podDisruptionBudget.minAvailable in ${chart.values.path} to ${minAvailable}, from the ${context.tier} tier's presets.`,
        );
      }
    }
    writeEditedValues(files, charts);
    return { changes };
  },
};
