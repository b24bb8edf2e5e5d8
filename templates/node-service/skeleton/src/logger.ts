import pino from 'pino';

/**
 * JSON logs on stdout, one record per line, so that the platform's log
 * pipeline can search them by field.
 */
export function createLogger(service: string) {
  return pino({
    level: process.env.LOG_LEVEL ?? 'info',
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}

export type Logger = ReturnType<typeof createLogger>;
