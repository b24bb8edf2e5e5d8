import { Entity, parseEntityRef } from '@backstage/catalog-model';
import { CheckFixer } from '../types';

/** The check warns at this many characters or fewer. */
const README_MIN_CHARACTERS = 200;
const README = /^readme(\.(md|markdown|rst|txt|adoc))?$/i;
const MARKDOWN = /\.(md|markdown)$/i;

function refName(value: unknown, defaultKind: string): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') {
    return undefined;
  }
  try {
    const ref = parseEntityRef(value, {
      defaultKind,
      defaultNamespace: 'default',
    });
    return `${ref.kind.toLocaleLowerCase('en-US')}:${ref.namespace}/${
      ref.name
    }`;
  } catch {
    return value;
  }
}

/**
 * What the catalog knows of the service, as Markdown list items. Only facts
 * the catalog states: nothing about how to build or run it.
 */
function catalogFacts(entity: Entity, hasMkdocs: boolean): string[] {
  const annotations = entity.metadata.annotations ?? {};
  const facts: string[] = [];
  const owner = refName(entity.spec?.owner, 'group');
  const system = refName(entity.spec?.system, 'system');
  if (owner) facts.push(`- Owner: \`${owner}\``);
  if (system) facts.push(`- System: \`${system}\``);
  if (typeof entity.spec?.lifecycle === 'string') {
    facts.push(`- Lifecycle: ${entity.spec.lifecycle}`);
  }
  if (typeof entity.spec?.type === 'string') {
    facts.push(`- Type: ${entity.spec.type}`);
  }
  const health = annotations['opsready.io/health-url'];
  if (health) facts.push(`- Health endpoint: <${health}>`);
  if (annotations['backstage.io/techdocs-ref'] || hasMkdocs) {
    facts.push('- Documentation: TechDocs, from `docs/` in this repository');
  }
  for (const link of entity.metadata.links ?? []) {
    if (typeof link?.url === 'string') {
      facts.push(`- [${link.title ?? link.url}](${link.url})`);
    }
  }
  return facts;
}

function section(entity: Entity, hasMkdocs: boolean): string {
  return [
    '## In the catalog',
    '',
    `What the software catalog records about ${entity.metadata.name}:`,
    '',
    ...catalogFacts(entity, hasMkdocs),
    '',
    'How to build, test and run the service is not recorded in the catalog; the owning team adds it here.',
    '',
  ].join('\n');
}

/**
 * Writes a README from what the catalog knows (name, description, owner,
 * system, lifecycle, links, health URL, docs). A README that exists is
 * never replaced: a short one gets the catalog section appended.
 */
export const readmeFixer: CheckFixer = {
  checkId: 'repository.readme',
  summary:
    'Adds a README.md, or extends a short one, with what the catalog knows of the service',
  apply(files, context) {
    const { entity } = context;
    const hasMkdocs = ['mkdocs.yml', 'mkdocs.yaml'].some(
      p => files.read(p) !== undefined,
    );
    const length = (p: string) => files.read(p)!.trim().length;
    const readmes = files
      .paths()
      .filter(p => README.test(p) && files.read(p) !== undefined);
    if (readmes.some(p => length(p) > README_MIN_CHARACTERS)) {
      return { changes: [] };
    }
    // The Markdown README is extended (the fullest, if several); another
    // format is left as it is, beside a new README.md.
    const markdown = readmes
      .filter(p => MARKDOWN.test(p))
      .sort((a, b) => length(b) - length(a))[0];
    const path = markdown ?? 'README.md';
    const existing = markdown ? files.read(markdown)! : undefined;
    let text: string;
    if (existing !== undefined) {
      // One blank line between the README and the section.
      const trailing = existing.length - existing.replace(/\n*$/, '').length;
      const gap = '\n'.repeat(Math.max(0, 2 - trailing));
      text = `${existing}${gap}${section(entity, hasMkdocs)}`;
    } else {
      const description = entity.metadata.description?.trim();
      text = [
        `# ${entity.metadata.title ?? entity.metadata.name}`,
        '',
        ...(description ? [description, ''] : []),
        section(entity, hasMkdocs),
      ].join('\n');
    }
    if (text.trim().length <= README_MIN_CHARACTERS) {
      return {
        changes: [],
        refused: `the catalog knows too little of ${entity.metadata.name} (no description, owner, system or links) to write a README worth reading; set those first`,
      };
    }
    files.write(path, text);
    return {
      changes: [
        existing !== undefined
          ? `Appended what the catalog knows of ${
              entity.metadata.name
            } (owner, system, lifecycle, links) to ${path}, which was only ${
              existing.trim().length
            } characters long.`
          : `Added ${path} with what the catalog knows of ${entity.metadata.name}: its description, owner, system, lifecycle and links.`,
      ],
    };
  },
};
