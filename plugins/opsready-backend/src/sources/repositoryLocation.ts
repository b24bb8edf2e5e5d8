import gitUrlParse from 'git-url-parse';

/** A repository at a ref, and where in it an entity's sources are. */
export interface RepositoryLocation {
  /**
   * The URL of the repository's root at the ref, e.g.
   * `https://github.com/acme/shop/tree/main`: what is read, once for every
   * entity in it, and the key its facts are kept under.
   */
  url: string;
  /** The host, with its port if any: what a request budget applies to. */
  host: string;
  /** `owner/name` (`group/subgroup/name` on GitLab). */
  repository: string;
  /** The branch, tag or commit; empty when the URL names none. */
  ref: string;
  /** Where the entity is inside the repository; empty for its root. */
  subpath: string;
}

/**
 * The repository an entity's source URL points into. The root is the URL
 * with the path inside the repository taken off its end, which holds for
 * the providers that end their tree URLs with it (GitHub, GitLab, Gitea,
 * Azure DevOps' `?path=` aside). A URL that does not end with its path, or
 * has a query, is its own repository: read alone, as before, never wrongly
 * shared.
 */
export function repositoryLocationOf(
  sourceUrl: string,
): RepositoryLocation | undefined {
  let url: URL;
  let parsed: ReturnType<typeof gitUrlParse>;
  try {
    url = new URL(sourceUrl);
    parsed = gitUrlParse(sourceUrl);
  } catch {
    return undefined;
  }
  const path = url.pathname.replace(/\/+$/, '');
  const subpath = parsed.filepath.replace(/^\/+|\/+$/g, '');
  const alone = {
    url: sourceUrl,
    host: url.host,
    repository: parsed.full_name,
    ref: parsed.ref,
    subpath: '',
  };
  if (url.search || url.hash || !parsed.full_name) {
    return alone;
  }
  if (subpath === '') {
    return { ...alone, url: `${url.origin}${path}` };
  }
  if (!path.endsWith(`/${subpath}`)) {
    return alone;
  }
  return {
    ...alone,
    url: `${url.origin}${path.slice(0, -(subpath.length + 1))}`,
    subpath,
  };
}
