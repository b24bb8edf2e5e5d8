import { CheckDefinition, CheckOutcome, RepositoryFacts } from '../types';
import { DockerfileReview, reviewDockerfile } from './dockerfileReview';
import { basename, withRepository } from './withRepository';

/**
 * Whether a path is a Dockerfile: `Dockerfile`, `Containerfile` or a variant
 * such as `Dockerfile.prod`, at any depth. `Dockerfile.dockerignore` is an
 * ignore file, not a Dockerfile.
 */
export function isDockerfile(path: string): boolean {
  const name = basename(path);
  return (
    /^(Dockerfile|Containerfile)(\.[^/]+)?$/.test(name) &&
    !name.endsWith('.dockerignore')
  );
}

type Verdict = 'fail' | 'unknown' | 'warn' | 'pass';
const WORST_FIRST: Verdict[] = ['fail', 'unknown', 'warn', 'pass'];

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
  const status = WORST_FIRST.find(s => verdicts.some(v => v.status === s))!;
  const evidence = {
    dockerfiles: verdicts.map(({ path, status: fileStatus, review }) => ({
      path,
      status: fileStatus,
      ...review,
    })),
  };
  if (status === 'pass') {
    const users = [...new Set(verdicts.map(v => v.review!.user))];
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
