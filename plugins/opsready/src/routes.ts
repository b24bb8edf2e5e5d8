import {
  createExternalRouteRef,
  createRouteRef,
  createSubRouteRef,
} from '@backstage/core-plugin-api';

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

/**
 * The scaffolder's page of one template, where "Fix it" leads with the
 * form pre-filled. Optional: an app without the scaffolder bound here
 * still gets a link, to the scaffolder's usual `/create`. On the new
 * frontend system it binds itself to the scaffolder plugin's route.
 */
export const scaffolderTemplateRouteRef = createExternalRouteRef({
  id: 'opsready-scaffolder-template',
  params: ['namespace', 'templateName'],
  optional: true,
  defaultTarget: 'scaffolder.selectedTemplate',
});

/** The scaffolder's page of a running task, to follow a fix being made. */
export const scaffolderTaskRouteRef = createExternalRouteRef({
  id: 'opsready-scaffolder-task',
  params: ['taskId'],
  optional: true,
  defaultTarget: 'scaffolder.ongoingTask',
});
