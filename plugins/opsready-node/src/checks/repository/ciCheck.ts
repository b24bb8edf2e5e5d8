import { CheckDefinition, CheckOutcome, RepositoryFacts } from '../types';
import { withRepository } from './withRepository';

const GITHUB_WORKFLOW = /^\.github\/workflows\/[^/]+\.ya?ml$/;
const AZURE_PIPELINE = /^azure-pipelines\.ya?ml$/;

interface CiSystem {
  name: string;
  /** What every path it reads starts with. */
  prefix: string;
  matches: (path: string) => boolean;
}

/** Where CI systems look for their configuration, from the repository root. */
const CI_SYSTEMS: CiSystem[] = [
  {
    name: 'GitHub Actions',
    prefix: '.github/workflows/',
    matches: path => GITHUB_WORKFLOW.test(path),
  },
  {
    name: 'GitLab CI',
    prefix: '.gitlab-ci.yml',
    matches: path => path === '.gitlab-ci.yml',
  },
  {
    name: 'Jenkins',
    prefix: 'Jenkinsfile',
    matches: path => path === 'Jenkinsfile',
  },
  {
    name: 'CircleCI',
    prefix: '.circleci/config.yml',
    matches: path => path === '.circleci/config.yml',
  },
  {
    name: 'Azure Pipelines',
    prefix: 'azure-pipelines.',
    matches: path => AZURE_PIPELINE.test(path),
  },
  {
    name: 'Buildkite',
    prefix: '.buildkite/',
    matches: path => path.startsWith('.buildkite/'),
  },
];

// The first characters of the prefixes: most paths are source files, which
// this turns away before any system is asked.
const FIRST_CHARACTERS = new Set(CI_SYSTEMS.map(system => system.prefix[0]));

/**
 * Whether a path may be where a CI system looks. Anything but a string is
 * left to the systems, which fail on it as they always have.
 */
function mayBeCiConfiguration(path: string): boolean {
  return typeof path !== 'string' || FIRST_CHARACTERS.has(path[0]);
}

interface CiFile {
  system: CiSystem;
  /** Where the system is in `CI_SYSTEMS`. */
  order: number;
  path: string;
}

/**
 * The CI configuration files among the paths: by system in the order above,
 * each system's files sorted. The paths are gone through once, and only
 * those that could be CI configuration are held to each system.
 */
function ciFiles(repository: RepositoryFacts): CiFile[] {
  const found: CiFile[] = [];
  for (const path of repository.paths) {
    if (!mayBeCiConfiguration(path)) {
      continue;
    }
    for (let order = 0; order < CI_SYSTEMS.length; order++) {
      const system = CI_SYSTEMS[order];
      if (path.startsWith(system.prefix) && system.matches(path)) {
        found.push({ system, order, path });
      }
    }
  }
  return found.sort(bySystemThenPath);
}

/** By system, then by path as `Array.prototype.sort` orders strings. */
function bySystemThenPath(a: CiFile, b: CiFile): number {
  if (a.order !== b.order) {
    return a.order - b.order;
  }
  if (a.path === b.path) {
    return 0;
  }
  return a.path < b.path ? -1 : 1;
}

/** The verdict on the repository's CI configuration. */
function judgeCi(repository: RepositoryFacts): CheckOutcome {
  const found = ciFiles(repository);
  if (found.length === 0) {
    return {
      status: 'fail',
      message:
        'No CI configuration was found; add a workflow such as .github/workflows/ci.yaml that tests every change.',
    };
  }
  // The files are grouped by system, so each system's name is said
  // once, in that order.
  const systems: string[] = [];
  for (const { system } of found) {
    if (systems[systems.length - 1] !== system.name) {
      systems.push(system.name);
    }
  }
  const files = found.map(f => f.path);
  return {
    status: 'pass',
    message: `Changes are built in CI: ${systems.join(', ')} (${files.join(
      ', ',
    )}).`,
    evidence: { files, systems },
  };
}

/** @public */
export const ciCheck: CheckDefinition = {
  id: 'repository.ci',
  title: 'CI workflow',
  description:
    'The repository builds and tests every change in CI, so that a broken change is caught before it ships.',
  category: 'repository',
  severity: 'high',
  weight: 2,
  remediation: [
    'Add a CI workflow that installs, tests and builds on every push and pull request, e.g. `.github/workflows/ci.yaml`:',
    '```yaml',
    'name: CI',
    'on: [push, pull_request]',
    'jobs:',
    '  test:',
    '    runs-on: ubuntu-latest',
    '    steps:',
    '      - uses: actions/checkout@v4',
    '      - run: make test',
    '```',
    'GitLab CI (`.gitlab-ci.yml`), Jenkins (`Jenkinsfile`), CircleCI, Azure Pipelines and Buildkite are recognised too.',
  ].join('\n'),
  appliesTo: { kinds: ['Component'] },
  evaluate: facts => withRepository(facts, 'its CI configuration', judgeCi),
};
