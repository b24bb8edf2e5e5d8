import { mockServices } from '@backstage/backend-test-utils';
import { NotModifiedError } from '@backstage/errors';
import {
  builtInChecks,
  placesOfCodeChecks,
} from '@opsready/plugin-opsready-node';
import { stringify } from 'yaml';
import {
  CheckLocationsStore,
  KeptCheckLocation,
} from '../database/CheckLocationsStore';
import { CheckLocations } from './CheckLocations';

const POLICY = 'https://github.com/acme/policy/blob/main/opsready/checks.yaml';
const TEAM = 'https://github.com/acme/team/blob/main/checks.yaml';

const check = (
  id: string,
  condition: unknown = { entity: { path: 'spec.owner' } },
) => ({
  id,
  title: `Check ${id}`,
  description: 'What the platform team asks.',
  category: 'catalog',
  severity: 'medium',
  weight: 2,
  remediation: 'See the handbook.',
  condition,
});

const fileOf = (...checks: unknown[]) => stringify({ checks });

/** Files on a host the test edits, read as the URL reader reads them. */
function fakeHost(files: Record<string, string>) {
  const host = { files, down: false, version: 1 };
  const etagOf = (url: string) =>
    `${url}@${host.version}:${files[url]?.length}`;
  const urlReader = mockServices.urlReader.mock({
    readUrl: async (url, options) => {
      if (host.down) throw new Error('connect ETIMEDOUT');
      if (!(url in host.files)) throw new Error(`Not found: ${url}`);
      if (options?.etag === etagOf(url)) throw new NotModifiedError();
      return {
        buffer: async () => Buffer.from(host.files[url]),
        etag: etagOf(url),
      } as any;
    },
  });
  return { host, urlReader };
}

function memoryStore(initial: KeptCheckLocation[] = []) {
  const rows = new Map(initial.map(row => [row.target, row]));
  const store: CheckLocationsStore = {
    getMany: async targets =>
      targets.flatMap(t => (rows.has(t) ? [rows.get(t)!] : [])),
    keep: async row => {
      rows.set(row.target, row);
    },
  };
  return { rows, store };
}

function setUp(options: {
  targets: string[];
  files: Record<string, string>;
  kept?: KeptCheckLocation[];
  appConfigIds?: string[];
}) {
  const { host, urlReader } = fakeHost(options.files);
  const { rows, store } = memoryStore(options.kept);
  const logger = mockServices.logger.mock();
  const taken = placesOfCodeChecks(builtInChecks);
  options.appConfigIds?.forEach((id, i) =>
    taken.set(id, `opsready.checks.declarative[${i}]`),
  );
  const locations = new CheckLocations({
    targets: options.targets,
    taken,
    urlReader,
    store,
    logger,
  });
  return { host, rows, logger, locations };
}

const idsOf = (locations: CheckLocations) => locations.checks().map(c => c.id);

describe('CheckLocations at start-up', () => {
  it('reads the checks of every location, in order, and keeps each text', async () => {
    const { locations, rows } = setUp({
      targets: [POLICY, TEAM],
      files: {
        [POLICY]: fileOf(check('acme.runbook'), check('acme.tier')),
        [TEAM]: fileOf(check('team.oncall')),
      },
    });
    await locations.load();
    expect(idsOf(locations)).toEqual([
      'acme.runbook',
      'acme.tier',
      'team.oncall',
    ]);
    expect(rows.get(POLICY)?.text).toContain('acme.runbook');
    expect(rows.get(TEAM)?.etag).toBeDefined();
  });

  it('stops naming the location, the key and the reason of a bad check', async () => {
    const { locations } = setUp({
      targets: [POLICY],
      files: {
        [POLICY]: fileOf(
          check('a'),
          check('b'),
          check('c', { file: { path: 'Dockerfile', matches: '^USER (' } }),
        ),
      },
    });
    await expect(locations.load()).rejects.toThrow(
      `${POLICY}: checks[2].condition.file.matches is not a valid regular expression`,
    );
  });

  it('names the key of a field of the wrong type, and a file that is not YAML', async () => {
    const wrongType = setUp({
      targets: [POLICY],
      files: { [POLICY]: fileOf({ ...check('a'), severity: 'urgent' }) },
    });
    await expect(wrongType.locations.load()).rejects.toThrow(
      new RegExp(
        `^${POLICY.replace(/[./]/g, '\\$&')}: checks\\[0\\]\\.severity: `,
      ),
    );
    const notYaml = setUp({
      targets: [POLICY],
      files: { [POLICY]: 'checks: [' },
    });
    await expect(notYaml.locations.load()).rejects.toThrow(
      `${POLICY}: not valid YAML`,
    );
  });

  it('refuses an id that a built-in check, app-config or another location has, naming both places', async () => {
    const builtIn = setUp({
      targets: [POLICY],
      files: { [POLICY]: fileOf(check('catalog.owner')) },
    });
    await expect(builtIn.locations.load()).rejects.toThrow(
      `${POLICY}: checks[0].id 'catalog.owner' is already the id of a built-in or module check`,
    );
    const appConfig = setUp({
      targets: [POLICY],
      files: { [POLICY]: fileOf(check('acme.runbook')) },
      appConfigIds: ['acme.runbook'],
    });
    await expect(appConfig.locations.load()).rejects.toThrow(
      `${POLICY}: checks[0].id 'acme.runbook' is already the id of opsready.checks.declarative[0]`,
    );
    const twoFiles = setUp({
      targets: [POLICY, TEAM],
      files: {
        [POLICY]: fileOf(check('acme.runbook')),
        [TEAM]: fileOf(check('team.oncall'), check('acme.runbook')),
      },
    });
    await expect(twoFiles.locations.load()).rejects.toThrow(
      `${TEAM}: checks[1].id 'acme.runbook' is already the id of ${POLICY}: checks[0]`,
    );
  });

  it('starts with the kept copy of a location it cannot reach, and warns', async () => {
    const { locations, host, logger } = setUp({
      targets: [POLICY],
      files: {},
      kept: [
        {
          target: POLICY,
          etag: 'old',
          text: fileOf(check('acme.runbook')),
          readAt: '2026-12-14T10:00:00.000Z',
        },
      ],
    });
    host.down = true;
    await locations.load();
    expect(idsOf(locations)).toEqual(['acme.runbook']);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(
        `Check location ${POLICY} could not be read: connect ETIMEDOUT; OpsReady uses the copy read at 2026-12-14T10:00:00.000Z`,
      ),
    );
  });

  it('stops naming a location it cannot reach and of which no copy is kept', async () => {
    const { locations } = setUp({ targets: [POLICY], files: {} });
    await expect(locations.load()).rejects.toThrow(
      `Check location ${POLICY} could not be read: Not found: ${POLICY}. No earlier copy of it is kept`,
    );
  });
});

