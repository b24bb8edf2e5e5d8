import { CheckDefinition } from '../types';
import {
  listing,
  perContainer,
  PerContainerRule,
} from './declaredAndLiveObjects';

/** Variable names that say they hold a secret. */
const SECRET_NAME =
  /PASSWORD|PASSWD|PASSPHRASE|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|CREDENTIAL|(^|_)PASS($|_)/i;

/**
 * Names that mention a secret but hold something about it: where it is
 * (`…_FILE`, `…_PATH`, `…_URL`), which Secret (`…_NAME`), or a setting
 * (`TOKEN_TTL`, `MAX_TOKENS`). Flagging them would teach people to ignore
 * the check.
 */
const ABOUT_A_SECRET =
  /(^|_)(FILE|PATH|DIR|NAME|REF|URL|URI|ENDPOINT|HOST|PORT|TTL|TIMEOUT|EXPIRY|EXPIRES|EXPIRATION|LENGTH|SIZE|HEADER|ENABLED|TYPE|KEY_ID|TOKENS)$/i;

/** A `$(OTHER_VAR)` reference to another variable. */
const VARIABLE_REFERENCE = /^\$\([A-Za-z_][A-Za-z0-9_]*\)$/;

/**
 * Whether an env entry puts a secret in plain text: a secret-looking name
 * with a literal value. Values that only point elsewhere are fine: a
 * `$(OTHER_VAR)` reference, an absolute path to a mounted file.
 */
export function isLiteralSecret(entry: any): boolean {
  const name = String(entry?.name ?? '');
  const value = entry?.value;
  if (!SECRET_NAME.test(name) || ABOUT_A_SECRET.test(name)) {
    return false;
  }
  if (typeof value !== 'string' && typeof value !== 'number') {
    return false;
  }
  const text = String(value).trim();
  return text !== '' && !VARIABLE_REFERENCE.test(text) && !text.startsWith('/');
}

/** The env variables a container sets to literal secrets, as a phrase; undefined if none. */
function literalSecrets(container: any): string | undefined {
  // Names only: the value itself must never reach a message or the
  // evidence, which are stored and shown.
  const names: string[] = [];
  if (Array.isArray(container.env)) {
    for (const entry of container.env) {
      if (isLiteralSecret(entry)) {
        names.push(String(entry.name));
      }
    }
  }
  if (names.length === 0) {
    return undefined;
  }
  return `sets ${listing(names)} to ${
    names.length === 1 ? 'a literal value' : 'literal values'
  }`;
}

const noLiteralSecretsRule: PerContainerRule = {
  includeInit: true,
  problemOf: literalSecrets,
  passMessage: 'No container sets a password, token or key as a literal value.',
};

/** @public */
export const noLiteralSecretsCheck: CheckDefinition = {
  id: 'kubernetes.no-literal-secrets',
  title: 'No secrets in plain env',
  description:
    'Passwords, tokens and keys reach containers from Secret objects, never as literal values in a manifest that anyone who can read the repository (or the Deployment) can read.',
  category: 'kubernetes',
  severity: 'critical',
  weight: 3,
  remediation: [
    'Move the value into a Secret (or your secret manager, synced to one) and refer to it:',
    '```yaml',
    'env:',
    '  - name: DB_PASSWORD',
    '    valueFrom:',
    '      secretKeyRef: { name: cart-db, key: password }',
    '```',
    'Then rotate the value: it is in the Git history and in every copy of the manifests.',
  ].join('\n'),
  appliesTo: { kinds: ['Component'] },
  evaluate: facts => perContainer(facts, noLiteralSecretsRule),
};
