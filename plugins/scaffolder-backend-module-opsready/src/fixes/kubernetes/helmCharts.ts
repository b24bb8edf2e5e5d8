import { isMap, YAMLMap } from 'yaml';
import { FixFiles } from '../types';
import { editedText, parseYamlFile, YamlFile } from '../yamlEdit';

/** A Helm chart of the repository: where its values are, and which it reads. */
export interface HelmChart {
  /** The chart's directory (`chart`, `charts/cart`), '' at the root. */
  directory: string;
  /** values.yaml, parsed for editing. */
  values: YamlFile;
  /** Its top-level mapping. */
  root: YAMLMap;
  /** The `.Values.…` paths its templates reference (`autoscaling.minReplicas`). */
  references: Set<string>;
  /** Its templates that declare a workload, by path, with their text. */
  workloadTemplates: Array<{ path: string; text: string }>;
}

const VALUES_REFERENCE = /\.Values\.([A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)*)/g;
const WORKLOAD_TEMPLATE =
  /^kind:\s*(Deployment|StatefulSet|DaemonSet|ReplicaSet)\s*$/m;

function within(directory: string, path: string): string | undefined {
  if (directory === '') {
    return path;
  }
  return path.startsWith(`${directory}/`)
    ? path.slice(directory.length + 1)
    : undefined;
}

/**
 * The Helm charts of the repository: directories holding both Chart.yaml
 * and values.yaml. A values.yaml that does not parse fails with its line.
 */
export function readHelmCharts(files: FixFiles): HelmChart[] {
  const paths = files.paths();
  const charts: HelmChart[] = [];
  for (const path of paths) {
    const match = path.match(/^(?:(.*)\/)?Chart\.yaml$/);
    if (!match) {
      continue;
    }
    const directory = match[1] ?? '';
    const valuesPath = directory ? `${directory}/values.yaml` : 'values.yaml';
    const valuesText = files.read(valuesPath);
    if (valuesText === undefined) {
      continue;
    }
    const values = parseYamlFile(valuesPath, valuesText);
    const root = values.documents[0]?.document.contents;
    if (!isMap(root)) {
      continue;
    }
    const references = new Set<string>();
    const workloadTemplates: HelmChart['workloadTemplates'] = [];
    for (const template of paths) {
      const inside = within(directory, template);
      if (!inside?.startsWith('templates/')) {
        continue;
      }
      const text = files.read(template) ?? '';
      for (const [, reference] of text.matchAll(VALUES_REFERENCE)) {
        references.add(reference);
      }
      if (WORKLOAD_TEMPLATE.test(text)) {
        workloadTemplates.push({ path: template, text });
      }
    }
    charts.push({ directory, values, root, references, workloadTemplates });
  }
  return charts;
}

/** Whether the chart's templates read a value (or anything below it). */
export function chartReads(chart: HelmChart, key: string): boolean {
  for (const reference of chart.references) {
    if (reference === key || reference.startsWith(`${key}.`)) {
      return true;
    }
  }
  return false;
}

/** Writes back the values files that were edited. */
export function writeEditedValues(files: FixFiles, charts: HelmChart[]) {
  for (const chart of charts) {
    if (chart.values.edits.length > 0) {
      files.write(chart.values.path, editedText(chart.values));
    }
  }
}