describe('CheckLocations re-read', () => {
  async function loaded() {
    const parts = setUp({
      targets: [POLICY, TEAM],
      files: {
        [POLICY]: fileOf(check('acme.runbook')),
        [TEAM]: fileOf(check('team.oncall')),
      },
    });
    await parts.locations.load();
    const changes = jest.fn();
    parts.locations.onChange(changes);
    return { ...parts, changes };
  }

  it('leaves everything as it was when no file changed', async () => {
    const { locations, changes } = await loaded();
    await expect(locations.refresh()).resolves.toEqual({
      changed: [],
      refused: [],
      unreachable: [],
    });
    expect(changes).not.toHaveBeenCalled();
  });

  it("replaces a changed location's checks, keeps the new text and says so", async () => {
    const { locations, host, rows, changes } = await loaded();
    host.version = 2;
    host.files[POLICY] = fileOf(check('acme.runbook'), check('acme.tier'));
    await expect(locations.refresh()).resolves.toMatchObject({
      changed: [POLICY],
    });
    expect(idsOf(locations)).toEqual([
      'acme.runbook',
      'acme.tier',
      'team.oncall',
    ]);
    expect(rows.get(POLICY)?.text).toContain('acme.tier');
    expect(changes).toHaveBeenCalledTimes(1);
  });

  it('refuses a changed bad file, keeping the old checks, with a warning naming the location, key and reason', async () => {
    const { locations, host, rows, logger, changes } = await loaded();
    host.version = 2;
    host.files[TEAM] = fileOf(check('team.oncall', { entity: {} }));
    await expect(locations.refresh()).resolves.toMatchObject({
      refused: [TEAM],
    });
    expect(idsOf(locations)).toEqual(['acme.runbook', 'team.oncall']);
    expect(rows.get(TEAM)?.text).not.toContain('entity: {}');
    expect(changes).not.toHaveBeenCalled();
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(
        `^OpsReady refused the new text of check location ${TEAM}; its previous checks stay: ${TEAM}: checks\\[0\\]\\.condition\\.entity\\.path: `,
      ),
    );
  });

  it('refuses a changed file whose id another location already has', async () => {
    const { locations, host, logger } = await loaded();
    host.version = 2;
    host.files[TEAM] = fileOf(check('acme.runbook'));
    await expect(locations.refresh()).resolves.toMatchObject({
      refused: [TEAM],
    });
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(
        `${TEAM}: checks[0].id 'acme.runbook' is already the id of ${POLICY}: checks[0]`,
      ),
    );
  });

  it('keeps the checks of a location it cannot reach', async () => {
    const { locations, host, changes } = await loaded();
    host.down = true;
    await expect(locations.refresh()).resolves.toMatchObject({
      unreachable: [POLICY, TEAM],
    });
    expect(idsOf(locations)).toEqual(['acme.runbook', 'team.oncall']);
    expect(changes).not.toHaveBeenCalled();
  });

  it('takes up a text another replica read and kept', async () => {
    const { locations, rows, changes } = await loaded();
    rows.set(POLICY, {
      target: POLICY,
      etag: 'elsewhere',
      text: fileOf(check('acme.tier')),
      readAt: '2026-12-14T11:00:00.000Z',
    });
    await locations.adoptKept();
    expect(idsOf(locations)).toEqual(['acme.tier', 'team.oncall']);
    expect(changes).toHaveBeenCalledTimes(1);
    await locations.adoptKept();
    expect(changes).toHaveBeenCalledTimes(1);
  });
});
