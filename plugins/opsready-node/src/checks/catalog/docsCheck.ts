import { Entity, EntityLink } from '@backstage/catalog-model';
import { CheckDefinition } from '../types';

const TECHDOCS_ANNOTATION = 'backstage.io/techdocs-ref';

// Whole words only, so that a "Docker Hub" link is not taken for docs.
const DOCS_TITLE = /\b(docs?|documentation|wiki|runbooks?|readme)\b/i;

/** Whether a link, by its icon, title or address, points at documentation. */
export function isDocumentationLink(link: EntityLink): boolean {
  return (
    link.icon?.toLocaleLowerCase('en-US') === 'docs' ||
    DOCS_TITLE.test(link.title ?? '') ||
    // Also catches docs hosts: https://docs.example.com contains "/docs".
    link.url.toLocaleLowerCase('en-US').includes('/docs')
  );
}

function documentationLinks(entity: Entity): EntityLink[] {
  return (entity.metadata.links ?? []).filter(
    link => typeof link?.url === 'string' && isDocumentationLink(link),
  );
}

/** @public */
export const docsCheck: CheckDefinition = {
  id: 'catalog.docs',
  title: 'Documentation',
  description:
    'The component has TechDocs or links to its documentation, so that a newcomer or an on-call engineer finds it from the catalog.',
  category: 'catalog',
  severity: 'low',
  weight: 1,
  remediation: [
    'Publish TechDocs (an `mkdocs.yml` and a `docs/` folder next to `catalog-info.yaml`), or link to the documentation:',
    '```yaml',
    'metadata:',
    '  annotations:',
    '    backstage.io/techdocs-ref: dir:.',
    '  links:',
    '    - url: https://wiki.example.com/cart',
    '      title: Docs',
    '      icon: docs',
    '```',
  ].join('\n'),
  appliesTo: { kinds: ['Component'] },
  evaluate({ entity }) {
    const techdocsRef = entity.metadata.annotations?.[TECHDOCS_ANNOTATION];
    if (techdocsRef?.trim()) {
      return {
        status: 'pass',
        message: `Has TechDocs (${TECHDOCS_ANNOTATION}: ${techdocsRef.trim()}).`,
        evidence: { techdocsRef: techdocsRef.trim() },
      };
    }
    const links = documentationLinks(entity);
    if (links.length > 0) {
      return {
        status: 'pass',
        message: `Documentation is linked at ${links[0].url}.`,
        evidence: { links: links.map(({ url, title }) => ({ url, title })) },
      };
    }
    return {
      status: 'fail',
      message: `No TechDocs and no documentation link; add the ${TECHDOCS_ANNOTATION} annotation or a link titled Docs.`,
      evidence: { linksChecked: (entity.metadata.links ?? []).length },
    };
  },
};
