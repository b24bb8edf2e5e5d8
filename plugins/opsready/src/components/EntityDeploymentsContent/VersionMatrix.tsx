import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import {
  Deployment,
  EnvironmentVersion,
} from '@opsready/plugin-opsready-common';
import { RelativeTime } from '../RelativeTime';
import { environmentNames } from '../shared';

const MAX_VERSIONS = 8;

/**
 * Which version runs where: the latest versions down, the environments
 * across; a cell says when that version reached that environment, and the
 * one running now is marked in words.
 */
export function VersionMatrix(props: {
  environments: EnvironmentVersion[];
  recent: Deployment[];
}) {
  const { environments, recent } = props;
  const envNames = environmentNames(environments, recent);
  const reached = new Map<string, string>();
  const versions: string[] = [];
  for (const d of recent) {
    if (d.status !== 'succeeded') continue;
    if (!versions.includes(d.version)) versions.push(d.version);
    const key = `${d.version}\n${d.environment}`;
    // Newest first: keep the latest time the version reached the environment.
    if (!reached.has(key)) reached.set(key, d.startedAt);
  }
  const current = new Map(environments.map(e => [e.environment, e]));
  if (envNames.length === 0) {
    return (
      <Typography variant="body2">
        No environment has a deployment yet.
      </Typography>
    );
  }
  return (
    <Table size="small" aria-label="Versions by environment">
      <TableHead>
        <TableRow>
          <TableCell>Version</TableCell>
          {envNames.map(env => (
            <TableCell key={env}>{env}</TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {versions.slice(0, MAX_VERSIONS).map(version => (
          <TableRow key={version}>
            <TableCell component="th" scope="row">
              {version}
            </TableCell>
            {envNames.map(env => {
              const at = reached.get(`${version}\n${env}`);
              const running = current.get(env);
              const isCurrent = running?.version === version;
              return (
                <TableCell key={env}>
                  {at ? <RelativeTime iso={at} /> : ''}
                  {isCurrent && (
                    <strong>
                      {' '}
                      (running{running?.drift ? ', drifted' : ''})
                    </strong>
                  )}
                </TableCell>
              );
            })}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
