import { parseEntityRef } from '@backstage/catalog-model';
import { CheckFixer } from '../types';

const CODEOWNERS_PATH = '.github/CODEOWNERS';

/** An owner rule such as the check counts: `* @team`, maybe commented out. */
const RULE = /^\s*[^#\s]\S*\s+(@\S+|[^@\s]+@[^@\s]+\.[^@\s]+)/m;

/**
 * Makes the owning team review every change, as the golden templates do:
 * `.github/CODEOWNERS` with `* @<team>`, the team being the entity's owner
 * in the catalog. An existing file without a rule gets the rule appended,
 * its comments kept.
 */
export const codeownersFixer: CheckFixer = {
  checkId: 'repository.codeowners',
  summary: `Adds ${CODEOWNERS_PATH} making the owning team review every change`,
  apply(files, context) {
    // The owner being set in the same run (catalog.owner) counts too.
    const owner = context.entity.spec?.owner || context.values.owner;
    if (typeof owner !== 'string' || owner.trim() === '') {
      return {
        changes: [],
        refused: `${context.entity.metadata.name} has no owner in the catalog, so there is no team to make reviewer; fix catalog.owner first`,
      };
    }
    let ref;
    try {
      ref = parseEntityRef(owner, {
        defaultKind: 'group',
        defaultNamespace: 'default',
      });
    } catch {
      return {
        changes: [],
        refused: `the owner '${owner}' is not an entity ref`,
      };
    }
    if (ref.kind.toLocaleLowerCase('en-US') !== 'group') {
      return {
        changes: [],
        refused: `the owner '${owner}' is not a group; CODEOWNERS names a team`,
      };
    }
    const existing = files.read(CODEOWNERS_PATH);
    if (existing !== undefined && RULE.test(existing)) {
      return { changes: [] };
    }
    const rule = `* @${ref.name}\n`;
    if (existing === undefined) {
      files.write(
        CODEOWNERS_PATH,
        `# The owning team reviews every change.\n${rule}`,
      );
      return {
        changes: [
          `Added ${CODEOWNERS_PATH}: @${ref.name}, the owner in the catalog, reviews every change.`,
        ],
      };
    }
    const separator = existing === '' || existing.endsWith('\n') ? '' : '\n';
    files.write(CODEOWNERS_PATH, `${existing}${separator}${rule}`);
    return {
      changes: [
        `Added the rule "* @${ref.name}" to ${CODEOWNERS_PATH}, which assigned no owner: the team that owns the service in the catalog reviews every change.`,
      ],
    };
  },
};
