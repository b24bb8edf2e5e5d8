import { sign } from '@octokit/webhooks-methods';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { verifyBearerToken, verifyGitHubSignature } from './authentication';

describe('verifyGitHubSignature', () => {
  // The example from GitHub's documentation on validating deliveries.
  const secret = "It's a Secret to Everybody";
  const body = Buffer.from('Hello, World!');
  const signature =
    'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17';

  it('accepts the signature GitHub documents for its example', async () => {
    await expect(
      verifyGitHubSignature(body, signature, secret),
    ).resolves.toBeUndefined();
    await expect(
      verifyGitHubSignature(
        body,
        signature.toUpperCase().replace('SHA256', 'sha256'),
        secret,
      ),
    ).resolves.toBeUndefined();
  });

  it('accepts a fixture delivery signed by @octokit/webhooks-methods, and refuses it once changed', async () => {
    const payload = readFileSync(
      join(__dirname, '__fixtures__', 'github', 'deployment.payload.json'),
    );
    const signed = await sign(
      { secret: 'webhook-secret', algorithm: 'sha256' },
      payload.toString('utf8'),
    );
    await expect(
      verifyGitHubSignature(payload, signed, 'webhook-secret'),
    ).resolves.toBeUndefined();
    const changed = Buffer.from(
      payload.toString('utf8').replace('"production"', '"prod"'),
    );
    expect(changed.equals(payload)).toBe(false);
    await expect(
      verifyGitHubSignature(changed, signed, 'webhook-secret'),
    ).rejects.toThrow('does not match the body');
  });

  it('refuses a changed body, another secret, and a missing or malformed header', async () => {
    await expect(
      verifyGitHubSignature(Buffer.from('Hello, World?'), signature, secret),
    ).rejects.toThrow('does not match the body');
    const other = `sha256=${createHmac('sha256', 'x')
      .update(body)
      .digest('hex')}`;
    await expect(verifyGitHubSignature(body, other, secret)).rejects.toThrow(
      'does not match the body',
    );
    await expect(
      verifyGitHubSignature(body, undefined, secret),
    ).rejects.toThrow('Missing X-Hub-Signature-256');
    await expect(
      verifyGitHubSignature(
        body,
        signature.replace('sha256=', 'sha1='),
        secret,
      ),
    ).rejects.toThrow('must be sha256=');
  });

  it('refuses an empty body as bad input rather than failing inside the library', async () => {
    await expect(
      verifyGitHubSignature(Buffer.alloc(0), signature, secret),
    ).rejects.toMatchObject({
      name: 'InputError',
      message: 'The body is empty: GitHub sends a JSON event',
    });
  });
});

describe('verifyBearerToken', () => {
  it('accepts the configured token only', () => {
    expect(() =>
      verifyBearerToken('Bearer s3cret', 's3cret', 'key'),
    ).not.toThrow();
    expect(() => verifyBearerToken('Bearer s3cre', 's3cret', 'key')).toThrow(
      'Wrong bearer token (see key)',
    );
    expect(() => verifyBearerToken('Bearer s3cret!', 's3cret', 'key')).toThrow(
      'Wrong bearer token',
    );
    expect(() => verifyBearerToken(undefined, 's3cret', 'key')).toThrow(
      'Missing bearer token',
    );
  });
});
