/**
 * Which repository files checks read. Everything else is only listed (its
 * path is enough for presence checks), so reading a repository stays cheap.
 */
const FILES_OF_INTEREST: RegExp[] = [
  /(^|\/)Dockerfile(\.[^/]+)?$/,
  /(^|\/)Containerfile$/,
  /^package\.json$/,
  /^requirements[^/]*\.txt$/,
  /^pyproject\.toml$/,
  /^Pipfile$/,
  /^go\.mod$/,
  /^pom\.xml$/,
  /^build\.gradle(\.kts)?$/,
  /^[^/]+\.csproj$/,
  /^Gemfile$/,
  /^Cargo\.toml$/,
  /^\.github\/workflows\/[^/]+\.ya?ml$/,
  /^\.gitlab-ci\.yml$/,
  /^Jenkinsfile$/,
  /^\.circleci\/config\.yml$/,
  /^azure-pipelines\.yml$/,
  /^\.buildkite\/[^/]+$/,
  /^README(\.[a-z]+)?$/i,
  /^(\.github\/|docs\/)?CODEOWNERS$/,
  /^catalog-info\.ya?ml$/,
  // Kubernetes manifests, alert rules and monitoring objects.
  /^(k8s|kubernetes|manifests|deploy|deployment|deployments|kustomize|alerts|monitoring)\/.+\.ya?ml$/,
  /^(chart|charts\/[^/]+|helm\/[^/]+)\/(rendered|templates)\/.+\.ya?ml$/,
  /(^|\/)[^/]*rules[^/]*\.ya?ml$/,
];

/** Directories never listed: dependencies, build output, VCS data. */
const SKIPPED_DIRECTORIES = new Set([
  '.git',
  'node_modules',
  'dist',
  'build',
  'target',
  'vendor',
  '.venv',
  'venv',
  '__pycache__',
  '.tox',
  'coverage',
]);

/**
 * Limits on what one repository read may cost.
 *
 * @public
 */
export const repositoryReadLimits = {
  /** Paths listed at most. */
  maxPaths: 5000,
  /** Files whose text is read at most. */
  maxFiles: 200,
  /** A larger file of interest is listed but not read. */
  maxFileBytes: 256 * 1024,
};

/**
 * Whether checks read this file's text.
 *
 * @public
 */
export function isRepositoryFileOfInterest(path: string): boolean {
  return FILES_OF_INTEREST.some(pattern => pattern.test(path));
}

/**
 * Whether a directory is skipped when listing a repository.
 *
 * @public
 */
export function isSkippedDirectory(name: string): boolean {
  return SKIPPED_DIRECTORIES.has(name);
}
