import { CheckDefinition, CheckOutcome, RepositoryFacts } from '../types';
import { DockerfileReview, reviewDockerfile } from './dockerfileReview';
import { basename, withRepository } from './withRepository';

const DOCKERFILE_NAME = /^(Dockerfile|Containerfile)(\.[^/]+)?$/;

/**
 * Whether a path is a Dockerfile: `Dockerfile`, `Containerfile` or a variant
 * such as `Dockerfile.prod`, at any depth. `Dockerfile.dockerignore` is an
 * ignore file, not a Dockerfile.
 */
export function isDockerfile(path: string): boolean {
  if (typeof path === 'string' && !mayBeDockerfile(path)) {
    return false;
  }
  // Anything but a string is left to the pattern, as it always was.
  const name = basename(path);
  return DOCKERFILE_NAME.test(name) && !name.endsWith('.dockerignore');
}

/**
 * Whether the last segment of a path starts as the pattern does: asked
 * first, since most files are not Dockerfiles, and it needs neither the
 * name cut out nor the pattern run.
 */
function mayBeDockerfile(path: string): boolean {
  const name = path.lastIndexOf('/') + 1;
  return (
    path.startsWith('Dockerfile', name) ||
    path.startsWith('Containerfile', name)
  );
}

type Verdict = 'fail' | 'unknown' | 'warn' | 'pass';
const WORST_FIRST: Verdict[] = ['fail', 'unknown', 'warn', 'pass'];

/** The worst of the files' verdicts. */
function worstOf(verdicts: FileVerdict[]): Verdict {
  let worst = WORST_FIRST.length - 1;
  for (const { status } of verdicts) {
    worst = Math.min(worst, WORST_FIRST.indexOf(status));
  }
  return WORST_FIRST[worst];
}

/** The values, each once, in the order first seen. */
function distinct<T>(values: T[]): T[] {
  const found: T[] = [];
  for (const value of values) {
    if (!found.includes(value)) {
      found.push(value);
    }
  }
  return found;
}

interface FileVerdict {
  path: string;
  status: Verdict;
  review?: DockerfileReview;
}

function verdictOf(path: string, repository: RepositoryFacts): FileVerdict {
  const text = repository.files[path];
  if (text === undefined) {
    return { path, status: 'unknown' };
  }
  const review = reviewDockerfile(text);
  if (review.problems.length > 0) {
    return { path, status: 'fail', review };
  }
  return { path, status: review.doubts.length > 0 ? 'warn' : 'pass', review };
}

/** A file's verdict for the evidence: its path and status, then its review. */
function fileEvidence({ path, status, review }: FileVerdict) {
  if (!review) {
    return { path, status };
  }
  const { user, baseImages, problems, doubts } = review;
  return 'user' in review
    ? { path, status, user, baseImages, problems, doubts }
    : { path, status, baseImages, problems, doubts };
}

function describeFile({ path, status, review }: FileVerdict): string {
  if (status === 'unknown') {
    return `${path} was found but not read, so it could not be checked`;
  }
  const issues = status === 'fail' ? review!.problems : review!.doubts;
  return `${path}: ${issues.join('; ')}`;
}

function judge(repository: RepositoryFacts): CheckOutcome {
  const paths = repository.paths.filter(isDockerfile).sort();
  if (paths.length === 0) {
    return {
      status: 'fail',
      message:
        'No Dockerfile was found in the repository; add one that builds the service on pinned base images and runs it as a non-root user.',
    };
  }
  // Every Dockerfile builds an image someone may ship, so the worst one
  // gives the verdict.
  const verdicts = paths.map(path => verdictOf(path, repository));
  const status = worstOf(verdicts);
  const evidence = { dockerfiles: verdicts.map(fileEvidence) };
  if (status === 'pass') {
    const users = distinct(verdicts.map(v => v.review!.user));
    return {
      status,
      message: `${paths.join(', ')} ${
        paths.length === 1 ? 'runs' : 'run'
      } as a non-root user (USER ${users.join(', ')}) on pinned base images.`,
      evidence,
    };
  }
  return {
    status,
    message: `${verdicts
      .filter(v => v.status === status)
      .map(describeFile)
      .join('; ')}.`,
    evidence,
  };
}

/** @public */
export const dockerfileCheck: CheckDefinition = {
  id: 'repository.dockerfile',
  title: 'Dockerfile: non-root user, pinned base images',
  description:
    "The service's Dockerfile pins every base image, so that a rebuild gives the image that was tested, and its final stage runs as a non-root user, so that a compromised process is not root in the container.",
  category: 'repository',
  severity: 'high',
  weight: 2,
  remediation: [
    'Pin every base image to a version (or a digest), and switch to a non-root user in the final stage; build stages may stay root:',
    '```dockerfile',
    'FROM node:22.11-slim AS build',
    'WORKDIR /app',
    'COPY . .',
    'RUN npm ci && npm run build',
    '',
    'FROM node:22.11-slim',
    'COPY --from=build /app/dist /app',
    'USER 10001',
    'CMD ["node", "/app/index.js"]',
    '```',
    'Say the user explicitly even on a "nonroot" base image, so that readers and this check can see it. A base image from a build argument (`FROM $BASE`) cannot be checked: give it a pinned default or pin it.',
  ].join('\n'),
  appliesTo: { kinds: ['Component'] },
  evaluate: facts => withRepository(facts, 'the Dockerfile', judge),
};
