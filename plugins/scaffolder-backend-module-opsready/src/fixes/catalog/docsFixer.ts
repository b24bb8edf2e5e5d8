import { CheckFixer } from '../types';
import { CATALOG_INFO_PATH, editComponent } from './catalogInfo';

const TECHDOCS_ANNOTATION = 'backstage.io/techdocs-ref';
const MKDOCS_FILES = ['mkdocs.yml', 'mkdocs.yaml'];

/**
 * Points TechDocs at the repository, only when it has an MkDocs site to
 * build: an annotation over nothing would make the docs tab an error page.
 */
export const docsFixer: CheckFixer = {
  checkId: 'catalog.docs',
  summary: `Adds the ${TECHDOCS_ANNOTATION} annotation when the repository has an MkDocs site`,
  apply(files, context) {
    const mkdocs = MKDOCS_FILES.find(path => files.read(path) !== undefined);
    if (!mkdocs) {
      return {
        changes: [],
        refused: `the repository has no ${MKDOCS_FILES.join(
          ' or ',
        )}, so there are no TechDocs to point at; add one with a docs/ folder, or link the documentation in metadata.links`,
      };
    }
    return editComponent(files, context, component => {
      component.setIn(
        ['metadata', 'annotations', TECHDOCS_ANNOTATION],
        'dir:.',
      );
      return {
        change: `Added ${TECHDOCS_ANNOTATION}: dir:. to ${context.entity.metadata.name} in ${CATALOG_INFO_PATH}, since ${mkdocs} builds its TechDocs.`,
      };
    });
  },
};
