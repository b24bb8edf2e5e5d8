import { CheckDefinition } from '../types';
import { ecosystemOf, LOGGING_ECOSYSTEMS } from './loggingLibraries';

const KNOWN_MANIFESTS = LOGGING_ECOSYSTEMS.map(e => e.manifests).join(', ');

/** @public */
export const structuredLoggingCheck: CheckDefinition = {
  id: 'observability.structured-logging',
  title: 'Structured logging',
  description:
    'The service logs structured records (JSON) through a structured logging library, so that its logs can be searched and aggregated by field.',
  category: 'observability',
  severity: 'medium',
  weight: 1,
  remediation: [
    'Log JSON through a structured logging library and add it to the dependency manifest:',
    '- Node.js: `pino` (or `winston`, `bunyan`)',
    '- Python: `structlog` (or `python-json-logger`, `loguru`)',
    '- Go: `go.uber.org/zap` (or `github.com/rs/zerolog`, `github.com/sirupsen/logrus`)',
    '- JVM: `net.logstash.logback:logstash-logback-encoder`',
    '- .NET: `Serilog`',
    '```js',
    "const logger = require('pino')();",
    "logger.info({ orderId }, 'order placed');",
    '```',
  ].join('\n'),
  appliesTo: { kinds: ['Component'] },
  evaluate({ repository }) {
    if (!repository) {
      return {
        status: 'unknown',
        message:
          'The repository was not read (no source location, or it could not be fetched), so its dependency manifests could not be searched for a structured logging library.',
      };
    }
    const manifests = repository.paths.filter(path => ecosystemOf(path));
    if (manifests.length === 0) {
      return {
        status: 'warn',
        message: `No dependency manifest OpsReady knows (${KNOWN_MANIFESTS}) was found, so no structured logging library could be looked for.`,
      };
    }
    const read = manifests.filter(path => repository.files[path] !== undefined);
    const unread = manifests.filter(
      path => repository.files[path] === undefined,
    );
    for (const manifest of read) {
      const library = ecosystemOf(manifest)!.libraryIn(
        repository.files[manifest],
      );
      if (library) {
        return {
          status: 'pass',
          message: `Logs through ${library}, a structured logging library (${manifest}).`,
          evidence: { library, manifest },
        };
      }
    }
    if (read.length === 0) {
      return {
        status: 'unknown',
        message: `The dependency manifests (${unread.join(
          ', ',
        )}) were found but not read, so they could not be searched for a logging library.`,
        evidence: { unread },
      };
    }
    return {
      status: 'fail',
      message: `No structured logging library is a dependency in ${read.join(
        ', ',
      )}; log JSON through one such as pino, structlog, zap or Serilog.`,
      evidence: { manifests: read, unread },
    };
  },
};
