import { promises as fs } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { RepositoryFacts } from '../checks/types';
import {
  isRepositoryFileOfInterest,
  isSkippedDirectory,
  repositoryReadLimits,
} from './repositoryFiles';

// Code-point order, not the locale's, so the listing is the same everywhere.
function byCodePoint(a: { name: string }, b: { name: string }): number {
  if (a.name === b.name) return 0;
  return a.name < b.name ? -1 : 1;
}

/**
 * Reads a repository checked out on disk (a scaffolder workspace, or a `dir:`
 * source location of the local catalog): lists its paths and reads the files
 * checks need, within `repositoryReadLimits`. Symbolic links are neither
 * followed nor read, so a link cannot pull in files from outside.
 *
 * @public
 */
export async function readRepositoryDirectory(
  root: string,
): Promise<RepositoryFacts> {
  const paths: string[] = [];
  const files: Record<string, string> = {};
  let filesRead = 0;

  async function walk(dir: string): Promise<void> {
    const entries = await fs.readdir(dir, { withFileTypes: true });
    entries.sort(byCodePoint);
    for (const entry of entries) {
      if (paths.length >= repositoryReadLimits.maxPaths) {
        return;
      }
      const absolute = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!isSkippedDirectory(entry.name)) {
          await walk(absolute);
        }
        continue;
      }
      if (!entry.isFile()) {
        continue; // symbolic links, sockets, devices
      }
      const path = relative(root, absolute).split(sep).join('/');
      paths.push(path);
      if (
        isRepositoryFileOfInterest(path) &&
        filesRead < repositoryReadLimits.maxFiles
      ) {
        const { size } = await fs.stat(absolute);
        if (size <= repositoryReadLimits.maxFileBytes) {
          files[path] = await fs.readFile(absolute, 'utf8');
          filesRead += 1;
        }
      }
    }
  }

  await walk(root);
  return { paths, files };
}
