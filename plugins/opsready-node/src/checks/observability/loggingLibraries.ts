/**
 * Structured logging libraries, by the kind of dependency manifest that
 * would name them. Each ecosystem knows its manifests and how to find a
 * library in one; only libraries that log structured records (JSON) by
 * design are listed, not every logger.
 */
export interface LoggingEcosystem {
  /** The manifest names, for messages. */
  manifests: string;
  /** The file names of its manifests. */
  names?: string[];
  /**
   * Whether a file is a manifest by some other mark than its whole name;
   * `name` is the last segment of `path`, worked out once for all.
   */
  matches?(path: string, name: string): boolean;
  /** The structured logging library the manifest depends on, if any. */
  libraryIn(text: string): string | undefined;
}

const basename = (path: string) => path.slice(path.lastIndexOf('/') + 1);

// The patterns are made once: manifests are read for every service.
const LINE_BREAK = /\r?\n/;
const WHITESPACE = /\s+/;
const COMMENT = /#.*$/;
const UNDERSCORES_AND_DOTS = /[_.]/g;
const INDIRECT = /\/\/\s*indirect\s*$/;
const REQUIRE = /^require\s+/;
const SERILOG_REFERENCE =
  /<PackageReference\s+Include\s*=\s*"(Serilog(\.[\w.]+)?)"/i;

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

/**
 * Whether a package.json may name one of the libraries. A name can only be
 * a key (parsed, or spotted by the fallback) if it is in the text as it is,
 * unless an escape (`"pin\u006f"`) spells it: without either, neither way
 * below could find one, and the text need not be parsed at all.
 */
function mayNameALibrary(text: string): boolean {
  return (
    text.includes('\\') || NODE_LIBRARIES.some(name => text.includes(name))
  );
}

const node: LoggingEcosystem = {
  manifests: 'package.json',
  names: ['package.json'],
  libraryIn(text) {
    if (typeof text === 'string' && !mayNameALibrary(text)) {
      return undefined;
    }
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
    for (const name of NODE_LIBRARIES) {
      for (const value of fields) {
        if (Object.prototype.propertyIsEnumerable.call(value, name)) {
          return name;
        }
      }
    }
    return undefined;
  },
};

// A whole requirement name: not part of a longer one (`structlog-sentry`).
const PYTHON_LIBRARIES = ['structlog', 'python-json-logger', 'loguru'].map(
  name => ({
    name,
    pattern: new RegExp(`(^|[^a-z0-9-])${name}(?![a-z0-9-])`, 'm'),
  }),
);

const PYTHON_REQUIREMENTS = /^requirements[^/]*\.txt$/;

const python: LoggingEcosystem = {
  manifests: 'requirements.txt, pyproject.toml, Pipfile',
  names: ['pyproject.toml', 'Pipfile'],
  // The prefix asked first, since the pattern is run for nearly every file
  // (anything but a string is left to the pattern, as it always was).
  matches: (_, name) =>
    (typeof name !== 'string' || name.startsWith('requirements')) &&
    PYTHON_REQUIREMENTS.test(name),
  libraryIn(text) {
    // Package names compare case-insensitively with `_` and `.` as `-`
    // (PEP 503), and a commented-out requirement does not count.
    const normalised = text
      .split(LINE_BREAK)
      .map(line => line.replace(COMMENT, ''))
      .join('\n')
      .toLowerCase()
      .replace(UNDERSCORES_AND_DOTS, '-');
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
  names: ['go.mod'],
  libraryIn(text) {
    // An indirect requirement is a dependency's logger, not the service's.
    const direct = text
      .split(LINE_BREAK)
      .filter(line => !INDIRECT.test(line))
      .map(line => line.trim().replace(REQUIRE, ''));
    // Module paths are case-insensitive here: logrus was once Sirupsen/logrus.
    return GO_MODULES.find(([module]) =>
      direct.some(line => line.toLowerCase().split(WHITESPACE)[0] === module),
    )?.[1];
  },
};

const jvm: LoggingEcosystem = {
  manifests: 'pom.xml, build.gradle',
  names: ['pom.xml', 'build.gradle', 'build.gradle.kts'],
  libraryIn: text =>
    text.includes('logstash-logback-encoder')
      ? 'logstash-logback-encoder'
      : undefined,
};

const dotnet: LoggingEcosystem = {
  manifests: '*.csproj',
  matches: path => path.endsWith('.csproj'),
  libraryIn: text => SERILOG_REFERENCE.exec(text)?.[1],
};

/** The ecosystems the structured logging check knows. */
export const LOGGING_ECOSYSTEMS: LoggingEcosystem[] = [
  node,
  python,
  go,
  jvm,
  dotnet,
];

/*
 * A file is the manifest of one ecosystem at most (no name or pattern is
 * shared), so looking its name up first, then trying the patterns, finds
 * what trying each ecosystem in turn would, without a call per ecosystem
 * for each of the many files that are no manifest at all.
 */
const ECOSYSTEM_BY_NAME = new Map(
  LOGGING_ECOSYSTEMS.flatMap(ecosystem =>
    (ecosystem.names ?? []).map(name => [name, ecosystem] as const),
  ),
);
const ECOSYSTEMS_BY_PATTERN = LOGGING_ECOSYSTEMS.filter(e => e.matches);

/** The ecosystem whose manifest a path is, if any. */
export function ecosystemOf(path: string): LoggingEcosystem | undefined {
  const name = basename(path);
  const named = ECOSYSTEM_BY_NAME.get(name);
  if (named) {
    return named;
  }
  for (const ecosystem of ECOSYSTEMS_BY_PATTERN) {
    if (ecosystem.matches!(path, name)) {
      return ecosystem;
    }
  }
  return undefined;
}
