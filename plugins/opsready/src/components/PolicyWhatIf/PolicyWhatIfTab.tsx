import {
  ContentHeader,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { useEffect, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { opsreadyApiRef, ScorecardCandidate } from '../../api/OpsReadyApi';
import { errorTitle } from '../errorTitle';
import { PreviewResult } from './PreviewResult';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';

/**
 * The candidate as typed: YAML as in app-config (JSON is YAML too). The
 * configuration in force is shown as YAML, the way it is written there.
 */
function parseCandidate(text: string): ScorecardCandidate {
  let candidate: unknown;
  try {
    candidate = parseYaml(text);
  } catch (error) {
    throw new Error(
      `The candidate is not valid YAML: ${(error as Error).message}`,
    );
  }
  if (!candidate || typeof candidate !== 'object' || Array.isArray(candidate)) {
    throw new Error(
      'The candidate must be a mapping with `checks`, `scoring` and/or `scorecards`, as in app-config',
    );
  }
  return candidate as ScorecardCandidate;
}

/**
 * The policy what-if: edit a candidate scoring configuration, starting from
 * the one in force, and see which entities would change level, and why,
 * before the change ships.
 */
export function PolicyWhatIfTab() {
  const api = useApi(opsreadyApiRef);
  const inForce = useAsync(() => api.getScorecardConfig(), [api]);
  const [text, setText] = useState('');
  useEffect(() => {
    if (inForce.value) setText(stringifyYaml(inForce.value));
  }, [inForce.value]);
  const [preview, run] = useAsyncFn(
    async (candidate: string) =>
      api.previewScorecards(parseCandidate(candidate)),
    [api],
  );

  return (
    <>
      <ContentHeader title="Policy what-if" />
      <Typography variant="body2" paragraph>
        Edit the scoring configuration (<code>opsready.checks</code>:{' '}
        <code>disabled</code>, <code>overrides</code>;{' '}
        <code>opsready.scoring</code>: <code>warnCredit</code>,{' '}
        <code>levels</code>; <code>opsready.scorecards</code>: checks, weights,
        levels, <code>appliesTo</code>) and preview which entities would change
        level on each scorecard. The fleet is re-scored from its stored results;
        nothing is saved.
      </Typography>
      {inForce.loading && <Progress />}
      {inForce.error && (
        <ResponseErrorPanel
          error={inForce.error}
          title={errorTitle(inForce.error)}
        />
      )}
      {inForce.value && (
        <Box display="flex" flexDirection="column" style={{ gap: 16 }}>
          <TextField
            id="opsready-policy-candidate"
            label="Candidate configuration"
            multiline
            minRows={12}
            variant="outlined"
            value={text}
            onChange={event => setText(event.target.value)}
            inputProps={{
              spellCheck: false,
              style: { fontFamily: 'monospace' },
            }}
          />
          <Box>
            <Button
              variant="contained"
              color="primary"
              disabled={preview.loading}
              onClick={() => run(text)}
            >
              Preview
            </Button>
          </Box>
          {preview.loading && <Progress />}
          {!preview.loading && preview.error && (
            <ResponseErrorPanel
              error={preview.error}
              title={errorTitle(preview.error)}
            />
          )}
          {!preview.loading && !preview.error && preview.value && (
            <PreviewResult preview={preview.value} />
          )}
        </Box>
      )}
    </>
  );
}
