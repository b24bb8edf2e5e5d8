import { AuthenticationError } from '@backstage/errors';
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

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
 */
export function verifyGitHubSignature(
  rawBody: Buffer,
  header: string | undefined,
  secret: string,
): void {
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
  const expected = createHmac('sha256', secret).update(rawBody).digest();
  const given = Buffer.from(match[1], 'hex');
  if (!timingSafeEqual(given, expected)) {
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
