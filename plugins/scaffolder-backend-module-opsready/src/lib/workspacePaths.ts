import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { Dirent, promises as fs } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException)?.code === 'ENOENT';
}

/**
 * Resolves a path from an action's input inside `base` (the workspace, or a
 * configured directory). Refuses a path that leaves `base` (`../`, an
 * absolute path elsewhere) and a path that goes through a symbolic link,
 * since a link in a skeleton or a fetched repository could point anywhere on
 * the host. The path need not exist yet.
 */
export async function resolveInputPath(
  base: string,
  path: string,
  what: string,
): Promise<string> {
  // Lexically first, so that a path through a link is refused as a link
  // (resolveSafeChildPath below would follow it and call it outside).
  const resolved = resolve(base, path);
  const inside = relative(base, resolved);
  if (inside.startsWith('..') || isAbsolute(inside)) {
    throw new InputError(
      `${what} '${path}' is outside the directory it must stay in; use a relative path without '..'`,
    );
  }
  let current = base;
  for (const part of relative(base, resolved).split(sep).filter(Boolean)) {
    current = join(current, part);
    try {
      if ((await fs.lstat(current)).isSymbolicLink()) {
        throw new InputError(
          `${what} '${path}' goes through the symbolic link '${relative(
            base,
            current,
          )}'; symbolic links are refused`,
        );
      }
    } catch (error) {
      if (isMissing(error)) {
        break; // Nothing further down exists, so nothing can be a link.
      }
      throw error;
    }
  }
  // The framework's own guard, which also resolves links, as a last word.
  try {
    return resolveSafeChildPath(base, path);
  } catch {
    throw new InputError(
      `${what} '${path}' is outside the directory it must stay in`,
    );
  }
}

/**
 * Every symbolic link under a directory, relative to it. Used to refuse a
 * tree before copying or publishing it.
 */
export async function findSymbolicLinks(root: string): Promise<string[]> {
  const links: string[] = [];
  async function walk(dir: string): Promise<void> {
    let entries: Dirent[];
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch (error) {
      if (isMissing(error)) {
        return;
      }
      throw error;
    }
    for (const entry of entries) {
      const absolute = join(dir, entry.name);
      if (entry.isSymbolicLink()) {
        links.push(relative(root, absolute).split(sep).join('/'));
      } else if (entry.isDirectory()) {
        await walk(absolute);
      }
    }
  }
  await walk(root);
  return links.sort();
}

/**
 * Writes files under `base`, each path checked as `resolveInputPath` does;
 * an existing file is replaced, an existing symbolic link refused.
 */
export async function writeFiles(
  base: string,
  files: Record<string, string>,
  what: string,
): Promise<string[]> {
  const written: string[] = [];
  for (const [path, content] of Object.entries(files)) {
    const target = await resolveInputPath(base, path, what);
    await fs.mkdir(join(target, '..'), { recursive: true });
    await fs.writeFile(target, content, 'utf8');
    written.push(path);
  }
  return written;
}
