import { Header, Page, TabbedLayout } from '@backstage/core-components';
import { CampaignsTab } from '../Campaigns';
import { FleetTab } from './FleetTab';

/**
 * The OpsReady page: the fleet, and the campaigns under `campaigns`.
 *
 * @public
 */
export function OpsReadyPage() {
  return (
    <Page themeId="tool">
      <Header
        title="OpsReady"
        subtitle="Compliance, delivery and reliability across the fleet"
      />
      <TabbedLayout>
        <TabbedLayout.Route path="/" title="Fleet">
          <FleetTab />
        </TabbedLayout.Route>
        <TabbedLayout.Route path="/campaigns" title="Campaigns">
          <CampaignsTab />
        </TabbedLayout.Route>
      </TabbedLayout>
    </Page>
  );
}
