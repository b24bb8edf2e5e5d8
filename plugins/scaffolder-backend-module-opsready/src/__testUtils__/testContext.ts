import {
  RootConfigService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfiguredDeclarativeChecks } from '../compliance/configuredDeclarativeChecks';

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

/** The team that owns the services the tests scaffold. */
export const paymentsTeam: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'payments', namespace: 'default' },
  spec: { type: 'team', children: [] },
};

/** The declarative checks an action verifies with, from its config. */
export function declarativeChecksOf(
  config: RootConfigService,
  urlReader: UrlReaderService = mockServices.urlReader.mock(),
) {
  return ConfiguredDeclarativeChecks.create({ config, urlReader });
}
