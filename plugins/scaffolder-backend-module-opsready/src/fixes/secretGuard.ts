import { InputError } from '@backstage/errors';
import { parseAllDocuments } from 'yaml';

const YAML = /\.ya?ml$/i;
const PRIVATE_KEY = /-----BEGIN [A-Z ]*PRIVATE KEY-----/;
// As kubernetes.no-literal-secrets: names that say they hold a secret, but
// not those that say where it is.
const SECRET_NAME =
  /PASSWORD|PASSWD|PASSPHRASE|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|CREDENTIAL|(^|_)PASS($|_)/i;
const ABOUT_A_SECRET = /(_FILE|_PATH|_URL|_NAME|_REF|_KEY_ID|_TTL|_EXPIRY)$/i;

/** Literal secret env values and Secret data in a YAML text, by a key per finding. */
function secretsIn(text: string): Set<string> {
  const found = new Set<string>();
  if (PRIVATE_KEY.test(text)) {
    found.add('a private key');
  }
  for (const document of parseAllDocuments(text) as any[]) {
    if (document.errors?.length) {
      continue;
    }
    const visit = (node: any, kind?: string) => {
      if (Array.isArray(node)) {
        node.forEach(item => visit(item, kind));
      } else if (node && typeof node === 'object') {
        if (
          typeof node.name === 'string' &&
          (typeof node.value === 'string' || typeof node.value === 'number') &&
          SECRET_NAME.test(node.name) &&
          !ABOUT_A_SECRET.test(node.name) &&
          String(node.value).trim() !== '' &&
          !String(node.value).startsWith('$(')
        ) {
          found.add(`the literal value of ${node.name}`);
        }
        Object.values(node).forEach(value => visit(value, kind));
      }
    };
    const value = document.toJS?.();
    if (
      value?.kind === 'Secret' &&
      (Object.keys(value.data ?? {}).length > 0 ||
        Object.keys(value.stringData ?? {}).length > 0)
    ) {
      found.add(`the data of Secret ${value.metadata?.name ?? ''}`.trim());
    }
    visit(value);
  }
  return found;
}

/**
 * Refuses a change that would commit a secret the repository did not hold:
 * a Secret with data, a literal password or token in an env entry, a
 * private key. What was already there is the repository's own problem, for
 * kubernetes.no-literal-secrets to report; a fix never adds to it.
 */
export function refuseNewSecrets(
  path: string,
  before: string | undefined,
  after: string,
): void {
  const findings = (text: string) =>
    YAML.test(path)
      ? secretsIn(text)
      : new Set(PRIVATE_KEY.test(text) ? ['a private key'] : []);
  const now = findings(after);
  const was = before === undefined ? new Set<string>() : findings(before);
  const added = [...now].filter(s => !was.has(s));
  if (added.length > 0) {
    throw new InputError(
      `The fix would commit ${added.join(
        ', ',
      )} in ${path}; secrets are never committed, so nothing was written`,
    );
  }
}
