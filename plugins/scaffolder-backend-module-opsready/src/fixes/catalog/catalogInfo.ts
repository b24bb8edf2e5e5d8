import { Document, isMap } from 'yaml';
import { FixContext, FixFiles } from '../types';
import { parseYamlFile, stringifyYamlFile } from '../yamlFiles';

export const CATALOG_INFO_PATH = 'catalog-info.yaml';

/**
 * Edits the entity's Component in catalog-info.yaml through the `yaml`
 * Document API, so that comments, key order and the other documents (an
 * API, a Resource) stay as they were. `edit` returns the change made, as a
 * sentence, or a refusal.
 */
export function editComponent(
  files: FixFiles,
  context: FixContext,
  edit: (component: Document) => { change: string } | { refused: string },
): { changes: string[]; refused?: string } {
  const text = files.read(CATALOG_INFO_PATH);
  if (text === undefined) {
    return {
      changes: [],
      refused: `the repository has no ${CATALOG_INFO_PATH} at its root to edit`,
    };
  }
  const documents = parseYamlFile(CATALOG_INFO_PATH, text);
  const name = context.entity.metadata.name;
  const component = documents.find(
    d =>
      isMap(d.contents) &&
      d.get('kind') === 'Component' &&
      d.getIn(['metadata', 'name']) === name,
  );
  if (!component) {
    return {
      changes: [],
      refused: `${CATALOG_INFO_PATH} declares no Component named ${name}`,
    };
  }
  const outcome = edit(component);
  if ('refused' in outcome) {
    return { changes: [], refused: outcome.refused };
  }
  files.write(CATALOG_INFO_PATH, stringifyYamlFile(documents));
  return { changes: [outcome.change] };
}
