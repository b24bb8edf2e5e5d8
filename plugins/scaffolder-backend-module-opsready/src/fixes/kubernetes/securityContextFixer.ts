import { isMap, isScalar, isSeq, YAMLMap } from 'yaml';
import { CheckFixer } from '../types';
import { addMissing, appendToSeq, replaceScalar, YamlFile } from '../yamlEdit';
import { chartReads, readHelmCharts, writeEditedValues } from './helmCharts';
import {
  describeContainer,
  listing,
  readManifests,
  writeEdited,
} from './manifests';

const WHAT_IT_MEANS =
  'the image must run as a non-root user and write only to mounted volumes';

/** The restricted settings, as a container's securityContext holds them. */
const RESTRICTED: Array<[key: string, value: boolean]> = [
  ['runAsNonRoot', true],
  ['allowPrivilegeEscalation', false],
  ['readOnlyRootFilesystem', true],
];

/**
 * Sets in one securityContext mapping what the restricted profile asks and
 * it lacks, correcting a setting that says the opposite; returns what was set.
 * `runAsNonRoot` is left out when the pod sets it already.
 */
function restrict(
  file: YamlFile,
  owner: YAMLMap,
  podRunsAsNonRoot: boolean,
): string[] {
  const context = owner.get('securityContext', true);
  const wanted: Record<string, unknown> = {};
  for (const [key, value] of RESTRICTED) {
    if (key === 'runAsNonRoot' && podRunsAsNonRoot) {
      continue;
    }
    wanted[key] = value;
  }
  wanted.capabilities = { drop: ['ALL'] };
  if (!isMap(context)) {
    return addMissing(file, owner, { securityContext: wanted }).map(p =>
      p.replace(/^securityContext\./, ''),
    );
  }
  const set: string[] = [];
  for (const [key, value] of RESTRICTED) {
    const node = context.get(key, true);
    // An explicit opposite (`allowPrivilegeEscalation: true`) is what fails.
    if (
      key in wanted &&
      isScalar(node) &&
      node.value !== value &&
      node.value !== null
    ) {
      replaceScalar(file, node, value);
      set.push(key);
      delete wanted[key];
    }
  }
  const drop = context.getIn(['capabilities', 'drop'], true);
  if (isSeq(drop)) {
    if (!drop.toJSON().includes('ALL')) {
      appendToSeq(file, drop, 'ALL');
      set.push('capabilities.drop');
    }
    delete wanted.capabilities;
  }
  return [...set, ...addMissing(file, context, wanted)];
}

/**
 * Gives every container the restricted security context: runAsNonRoot
 * (unless the pod sets it), allowPrivilegeEscalation false, all
 * capabilities dropped, a read-only root filesystem. A privileged container
 * is refused: taking that right away is a decision for its owners.
 */
export const securityContextFixer: CheckFixer = {
  checkId: 'kubernetes.security-context',
  summary:
    'Sets the restricted security context (non-root, no privilege escalation, no capabilities, read-only root filesystem) on every container.',
  apply(files) {
    const manifests = readManifests(files);
    const privileged = manifests.workloads.flatMap(workload =>
      workload.containers
        .filter(c => c.value.securityContext?.privileged === true)
        .map(c => describeContainer(workload, c)),
    );
    if (privileged.length > 0) {
      return {
        changes: [],
        refused: `${listing(
          privileged,
        )} runs privileged; whether it can do without is for its owners to decide, so the security context is not changed.`,
      };
    }
    const changes: string[] = [];
    for (const workload of manifests.workloads) {
      const podRunsAsNonRoot =
        workload.podSpec?.securityContext?.runAsNonRoot === true;
      for (const container of workload.containers) {
        const set = restrict(workload.file, container.node, podRunsAsNonRoot);
        if (set.length > 0) {
          changes.push(
            `Set ${listing(set)} in the securityContext of ${describeContainer(
              workload,
              container,
            )}: ${WHAT_IT_MEANS}.`,
          );
        }
      }
    }
    writeEdited(files, manifests.files);

    const charts = readHelmCharts(files);
    for (const chart of charts) {
      if (!chartReads(chart, 'securityContext')) {
        continue;
      }
      const set = restrict(chart.values, chart.root, false);
      if (set.length > 0) {
        changes.push(
          `Set ${listing(set)} of securityContext in ${
            chart.values.path
          }: ${WHAT_IT_MEANS}.`,
        );
      }
    }
    writeEditedValues(files, charts);
    return { changes };
  },
};
