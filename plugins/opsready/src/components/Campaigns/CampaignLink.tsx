import { Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { campaignRouteRef } from '../../routes';

/**
 * The path of a campaign's page, or undefined where the app has not
 * mounted the OpsReady page (an app may mount only the entity views).
 */
function useCampaignPath(): ((id: string) => string) | undefined {
  try {
    // useRouteRef runs its hooks before it throws for an unmounted route,
    // so the hooks of this component stay the same from render to render.
    const link = useRouteRef(campaignRouteRef);
    return id => link({ id });
  } catch {
    return undefined;
  }
}

/** A campaign's name, linked to its page when the app has one. */
export function CampaignLink(props: { id: string; name: string }) {
  const path = useCampaignPath();
  return path ? (
    <Link to={path(props.id)}>{props.name}</Link>
  ) : (
    <>{props.name}</>
  );
}
