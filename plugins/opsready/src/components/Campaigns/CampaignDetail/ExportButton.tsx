import { useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import GetAppIcon from '@material-ui/icons/GetApp';
import { useState } from 'react';
import { opsreadyApiRef } from '../../../api/OpsReadyApi';
import { errorTitle } from '../../errorTitle';
import { downloadText } from '../../shared';

/** Downloads the campaign's status as CSV, one row per entity. */
export function ExportButton({ campaignId }: { campaignId: string }) {
  const api = useApi(opsreadyApiRef);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();
  const download = async () => {
    setBusy(true);
    setFailure(undefined);
    try {
      const { filename, csv } = await api.exportCampaign(campaignId);
      downloadText(filename, csv, 'text/csv');
    } catch (e) {
      setFailure(errorTitle(e as Error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button
        startIcon={<GetAppIcon />}
        onClick={download}
        disabled={busy}
        variant="outlined"
        size="small"
      >
        Export CSV
      </Button>
      {failure && (
        <Typography color="error" role="alert" variant="body2">
          {failure}
        </Typography>
      )}
    </>
  );
}
