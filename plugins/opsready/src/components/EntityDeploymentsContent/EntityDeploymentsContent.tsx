import {
  getCompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CodeSnippet, EmptyState, InfoCard } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { opsreadyApiRef } from '../../api/OpsReadyApi';
import { EntitySloCard } from '../EntitySloCard';
import { AsyncContent, LoadsHidden, environmentNames } from '../shared';
import { DeploymentsTable } from './DeploymentsTable';
import { DoraTiles } from './DoraTiles';
import { VersionMatrix } from './VersionMatrix';

/**
 * The deployments tab: the service level (when the entity has objectives)
 * with the burn rate beside the releases, which version runs where, the
 * DORA keys, and the history.
 *
 * @public
 */
export function EntityDeploymentsContent() {
  const { entity } = useEntity();
  const ref = getCompoundEntityRef(entity);
  const entityRef = stringifyEntityRef(entity);
  const api = useApi(opsreadyApiRef);
  const overview = useAsync(async () => {
    const [environments, recent, dora] = await Promise.all([
      api.getEnvironments(ref),
      api.getDeployments(ref, {}, { limit: 200 }),
      api.getDora(ref),
    ]);
    return { environments: environments.items, recent: recent.items, dora };
  }, [api, entityRef]);

  const empty = overview.value?.recent.length === 0;
  const environments = useMemo(
    () => environmentNames(overview.value?.recent ?? []),
    [overview.value],
  );
  if (empty) {
    return <NoDeploymentsYet entityRef={entityRef} />;
  }
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <EntitySloCard hideWhenUndeclared />
      </Grid>
      <AsyncContent {...overview}>
        {({ environments: versions, recent, dora }) => (
          <>
            <Grid item xs={12}>
              <InfoCard
                title="DORA"
                subheader={`${dora.environment}, last 30 days: ${dora.deployments} deployments`}
              >
                <DoraTiles dora={dora} />
              </InfoCard>
            </Grid>
            <Grid item xs={12}>
              <InfoCard title="Versions by environment">
                <VersionMatrix environments={versions} recent={recent} />
              </InfoCard>
            </Grid>
          </>
        )}
      </AsyncContent>
      <LoadsHidden shown={Boolean(overview.value)}>
        <DeploymentsTable entity={ref} environments={environments} />
      </LoadsHidden>
    </Grid>
  );
}

function NoDeploymentsYet({ entityRef }: { entityRef: string }) {
  return (
    <EmptyState
      missing="data"
      title="No deployments recorded yet"
      description="OpsReady learns about deployments from your CI/CD (a POST per deployment, or the GitHub and Argo CD webhooks) and from Kubernetes rollouts. From a pipeline, with a static token configured under backend.auth.externalAccess:"
      action={
        <CodeSnippet
          language="bash"
          text={`curl -X POST "$BACKSTAGE_URL/api/opsready/deployments" \\
  -H "Authorization: Bearer $OPSREADY_TOKEN" -H "Content-Type: application/json" \\
  -d '{"entityRef":"${entityRef}","environment":"production","version":"'$VERSION'",
       "status":"succeeded","startedAt":"'$(date -u +%FT%TZ)'","source":"ci","externalId":"'$RUN_ID'"}'`}
        />
      }
    />
  );
}
