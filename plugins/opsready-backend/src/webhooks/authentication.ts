import { AuthenticationError, InputError } from '@backstage/errors';
import { verify } from '@octokit/webhooks-methods';
import { createHash, timingSafeEqual } from 'node:crypto';

/*
 * Webhook senders hold no Backstage credentials, so each route checks the
 * secret its tool knows how to send. Comparisons run in constant time so
 * that response times do not leak how much of a guess was right.
 */

/** Equal in constant time, whatever the lengths (digests hide them). */
function sameSecret(
  given: string | Buffer,
  expected: string | Buffer,
): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/**
 * Checks GitHub's `X-Hub-Signature-256` header: `sha256=` and the hex
 * HMAC-SHA256 of the body exactly as received, keyed with the webhook secret.
 * The comparison is `@octokit/webhooks-methods`' (as in Backstage's GitHub
 * events module); the header's shape is checked here first so that a
 * malformed one is told apart from a wrong one.
 */
export async function verifyGitHubSignature(
  rawBody: Buffer,
  header: string | undefined,
  secret: string,
): Promise<void> {
  if (!header) {
    throw new AuthenticationError(
      'Missing X-Hub-Signature-256 header: set the same secret on the GitHub webhook as in opsready.webhooks.github.secret',
    );
  }
  const match = /^sha256=([0-9a-f]{64})$/i.exec(header.trim());
  if (!match) {
    throw new AuthenticationError(
      'X-Hub-Signature-256 must be sha256= followed by 64 hex digits',
    );
  }
  // The library signs a string and refuses an empty one; GitHub always
  // sends a JSON body, so there is nothing to verify without one.
  if (rawBody.length === 0) {
    throw new InputError('The body is empty: GitHub sends a JSON event');
  }
  // GitHub's bodies are UTF-8 JSON, so decoding keeps the signed bytes.
  const signature = `sha256=${match[1].toLowerCase()}`;
  if (!(await verify(secret, rawBody.toString('utf8'), signature))) {
    throw new AuthenticationError(
      'X-Hub-Signature-256 does not match the body: wrong secret, or the body was changed on the way',
    );
  }
}

/** Checks `Authorization: Bearer <token>` against the configured token. */
export function verifyBearerToken(
  header: string | undefined,
  token: string,
  configKey: string,
): void {
  const match = /^Bearer\s+(.+)$/i.exec(header?.trim() ?? '');
  if (!match) {
    throw new AuthenticationError(
      `Missing bearer token: send Authorization: Bearer <the token in ${configKey}>`,
    );
  }
  if (!sameSecret(match[1], token)) {
    throw new AuthenticationError(`Wrong bearer token (see ${configKey})`);
  }
}
