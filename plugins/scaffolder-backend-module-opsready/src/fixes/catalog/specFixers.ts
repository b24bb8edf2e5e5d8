import { parseEntityRef } from '@backstage/catalog-model';
import { CheckFixer, FixValues } from '../types';
import { CATALOG_INFO_PATH, editComponent } from './catalogInfo';

/**
 * A fixer that sets one field of the Component from a value the person
 * running the fix gave. Nothing is guessed: without the value it refuses,
 * naming the value to give.
 */
function fieldFixer(options: {
  checkId: string;
  value: keyof FixValues;
  path: string[];
  what: string;
  /** Why a given value cannot be used, if it cannot; the value, normalised. */
  validate?: (value: string) => { value: string } | { problem: string };
}): CheckFixer {
  const { checkId, value, path, what } = options;
  return {
    checkId,
    summary: `Sets ${path.join(
      '.',
    )} of the Component in ${CATALOG_INFO_PATH} to the ${what} given`,
    apply(files, context) {
      const given = context.values[value]?.trim();
      if (!given) {
        return {
          changes: [],
          refused: `no ${what} was given (the value '${value}'), and it is not guessed`,
        };
      }
      const checked = options.validate?.(given) ?? { value: given };
      if ('problem' in checked) {
        return { changes: [], refused: checked.problem };
      }
      return editComponent(files, context, component => {
        const before = component.getIn(path);
        component.setIn(path, checked.value);
        return {
          change: `${before ? 'Changed' : 'Set'} ${path.join('.')} of ${
            context.entity.metadata.name
          } in ${CATALOG_INFO_PATH} to ${checked.value}${
            before ? ` (was ${before})` : ''
          }.`,
        };
      });
    },
  };
}

/** An owner ref that names a group, written out in full. */
function groupRef(value: string): { value: string } | { problem: string } {
  try {
    const ref = parseEntityRef(value, {
      defaultKind: 'group',
      defaultNamespace: 'default',
    });
    if (ref.kind.toLocaleLowerCase('en-US') !== 'group') {
      return {
        problem: `the owner '${value}' is a ${ref.kind}, not a group; a team owns a service`,
      };
    }
    return { value: `group:${ref.namespace}/${ref.name}` };
  } catch {
    return { problem: `the owner '${value}' is not an entity ref` };
  }
}

export const specFixers: CheckFixer[] = [
  fieldFixer({
    checkId: 'catalog.owner',
    value: 'owner',
    path: ['spec', 'owner'],
    what: 'owning group',
    validate: groupRef,
  }),
  fieldFixer({
    checkId: 'catalog.description',
    value: 'description',
    path: ['metadata', 'description'],
    what: 'description',
  }),
  fieldFixer({
    checkId: 'catalog.system',
    value: 'system',
    path: ['spec', 'system'],
    what: 'system',
  }),
  fieldFixer({
    checkId: 'catalog.lifecycle',
    value: 'lifecycle',
    path: ['spec', 'lifecycle'],
    what: 'lifecycle',
  }),
];
