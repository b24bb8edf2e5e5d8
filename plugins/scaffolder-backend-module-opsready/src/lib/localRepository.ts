import fs from 'node:fs';
import git from 'isomorphic-git';

/**
 * Copies a directory to a new place and makes it a git repository with one
 * commit. The destination must not exist: an existing repository is never
 * overwritten.
 */
export async function createLocalRepository(options: {
  source: string;
  destination: string;
  defaultBranch: string;
  commitMessage: string;
  author: { name: string; email: string };
}): Promise<{ commitHash: string }> {
  const { source, destination, defaultBranch, commitMessage, author } = options;
  await fs.promises.cp(source, destination, {
    recursive: true,
    errorOnExist: true,
    force: false,
    // Links were refused before; this keeps a link made since from being
    // followed out of the workspace.
    verbatimSymlinks: true,
  });
  await git.init({ fs, dir: destination, defaultBranch });
  // Honours the repository's .gitignore, as `git add .` would.
  await git.add({ fs, dir: destination, filepath: '.' });
  const commitHash = await git.commit({
    fs,
    dir: destination,
    message: commitMessage,
    author,
  });
  return { commitHash };
}
