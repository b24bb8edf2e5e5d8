import { structuredLoggingCheck } from './structuredLoggingCheck';
import { evaluate, repository } from './testFacts';

const withFiles = (files: Record<string, string>, unread: string[] = []) =>
  evaluate(structuredLoggingCheck, { repository: repository(files, unread) });

const packageJson = (fields: object) => JSON.stringify(fields, null, 2);

describe('observability.structured-logging', () => {
  it('passes a Node.js service depending on pino, and names the manifest', () => {
    expect(
      withFiles({
        'package.json': packageJson({
          dependencies: { express: '^4.19.0', pino: '^9.0.0' },
        }),
      }),
    ).toEqual({
      status: 'pass',
      message:
        'Logs through pino, a structured logging library (package.json).',
      evidence: { library: 'pino', manifest: 'package.json' },
    });
  });

  it.each(['winston', 'bunyan', 'pino-http'])('knows %s', name => {
    expect(
      withFiles({
        'package.json': packageJson({ dependencies: { [name]: '1' } }),
      }).status,
    ).toBe('pass');
  });

  it('does not count a logger that is only a devDependency', () => {
    expect(
      withFiles({
        'package.json': packageJson({
          dependencies: { express: '^4' },
          devDependencies: { pino: '^9' },
        }),
      }),
    ).toEqual({
      status: 'fail',
      message:
        'No structured logging library is a dependency in package.json; log JSON through one such as pino, structlog, zap or Serilog.',
      evidence: { manifests: ['package.json'], unread: [] },
    });
  });

  it('does not take a package whose name merely contains a logger for it', () => {
    expect(
      withFiles({
        'package.json': packageJson({ dependencies: { 'pino-pretty': '1' } }),
      }).status,
    ).toBe('fail');
  });

  it('still finds the library in a package.json that does not parse', () => {
    expect(
      withFiles({ 'package.json': '{ "dependencies": { "winston": "3", } }' })
        .status,
    ).toBe('pass');
  });

  it.each([
    ['requirements.txt', 'flask==3.0\nstructlog>=24.1\n', 'structlog'],
    [
      'requirements-prod.txt',
      'python_json_logger==2.0.7\n',
      'python-json-logger',
    ],
    ['pyproject.toml', '[project]\ndependencies = ["loguru>=0.7"]\n', 'loguru'],
    [
      'pyproject.toml',
      '[tool.poetry.dependencies]\npython = "^3.12"\nstructlog = "^24"\n',
      'structlog',
    ],
  ])('finds in %s the library %s', (path, text, library) => {
    expect(withFiles({ [path]: text })).toMatchObject({
      status: 'pass',
      evidence: { library, manifest: path },
    });
  });

  it('does not take a Python package whose name merely starts with a logger for it', () => {
    expect(
      withFiles({ 'requirements.txt': 'structlog-sentry==2.0\n' }).status,
    ).toBe('fail');
  });

  it('does not count a commented-out Python requirement', () => {
    expect(
      withFiles({ 'requirements.txt': 'flask==3.0\n# structlog>=24\n' }).status,
    ).toBe('fail');
  });

  it.each([
    ['go.uber.org/zap', 'zap'],
    ['github.com/rs/zerolog', 'zerolog'],
    ['github.com/Sirupsen/logrus', 'logrus'],
  ])('finds %s in go.mod', (module, library) => {
    const goMod = `module example.com/cart\n\ngo 1.22\n\nrequire (\n\tgithub.com/gorilla/mux v1.8.1\n\t${module} v1.0.0\n)\n`;
    expect(withFiles({ 'go.mod': goMod })).toMatchObject({
      status: 'pass',
      evidence: { library },
    });
  });

  it('finds a single-line go.mod require, but not an indirect one', () => {
    expect(
      withFiles({ 'go.mod': 'module x\n\nrequire go.uber.org/zap v1.27.0\n' })
        .status,
    ).toBe('pass');
    expect(
      withFiles({
        'go.mod':
          'module x\n\nrequire (\n\tgithub.com/sirupsen/logrus v1.9.3 // indirect\n)\n',
      }).status,
    ).toBe('fail');
  });

  it.each(['pom.xml', 'build.gradle', 'build.gradle.kts'])(
    'finds logstash-logback-encoder in %s',
    path => {
      expect(
        withFiles({
          [path]: 'net.logstash.logback:logstash-logback-encoder:7.4',
        }),
      ).toMatchObject({
        status: 'pass',
        evidence: { library: 'logstash-logback-encoder' },
      });
    },
  );

  it('finds Serilog in a .csproj', () => {
    expect(
      withFiles({
        'Cart.csproj':
          '<Project><ItemGroup><PackageReference Include="Serilog.AspNetCore" Version="8.0.0" /></ItemGroup></Project>',
      }),
    ).toMatchObject({
      status: 'pass',
      message:
        'Logs through Serilog.AspNetCore, a structured logging library (Cart.csproj).',
    });
  });

  it('fails when the manifests name no structured logging library', () => {
    expect(
      withFiles({
        'go.mod': 'module x\n\nrequire github.com/gorilla/mux v1.8.1\n',
        'requirements.txt': 'requests\n',
      }),
    ).toMatchObject({
      status: 'fail',
      message:
        'No structured logging library is a dependency in go.mod, requirements.txt; log JSON through one such as pino, structlog, zap or Serilog.',
    });
  });

  it('warns when the repository has no dependency manifest it knows', () => {
    expect(
      withFiles({ 'Cargo.toml': '[dependencies]\nserde = "1"\n' }),
    ).toEqual({
      status: 'warn',
      message:
        'No dependency manifest OpsReady knows (package.json, requirements.txt, pyproject.toml, Pipfile, go.mod, pom.xml, build.gradle, *.csproj) was found, so no structured logging library could be looked for.',
    });
  });

  it('is unknown when the manifests were listed but not read', () => {
    expect(withFiles({}, ['package.json'])).toEqual({
      status: 'unknown',
      message:
        'The dependency manifests (package.json) were found but not read, so they could not be searched for a logging library.',
      evidence: { unread: ['package.json'] },
    });
  });

  it('is unknown without the repository, and says so', () => {
    expect(evaluate(structuredLoggingCheck)).toEqual({
      status: 'unknown',
      message:
        'The repository was not read (no source location, or it could not be fetched), so its dependency manifests could not be searched for a structured logging library.',
    });
  });
});
