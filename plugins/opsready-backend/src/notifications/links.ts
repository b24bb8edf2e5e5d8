import { parseEntityRef } from '@backstage/catalog-model';

/**
 * The entity tabs OpsReady adds, by the path the app mounts them on (the
 * frontend's ENTITY_TAB_PATHS). Health lives on the errors tab, beside the
 * error timeline its outages open.
 */
const TAB_PATHS = {
  overview: '',
  compliance: 'opsready-compliance',
  deployments: 'opsready-deployments',
  errors: 'opsready-errors',
  health: 'opsready-errors',
} as const;

export type EntityTab = keyof typeof TAB_PATHS;

/**
 * The portal path of an entity's tab, as a notification links to it: the
 * catalog's default entity route, which the notifications UI opens inside
 * the app.
 */
export function entityTabPath(entityRef: string, tab: EntityTab): string {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  const base = `/catalog/${encodeURIComponent(namespace)}/${encodeURIComponent(
    kind.toLocaleLowerCase('en-US'),
  )}/${encodeURIComponent(name)}`;
  const tabPath = TAB_PATHS[tab];
  return tabPath ? `${base}/${tabPath}` : base;
}

/** The portal path of a campaign's page, under the OpsReady page. */
export function campaignPath(campaignId: string): string {
  return `/opsready/campaigns/${encodeURIComponent(campaignId)}`;
}
