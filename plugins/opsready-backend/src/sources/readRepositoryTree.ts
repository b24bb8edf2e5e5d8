import { UrlReaderService } from '@backstage/backend-plugin-api';
import { NotModifiedError } from '@backstage/errors';
import {
  isRepositoryFileOfInterest,
  isSkippedDirectory,
  RepositoryFacts,
  untilAborted,
} from '@opsready/plugin-opsready-node';

/**
 * What one read of a whole repository may keep. A monorepo holds many
 * services, so these are larger than one service's limits, which still
 * apply to what each service is given.
 */
export const wholeRepositoryLimits = {
  maxPaths: 100_000,
  maxFiles: 5_000,
  maxFileBytes: 256 * 1024,
  /** The text of all files kept, together. */
  maxTotalBytes: 16 * 1024 * 1024,
};

/** A file some service in the repository could need: any suffix of its path. */
export function isOfInterestAtAnyDepth(path: string): boolean {
  const parts = path.split('/');
  for (let i = 0; i < parts.length; i++) {
    if (isRepositoryFileOfInterest(parts.slice(i).join('/'))) {
      return true;
    }
  }
  return false;
}

export type TreeRead =
  | { status: 'unchanged' }
  | { status: 'read'; etag?: string; facts: RepositoryFacts };

/**
 * Reads a repository's root through the URL reader, conditionally on the
 * etag of the last read: an unchanged repository costs the host one cheap
 * request and answers `unchanged`.
 */
export async function readRepositoryTree(
  urlReader: UrlReaderService,
  url: string,
  options: { etag?: string; signal: AbortSignal },
): Promise<TreeRead> {
  let tree;
  try {
    tree = await untilAborted(
      urlReader.readTree(url, {
        etag: options.etag,
        filter: path => !path.split('/').some(isSkippedDirectory),
        signal: options.signal,
      }),
      options.signal,
    );
  } catch (error) {
    if (
      error instanceof NotModifiedError ||
      (error as Error)?.name === 'NotModifiedError'
    ) {
      return { status: 'unchanged' };
    }
    throw error;
  }
  const limits = wholeRepositoryLimits;
  const paths: string[] = [];
  const files: Record<string, string> = {};
  let kept = 0;
  let bytes = 0;
  for (const file of await tree.files()) {
    if (paths.length >= limits.maxPaths) {
      break;
    }
    paths.push(file.path);
    if (kept < limits.maxFiles && isOfInterestAtAnyDepth(file.path)) {
      const content = await file.content();
      if (
        content.length <= limits.maxFileBytes &&
        bytes + content.length <= limits.maxTotalBytes
      ) {
        files[file.path] = content.toString('utf8');
        kept += 1;
        bytes += content.length;
      }
    }
  }
  return {
    status: 'read',
    etag: tree.etag || undefined,
    facts: { paths, files },
  };
}
