import { mockServices } from '@backstage/backend-test-utils';
import { NotModifiedError } from '@backstage/errors';
import {
  CheckLocationUnreachableError,
  readCheckLocation,
} from './readCheckLocation';

const TARGET = 'https://github.com/acme/policy/blob/main/checks.yaml';

function readerAnswering(readUrl: (url: string, options?: any) => any) {
  return mockServices.urlReader.mock({ readUrl: jest.fn(readUrl) });
}

const answer = (text: string, etag?: string) => ({
  buffer: async () => Buffer.from(text),
  etag,
});

describe('readCheckLocation', () => {
  it('reads the text and its etag, asking conditionally on the last etag', async () => {
    const reader = readerAnswering(async () => answer('checks: []\n', 'e2'));
    await expect(
      readCheckLocation(reader, TARGET, { etag: 'e1' }),
    ).resolves.toEqual({ status: 'read', text: 'checks: []\n', etag: 'e2' });
    expect(reader.readUrl).toHaveBeenCalledWith(TARGET, {
      etag: 'e1',
      signal: expect.any(AbortSignal),
    });
  });

  it('answers unchanged when the host says the etag still holds', async () => {
    const reader = readerAnswering(async () => {
      throw new NotModifiedError();
    });
    await expect(
      readCheckLocation(reader, TARGET, { etag: 'e1' }),
    ).resolves.toEqual({ status: 'unchanged' });
  });

  it('says the location is unreachable when the host fails or does not answer in time', async () => {
    const failing = readerAnswering(async () => {
      throw new Error('ECONNREFUSED');
    });
    await expect(readCheckLocation(failing, TARGET)).rejects.toThrow(
      new CheckLocationUnreachableError(TARGET, new Error('ECONNREFUSED')),
    );
    const silent = readerAnswering(() => new Promise(() => {}));
    const started = Date.now();
    await expect(
      readCheckLocation(silent, TARGET, { timeoutMs: 50 }),
    ).rejects.toBeInstanceOf(CheckLocationUnreachableError);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('refuses a file too large to be a file of checks', async () => {
    const reader = readerAnswering(async () =>
      answer('#'.repeat(1024 * 1024 + 1)),
    );
    const error = await readCheckLocation(reader, TARGET).catch(e => e);
    expect(error).not.toBeInstanceOf(CheckLocationUnreachableError);
    expect(error.message).toMatch(/more than the 1048576 a file of checks/);
  });
});
