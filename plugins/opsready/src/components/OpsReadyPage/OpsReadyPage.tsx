import { Header, Page, TabbedLayout } from '@backstage/core-components';
import { CampaignsTab } from '../Campaigns';
import { PolicyWhatIfTab } from '../PolicyWhatIf';
import { FleetTab } from './FleetTab';

/**
 * The OpsReady page: the fleet, the campaigns under `campaigns`, and the
 * preview of a scoring change under `policy-what-if`.
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
        <TabbedLayout.Route path="/policy-what-if" title="Policy what-if">
          <PolicyWhatIfTab />
        </TabbedLayout.Route>
      </TabbedLayout>
    </Page>
  );
}
