/**
 * Structured logging libraries, by the kind of dependency manifest that
 * would name them. Each ecosystem knows its manifests and how to find a
 * library in one; only libraries that log structured records (JSON) by
 * design are listed, not every logger.
 */
export interface LoggingEcosystem {
  /** The manifest names, for messages. */
  manifests: string;
  /** `name` is the last segment of `path`, worked out once for all ecosystems. */
  isManifest(path: string, name: string): boolean;
  /** The structured logging library the manifest depends on, if any. */
  libraryIn(text: string): string | undefined;
}

const basename = (path: string) => path.slice(path.lastIndexOf('/') + 1);

const NODE_LIBRARIES = ['pino', 'pino-http', 'winston', 'bunyan'];
const NODE_LIBRARY_KEYS = NODE_LIBRARIES.map(name => ({
  name,
  key: new RegExp(`"${name}"\\s*:`),
}));

// Runtime dependencies only: a logger among the devDependencies does not
// log in production.
const NODE_RUNTIME_FIELDS = [
  'dependencies',
  'optionalDependencies',
  'peerDependencies',
];

const node: LoggingEcosystem = {
  manifests: 'package.json',
  isManifest: (_, name) => name === 'package.json',
  libraryIn(text) {
    let manifest: Record<string, unknown>;
    try {
      manifest = JSON.parse(text);
    } catch {
      // Unparseable JSON: fall back to spotting the library as a key.
      return NODE_LIBRARY_KEYS.find(({ key }) => key.test(text))?.name;
    }
    // The first library (in the order above) that is a key of any runtime
    // field: what collecting every field's keys and searching them finds,
    // without collecting them.
    const fields: object[] = [];
    for (const field of NODE_RUNTIME_FIELDS) {
      const value = manifest?.[field];
      if (value && typeof value === 'object') {
        fields.push(value);
      }
    }
    return NODE_LIBRARIES.find(name =>
      fields.some(value =>
        Object.prototype.propertyIsEnumerable.call(value, name),
      ),
    );
  },
};

// A whole requirement name: not part of a longer one (`structlog-sentry`).
const PYTHON_LIBRARIES = ['structlog', 'python-json-logger', 'loguru'].map(
  name => ({
    name,
    pattern: new RegExp(`(^|[^a-z0-9-])${name}(?![a-z0-9-])`, 'm'),
  }),
);

const python: LoggingEcosystem = {
  manifests: 'requirements.txt, pyproject.toml, Pipfile',
  isManifest: (_, name) =>
    /^requirements[^/]*\.txt$/.test(name) ||
    ['pyproject.toml', 'Pipfile'].includes(name),
  libraryIn(text) {
    // Package names compare case-insensitively with `_` and `.` as `-`
    // (PEP 503), and a commented-out requirement does not count.
    const normalised = text
      .split(/\r?\n/)
      .map(line => line.replace(/#.*$/, ''))
      .join('\n')
      .toLowerCase()
      .replace(/[_.]/g, '-');
    return PYTHON_LIBRARIES.find(({ pattern }) => pattern.test(normalised))
      ?.name;
  },
};

const GO_MODULES: Array<[string, string]> = [
  ['go.uber.org/zap', 'zap'],
  ['github.com/rs/zerolog', 'zerolog'],
  ['github.com/sirupsen/logrus', 'logrus'],
];

const go: LoggingEcosystem = {
  manifests: 'go.mod',
  isManifest: (_, name) => name === 'go.mod',
  libraryIn(text) {
    // An indirect requirement is a dependency's logger, not the service's.
    const direct = text
      .split(/\r?\n/)
      .filter(line => !/\/\/\s*indirect\s*$/.test(line))
      .map(line => line.trim().replace(/^require\s+/, ''));
    // Module paths are case-insensitive here: logrus was once Sirupsen/logrus.
    return GO_MODULES.find(([module]) =>
      direct.some(line => line.toLowerCase().split(/\s+/)[0] === module),
    )?.[1];
  },
};

const jvm: LoggingEcosystem = {
  manifests: 'pom.xml, build.gradle',
  isManifest: (_, name) =>
    ['pom.xml', 'build.gradle', 'build.gradle.kts'].includes(name),
  libraryIn: text =>
    text.includes('logstash-logback-encoder')
      ? 'logstash-logback-encoder'
      : undefined,
};

const dotnet: LoggingEcosystem = {
  manifests: '*.csproj',
  isManifest: path => path.endsWith('.csproj'),
  libraryIn: text =>
    /<PackageReference\s+Include\s*=\s*"(Serilog(\.[\w.]+)?)"/i.exec(text)?.[1],
};

/** The ecosystems the structured logging check knows. */
export const LOGGING_ECOSYSTEMS: LoggingEcosystem[] = [
  node,
  python,
  go,
  jvm,
  dotnet,
];

/** The ecosystem whose manifest a path is, if any. */
export function ecosystemOf(path: string): LoggingEcosystem | undefined {
  const name = basename(path);
  return LOGGING_ECOSYSTEMS.find(ecosystem => ecosystem.isManifest(path, name));
}
