import { Route, Routes, useParams } from 'react-router-dom';
import { CampaignDetail } from './CampaignDetail/CampaignDetail';
import { CampaignsList } from './CampaignsList';

function CampaignDetailRoute() {
  const { id } = useParams();
  return id ? <CampaignDetail id={id} /> : null;
}

/** The campaigns tab of the OpsReady page: the list, and each campaign. */
export function CampaignsTab() {
  return (
    <Routes>
      <Route path="/" element={<CampaignsList />} />
      <Route path="/:id" element={<CampaignDetailRoute />} />
    </Routes>
  );
}
