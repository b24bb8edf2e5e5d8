import { createRouteRef, createSubRouteRef } from '@backstage/core-plugin-api';

/**
 * The OpsReady page. Both app systems mount it with this ref (the new
 * frontend system takes the legacy refs as they are), so the links to a
 * campaign resolve the same way from an entity page, a group page or the
 * page itself.
 */
export const rootRouteRef = createRouteRef({ id: 'opsready' });

/** The campaigns tab of the OpsReady page. */
export const campaignsRouteRef = createSubRouteRef({
  id: 'opsready-campaigns',
  parent: rootRouteRef,
  path: '/campaigns',
});

/** One campaign, its progress and its entities. */
export const campaignRouteRef = createSubRouteRef({
  id: 'opsready-campaign',
  parent: rootRouteRef,
  path: '/campaigns/:id',
});
