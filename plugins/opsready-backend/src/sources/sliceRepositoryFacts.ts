import {
  isRepositoryFileOfInterest,
  RepositoryFacts,
  repositoryReadLimits,
} from '@opsready/plugin-opsready-node';

/**
 * One service's part of a whole repository's facts: the paths under its
 * directory, relative to it, within one service's read limits, as a read
 * of that directory alone would have given them.
 */
export function sliceRepositoryFacts(
  whole: RepositoryFacts,
  subpath: string,
): RepositoryFacts {
  const prefix = subpath ? `${subpath}/` : '';
  const paths: string[] = [];
  const files: Record<string, string> = {};
  let kept = 0;
  for (const path of whole.paths) {
    if (paths.length >= repositoryReadLimits.maxPaths) {
      break;
    }
    if (!path.startsWith(prefix)) {
      continue;
    }
    const inside = path.slice(prefix.length);
    paths.push(inside);
    const text = whole.files[path];
    if (
      text !== undefined &&
      kept < repositoryReadLimits.maxFiles &&
      isRepositoryFileOfInterest(inside)
    ) {
      files[inside] = text;
      kept += 1;
    }
  }
  return { paths, files };
}
