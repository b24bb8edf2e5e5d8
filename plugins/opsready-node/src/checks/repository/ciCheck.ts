import { CheckDefinition } from '../types';
import { withRepository } from './withRepository';

/** Where CI systems look for their configuration, from the repository root. */
const CI_SYSTEMS: Array<{ name: string; matches: (path: string) => boolean }> =
  [
    {
      name: 'GitHub Actions',
      matches: path => /^\.github\/workflows\/[^/]+\.ya?ml$/.test(path),
    },
    { name: 'GitLab CI', matches: path => path === '.gitlab-ci.yml' },
    { name: 'Jenkins', matches: path => path === 'Jenkinsfile' },
    { name: 'CircleCI', matches: path => path === '.circleci/config.yml' },
    {
      name: 'Azure Pipelines',
      matches: path => /^azure-pipelines\.ya?ml$/.test(path),
    },
    { name: 'Buildkite', matches: path => path.startsWith('.buildkite/') },
  ];

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
  evaluate: facts =>
    withRepository(facts, 'its CI configuration', repository => {
      // By system in the order above, each system's files sorted.
      const found: Array<{ system: string; path: string }> = [];
      for (const system of CI_SYSTEMS) {
        const paths: string[] = [];
        for (const path of repository.paths) {
          if (system.matches(path)) {
            paths.push(path);
          }
        }
        for (const path of paths.sort()) {
          found.push({ system: system.name, path });
        }
      }
      if (found.length === 0) {
        return {
          status: 'fail',
          message:
            'No CI configuration was found; add a workflow such as .github/workflows/ci.yaml that tests every change.',
        };
      }
      const systems = [...new Set(found.map(f => f.system))];
      return {
        status: 'pass',
        message: `Changes are built in CI: ${systems.join(', ')} (${found
          .map(f => f.path)
          .join(', ')}).`,
        evidence: { files: found.map(f => f.path), systems },
      };
    }),
};
