import { createHmac } from 'node:crypto';
import { verifyBearerToken, verifyGitHubSignature } from './authentication';

describe('verifyGitHubSignature', () => {
  // The example from GitHub's documentation on validating deliveries.
  const secret = "It's a Secret to Everybody";
  const body = Buffer.from('Hello, World!');
  const signature =
    'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17';

  it('accepts the signature GitHub documents for its example', () => {
    expect(() => verifyGitHubSignature(body, signature, secret)).not.toThrow();
    expect(() =>
      verifyGitHubSignature(
        body,
        signature.toUpperCase().replace('SHA256', 'sha256'),
        secret,
      ),
    ).not.toThrow();
  });

  it('refuses a changed body, another secret, and a missing or malformed header', () => {
    expect(() =>
      verifyGitHubSignature(Buffer.from('Hello, World?'), signature, secret),
    ).toThrow('does not match the body');
    const other = `sha256=${createHmac('sha256', 'x')
      .update(body)
      .digest('hex')}`;
    expect(() => verifyGitHubSignature(body, other, secret)).toThrow(
      'does not match the body',
    );
    expect(() => verifyGitHubSignature(body, undefined, secret)).toThrow(
      'Missing X-Hub-Signature-256',
    );
    expect(() =>
      verifyGitHubSignature(
        body,
        signature.replace('sha256=', 'sha1='),
        secret,
      ),
    ).toThrow('must be sha256=');
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
