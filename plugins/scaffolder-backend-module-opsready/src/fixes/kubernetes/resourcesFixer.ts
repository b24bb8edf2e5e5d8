import { CheckFixer } from '../types';
import { addMissing } from '../yamlEdit';
import { chartReads, readHelmCharts, writeEditedValues } from './helmCharts';
import {
  describeContainer,
  listing,
  readManifests,
  writeEdited,
} from './manifests';

/**
 * Fills in the CPU and memory requests and limits a container leaves unset
 * (init containers too) from the tier's presets; values already set stay.
 * A Helm chart whose templates read `.Values.resources` gets the same in
 * values.yaml.
 */
export const resourcesFixer: CheckFixer = {
  checkId: 'kubernetes.resources',
  summary:
    "Sets the CPU and memory requests and limits that containers leave unset, from the tier's presets.",
  apply(files, context) {
    const { preset, tier } = context;
    const wanted = {
      resources: {
        requests: { cpu: preset.requests.cpu, memory: preset.requests.memory },
        limits: { cpu: preset.limits.cpu, memory: preset.limits.memory },
      },
    };
    const changes: string[] = [];
    const manifests = readManifests(files);
    for (const workload of manifests.workloads) {
      for (const container of workload.containers) {
        const added = addMissing(workload.file, container.node, wanted);
        if (added.length > 0) {
          changes.push(
            `Set ${listing(added)} of ${describeContainer(
              workload,
              container,
            )} from the ${tier} tier's presets.`,
          );
        }
      }
    }
    writeEdited(files, manifests.files);

    const charts = readHelmCharts(files);
    for (const chart of charts) {
      if (!chartReads(chart, 'resources')) {
        continue;
      }
      const added = addMissing(chart.values, chart.root, wanted);
      if (added.length > 0) {
        changes.push(
          `Set ${listing(added)} in ${
            chart.values.path
          } from the ${tier} tier's presets.`,
        );
      }
    }
    writeEditedValues(files, charts);
    return { changes };
  },
};
