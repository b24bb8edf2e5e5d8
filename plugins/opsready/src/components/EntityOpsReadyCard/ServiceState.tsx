import { CompoundEntityRef } from '@backstage/catalog-model';
import { Link } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import {
  ERROR_SEVERITIES,
  ErrorSeverity,
} from '@opsready/plugin-opsready-common';
import useAsync from 'react-use/esm/useAsync';
import {
  EntityHealth,
  HealthStatus,
  opsreadyApiRef,
} from '../../api/OpsReadyApi';
import { RelativeTime } from '../RelativeTime';
import { AsyncContent, useEntityTabLink } from '../shared';

const HEALTH_WORDS: Record<HealthStatus, string> = {
  up: 'Up',
  down: 'Down',
  unknown: 'Not probed yet',
};

/**
 * Health in words, per environment. An endpoint declared but not yet probed
 * (a service just created, say) is said to be so, not called undeclared.
 */
function healthSummary(
  probed: EntityHealth['endpoints'],
  declared: EntityHealth['declared'],
): string {
  if (probed.length > 0) {
    return probed
      .map(
        h =>
          `${h.environment} ${HEALTH_WORDS[h.status]}${
            h.flapping ? ' (flapping)' : ''
          }`,
      )
      .join(' · ');
  }
  if (declared.length > 0) {
    return `${declared
      .map(d => d.environment)
      .join(', ')} ${HEALTH_WORDS.unknown.toLocaleLowerCase('en-US')}`;
  }
  return 'no endpoint declared (annotation opsready.io/health-url)';
}

// Enough open groups to count by severity on a card; the errors tab pages.
const OPEN_ERRORS_COUNTED = 200;

/**
 * Health per environment, the last deployment per environment and open
 * errors by severity, each linking to the tab with the details.
 */
export function ServiceState({ entity }: { entity: CompoundEntityRef }) {
  const api = useApi(opsreadyApiRef);
  const tabLink = useEntityTabLink();
  const state = useAsync(async () => {
    const [health, environments, errors] = await Promise.all([
      api.getHealth(entity),
      api.getEnvironments(entity),
      api.getErrors(entity, { status: 'open' }, { limit: OPEN_ERRORS_COUNTED }),
    ]);
    const bySeverity = new Map<ErrorSeverity, number>();
    for (const e of errors.items) {
      bySeverity.set(e.severity, (bySeverity.get(e.severity) ?? 0) + 1);
    }
    return {
      health: health.endpoints,
      declared: health.declared,
      environments: environments.items,
      bySeverity,
      more: Boolean(errors.nextCursor),
    };
  }, [api, entity.kind, entity.namespace, entity.name]);

  return (
    <AsyncContent {...state}>
      {({ health, declared, environments, bySeverity, more }) => (
        <Box mt={2} display="grid" style={{ gap: 8 }}>
          <Typography variant="body2" component="div" aria-label="Health">
            <strong>Health: </strong>
            {healthSummary(health, declared)}
          </Typography>
          <Typography variant="body2" component="div" aria-label="Deployed">
            <strong>Deployed: </strong>
            {environments.length === 0
              ? 'nothing recorded yet '
              : environments.map((e, i) => (
                  <span key={e.environment}>
                    {i > 0 && ' · '}
                    {e.environment} {e.version} (
                    <RelativeTime iso={e.deployedAt} />)
                  </span>
                ))}{' '}
            <Link to={tabLink(entity, 'deployments')}>Deployments</Link>
          </Typography>
          <Typography variant="body2" component="div" aria-label="Open errors">
            <strong>Open errors: </strong>
            {bySeverity.size === 0
              ? 'none '
              : `${ERROR_SEVERITIES.filter(s => bySeverity.has(s))
                  .map(s => `${bySeverity.get(s)}${more ? '+' : ''} ${s}`)
                  .join(' · ')} `}
            <Link to={tabLink(entity, 'errors')}>Errors</Link>
          </Typography>
          <Typography variant="body2">
            <Link to={tabLink(entity, 'compliance')}>
              All checks and how to fix them
            </Link>
          </Typography>
        </Box>
      )}
    </AsyncContent>
  );
}
