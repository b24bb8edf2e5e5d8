import { mockServices } from '@backstage/backend-test-utils';
import { NotModifiedError } from '@backstage/errors';
import {
  isOfInterestAtAnyDepth,
  readRepositoryTree,
} from './readRepositoryTree';

const tree = (files: Record<string, string>) =>
  ({
    etag: 'sha-9',
    files: async () =>
      Object.entries(files).map(([path, text]) => ({
        path,
        content: async () => Buffer.from(text),
      })),
    archive: jest.fn(),
    dir: jest.fn(),
  } as any);

describe('readRepositoryTree', () => {
  it('keeps the files a service at any depth could need, and lists the rest', async () => {
    const urlReader = mockServices.urlReader.mock({
      readTree: jest.fn(async () =>
        tree({
          'services/cart/package.json': '{}',
          'services/cart/src/index.ts': 'export {}',
          Dockerfile: 'FROM node:22\n',
        }),
      ),
    });
    const read = await readRepositoryTree(
      urlReader,
      'https://x/o/r/tree/main',
      {
        signal: AbortSignal.timeout(1000),
      },
    );
    expect(read).toEqual({
      status: 'read',
      etag: 'sha-9',
      facts: {
        paths: [
          'services/cart/package.json',
          'services/cart/src/index.ts',
          'Dockerfile',
        ],
        files: {
          'services/cart/package.json': '{}',
          Dockerfile: 'FROM node:22\n',
        },
      },
    });
    expect(isOfInterestAtAnyDepth('a/b/.github/workflows/ci.yaml')).toBe(true);
    expect(isOfInterestAtAnyDepth('a/b/src/main.go')).toBe(false);
  });

  it('answers unchanged when the host says nothing changed', async () => {
    const urlReader = mockServices.urlReader.mock({
      readTree: jest.fn().mockRejectedValue(new NotModifiedError()),
    });
    expect(
      await readRepositoryTree(urlReader, 'https://x/o/r/tree/main', {
        etag: 'sha-9',
        signal: AbortSignal.timeout(1000),
      }),
    ).toEqual({ status: 'unchanged' });
  });

  it('gives up at the timeout even when the reader never answers', async () => {
    const urlReader = mockServices.urlReader.mock({
      readTree: jest.fn(() => new Promise<never>(() => {})),
    });
    await expect(
      readRepositoryTree(urlReader, 'https://x/o/r/tree/main', {
        signal: AbortSignal.timeout(50),
      }),
    ).rejects.toThrow(/timeout|aborted/i);
  });
});
