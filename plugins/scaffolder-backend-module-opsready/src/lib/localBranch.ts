import { ConflictError, InputError } from '@backstage/errors';
import git from 'isomorphic-git';
import fs from 'node:fs';
import { join } from 'node:path';

type TreeEntry = {
  mode: string;
  path: string;
  oid: string;
  type: 'blob' | 'tree';
};

/** A branch name git accepts (the common subset of `git check-ref-format`). */
export function isBranchName(name: string): boolean {
  return (
    /^[A-Za-z0-9._/-]+$/.test(name) &&
    !name.includes('..') &&
    !name.includes('//') &&
    !/(^[/.-]|[/.]$|\.lock$|\/\.)/.test(name)
  );
}

async function branchExists(dir: string, branch: string): Promise<boolean> {
  try {
    await git.resolveRef({ fs, dir, ref: `refs/heads/${branch}` });
    return true;
  } catch {
    return false;
  }
}

/**
 * Writes a directory as git objects of `repository` and returns its tree:
 * what `git add` would take (the .gitignore rules honoured, files the
 * parent commit tracks kept even if ignored), never `.git`, and no
 * symbolic link, which is refused rather than followed.
 */
async function writeDirectoryTree(options: {
  repository: string;
  source: string;
  tracked: Set<string>;
  prefix?: string;
}): Promise<string | undefined> {
  const { repository, source, tracked, prefix = '' } = options;
  const entries: TreeEntry[] = [];
  const dirents = await fs.promises.readdir(join(source, prefix), {
    withFileTypes: true,
  });
  for (const dirent of dirents) {
    const path = `${prefix}${dirent.name}`;
    if (dirent.name === '.git') {
      continue;
    }
    if (dirent.isSymbolicLink()) {
      throw new InputError(
        `The workspace holds the symbolic link ${path}; symbolic links are never published`,
      );
    }
    if (
      !tracked.has(path) &&
      !(
        dirent.isDirectory() && [...tracked].some(t => t.startsWith(`${path}/`))
      ) &&
      (await git.isIgnored({ fs, dir: source, filepath: path }))
    ) {
      continue;
    }
    if (dirent.isDirectory()) {
      const oid = await writeDirectoryTree({ ...options, prefix: `${path}/` });
      if (oid) {
        entries.push({ mode: '040000', path: dirent.name, oid, type: 'tree' });
      }
    } else if (dirent.isFile()) {
      const absolute = join(source, path);
      const blob = await fs.promises.readFile(absolute);
      const executable =
        ((await fs.promises.stat(absolute)).mode & 0o111) !== 0;
      const oid = await git.writeBlob({ fs, dir: repository, blob });
      entries.push({
        mode: executable ? '100755' : '100644',
        path: dirent.name,
        oid,
        type: 'blob',
      });
    }
  }
  if (entries.length === 0) {
    return undefined; // Git has no empty directories.
  }
  return git.writeTree({ fs, dir: repository, tree: entries });
}

/**
 * Commits a directory as ONE commit on a NEW branch of an existing local
 * repository, off its checked-out branch's head, without touching its
 * working tree, its index or which branch is checked out: only objects and
 * the new branch's ref are written. The change then waits for review, and
 * is merged with `git merge --ff-only <branch>`.
 */
export async function commitToNewBranch(options: {
  repository: string;
  source: string;
  branch: string;
  message: string;
  author: { name: string; email: string };
}): Promise<{ commitHash: string; baseBranch: string }> {
  const { repository, source, branch, message, author } = options;
  const baseBranch = await git.currentBranch({ fs, dir: repository });
  if (!baseBranch) {
    throw new InputError(
      `${repository} has no branch checked out to branch off`,
    );
  }
  if (await branchExists(repository, branch)) {
    throw new ConflictError(
      `The branch ${branch} already exists in ${repository}; merge or delete it first`,
    );
  }
  const parent = await git.resolveRef({ fs, dir: repository, ref: baseBranch });
  const tracked = new Set(
    await git.listFiles({ fs, dir: repository, ref: parent }),
  );
  const tree =
    (await writeDirectoryTree({ repository, source, tracked })) ??
    (await git.writeTree({ fs, dir: repository, tree: [] }));
  const now = Math.floor(Date.now() / 1000);
  const signature = { ...author, timestamp: now, timezoneOffset: 0 };
  const commitHash = await git.writeCommit({
    fs,
    dir: repository,
    commit: {
      message: message.endsWith('\n') ? message : `${message}\n`,
      tree,
      parent: [parent],
      author: signature,
      committer: signature,
    },
  });
  await git.writeRef({
    fs,
    dir: repository,
    ref: `refs/heads/${branch}`,
    value: commitHash,
  });
  return { commitHash, baseBranch };
}
