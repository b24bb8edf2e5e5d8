import { ConfigReader } from '@backstage/config';
import {
  builtInChecks,
  evaluateNewService,
  readScoringConfig,
} from '@opsready/plugin-opsready-node';
import fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import git from 'isomorphic-git';
import { parseAllDocuments } from 'yaml';
import { publishLegacyBilling } from './legacyBilling';

describe('publishLegacyBilling', () => {
  let directory: string;

  beforeEach(async () => {
    directory = await fs.promises.mkdtemp(join(tmpdir(), 'legacy-billing-'));
  });

  afterEach(async () => {
    await fs.promises.rm(directory, { recursive: true, force: true });
  });

  it('publishes a repository with one commit on main, and leaves it be afterwards', async () => {
    const first = await publishLegacyBilling(directory);
    expect(first).toEqual({
      path: join(directory, 'legacy-billing'),
      created: true,
    });
    const log = await git.log({ fs, dir: first.path, ref: 'main' });
    expect(log).toHaveLength(1);
    expect(await git.listFiles({ fs, dir: first.path, ref: 'main' })).toEqual(
      expect.arrayContaining(['catalog-info.yaml', 'k8s/deployment.yaml']),
    );

    // A merged fix must survive a restart of the demo.
    await fs.promises.appendFile(join(first.path, 'README.md'), '\nMerged.\n');
    const second = await publishLegacyBilling(directory);
    expect(second.created).toBe(false);
    expect(
      await fs.promises.readFile(join(first.path, 'README.md'), 'utf8'),
    ).toContain('Merged.');
  });

  it('fails exactly the checks the fix template is shown on, among its repository checks', async () => {
    const { path } = await publishLegacyBilling(directory);
    const entity = parseAllDocuments(
      await fs.promises.readFile(join(path, 'catalog-info.yaml'), 'utf8'),
    )[0].toJS();
    const settings = readScoringConfig(new ConfigReader({}));
    const { results } = await evaluateNewService({
      root: path,
      entity,
      catalog: { ownerExists: true },
      checks: builtInChecks,
      settings,
      sources: { health: true, kubernetes: false },
      now: new Date(),
    });
    const failing = results
      .filter(r => r.status === 'fail')
      .map(r => r.checkId)
      .sort();
    expect(failing).toEqual([
      'kubernetes.pdb',
      'kubernetes.probes',
      'kubernetes.resources',
    ]);
  });
});
