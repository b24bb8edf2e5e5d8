import { mockServices } from '@backstage/backend-test-utils';

/**
 * A logger whose every call is kept, to prove what was (and was not)
 * written to a task's log.
 */
export function capturingLogger() {
  const logger = mockServices.logger.mock();
  const text = () =>
    JSON.stringify(
      (['debug', 'info', 'warn', 'error'] as const).flatMap(
        level => (logger[level] as jest.Mock).mock.calls,
      ),
    );
  return { logger, text };
}

export const SECRET = 'hunter2-do-not-log-7f3a9c';
