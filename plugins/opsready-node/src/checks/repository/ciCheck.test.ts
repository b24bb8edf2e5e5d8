import { ciCheck } from './ciCheck';
import { evaluate } from './testFacts';

const listing = (...paths: string[]) => ({ paths, files: {} });

describe('repository.ci', () => {
  it('passes a GitHub Actions workflow, naming it', () => {
    expect(
      evaluate(ciCheck, listing('src/index.ts', '.github/workflows/ci.yaml')),
    ).toEqual({
      status: 'pass',
      message:
        'Changes are built in CI: GitHub Actions (.github/workflows/ci.yaml).',
      evidence: {
        files: ['.github/workflows/ci.yaml'],
        systems: ['GitHub Actions'],
      },
    });
  });

  it.each([
    ['.github/workflows/build.yml', 'GitHub Actions'],
    ['.gitlab-ci.yml', 'GitLab CI'],
    ['Jenkinsfile', 'Jenkins'],
    ['.circleci/config.yml', 'CircleCI'],
    ['azure-pipelines.yml', 'Azure Pipelines'],
    ['.buildkite/pipeline.yml', 'Buildkite'],
  ])('recognises %s as %s', (path, system) => {
    expect(evaluate(ciCheck, listing(path))).toMatchObject({
      status: 'pass',
      evidence: { systems: [system] },
    });
  });

  it.each([
    '.github/workflows/README.md',
    '.github/workflows/old/ci.yaml',
    'ci/.gitlab-ci.yml',
    '.github/dependabot.yml',
  ])('does not take %s for CI', path => {
    expect(evaluate(ciCheck, listing(path)).status).toBe('fail');
  });

  it('fails without any CI configuration, and says what to add', () => {
    expect(evaluate(ciCheck, listing('README.md'))).toEqual({
      status: 'fail',
      message:
        'No CI configuration was found; add a workflow such as .github/workflows/ci.yaml that tests every change.',
    });
  });

  it('is unknown without the repository', () => {
    expect(evaluate(ciCheck)).toMatchObject({
      status: 'unknown',
      message:
        'The repository was not read (no source location, or it could not be fetched), so its CI configuration could not be checked.',
    });
  });
});
