import { InputError } from '@backstage/errors';
import { EntityRepositorySource } from './readEntityRepository';

/** Where the fix is published, and what the publishing step needs. */
export interface PublishTarget {
  publishVia: 'local' | 'github' | 'gitlab';
  /** `host?owner=…&repo=…`, as publish:github/gitlab actions take it. */
  repoUrl?: string;
  /** The branch the change goes into, when the URL names it. */
  targetBranch?: string;
  /** The directory of the repository the entity is in ('' at its root). */
  repoPath?: string;
  /** The repository's name under the local repositories directory. */
  localRepository?: string;
}

/**
 * The publishing target for the entity's repository. GitHub and GitLab are
 * told apart by host name (github.com, gitlab.example.com), since that is
 * how their URLs differ: `/owner/repo/tree/<branch>/<path>` on GitHub,
 * `/group/subgroup/project/-/tree/<branch>/<path>` on GitLab.
 */
export function publishTargetOf(source: EntityRepositorySource): PublishTarget {
  if (source.type === 'dir') {
    return { publishVia: 'local', localRepository: source.localRepository };
  }
  const url = new URL(source.url);
  const host = url.host;
  const parts = url.pathname.split('/').filter(Boolean);
  if (host.includes('github')) {
    const [owner, repo, tree, branch, ...rest] = parts;
    if (!owner || !repo) {
      throw new InputError(
        `The source location ${source.url} names no GitHub repository`,
      );
    }
    return {
      publishVia: 'github',
      repoUrl: `${host}?owner=${encodeURIComponent(
        owner,
      )}&repo=${encodeURIComponent(repo.replace(/\.git$/, ''))}`,
      ...(tree === 'tree' || tree === 'blob' ? { targetBranch: branch } : {}),
      repoPath: tree === 'tree' ? rest.join('/') : '',
    };
  }
  if (host.includes('gitlab')) {
    const dash = parts.indexOf('-');
    const project = dash === -1 ? parts : parts.slice(0, dash);
    const after = dash === -1 ? [] : parts.slice(dash + 1);
    if (project.length < 2) {
      throw new InputError(
        `The source location ${source.url} names no GitLab project`,
      );
    }
    const repo = project[project.length - 1].replace(/\.git$/, '');
    const owner = project.slice(0, -1).join('/');
    return {
      publishVia: 'gitlab',
      repoUrl: `${host}?owner=${encodeURIComponent(
        owner,
      )}&repo=${encodeURIComponent(repo)}`,
      ...(after[0] === 'tree' ? { targetBranch: after[1] } : {}),
      repoPath: after[0] === 'tree' ? after.slice(2).join('/') : '',
    };
  }
  throw new InputError(
    `The source location ${source.url} is on ${host}, which is neither GitHub nor GitLab; a fix can only be proposed there or in a local repository`,
  );
}
