import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { NotModifiedError } from '@backstage/errors';
import { stringify } from 'yaml';
import { builtInChecks } from '../checks/builtInChecks';
import { placesOfCodeChecks } from '../declarative/specs/compileCheckSpecs';
import { CheckLocationUnreachableError } from './readCheckLocation';
import { readConfiguredDeclarativeChecks } from './readConfiguredDeclarativeChecks';

const POLICY = 'https://github.com/acme/policy/blob/main/opsready/checks.yaml';
const TEAM = 'https://github.com/acme/team/blob/main/checks.yaml';

const check = (id: string) => ({
  id,
  title: `Check ${id}`,
  description: 'What the platform team asks.',
  category: 'catalog',
  severity: 'medium',
  weight: 2,
  remediation: 'See the handbook.',
  condition: { entity: { path: 'spec.owner' } },
});

function configOf(checks: object) {
  return new ConfigReader({ opsready: { checks } });
}

/** A reader serving each URL's file of checks, and failing for the rest. */
function readerServing(files: Record<string, unknown[]>) {
  return mockServices.urlReader.mock({
    readUrl: jest.fn(async (url: string) => {
      if (!(url in files)) {
        throw new Error('ECONNREFUSED');
      }
      return {
        buffer: async () => Buffer.from(stringify({ checks: files[url] })),
      } as any;
    }),
  });
}

const taken = placesOfCodeChecks(builtInChecks);

describe('readConfiguredDeclarativeChecks', () => {
  it('gives the app-config checks, then each location’s, in the order configured', async () => {
    const reader = readerServing({
      [POLICY]: [check('acme.policy')],
      [TEAM]: [check('acme.team')],
    });
    const read = await readConfiguredDeclarativeChecks(
      configOf({
        declarative: [check('acme.config')],
        locations: [{ target: POLICY }, { target: TEAM }],
      }),
      reader,
      { taken },
    );
    expect(read.checks.map(c => c.id)).toEqual([
      'acme.config',
      'acme.policy',
      'acme.team',
    ]);
    expect(read.places.get('acme.team')).toBe(`${TEAM}: checks[0]`);
    // Afresh, within the timeout: no etag of an earlier read.
    expect(reader.readUrl).toHaveBeenCalledWith(POLICY, {
      etag: undefined,
      signal: expect.any(AbortSignal),
    });
  });

  it('reads nothing when nothing is configured', async () => {
    const reader = readerServing({});
    await expect(
      readConfiguredDeclarativeChecks(configOf({}), reader, { taken }),
    ).resolves.toEqual({ checks: [], places: new Map() });
    expect(reader.readUrl).not.toHaveBeenCalled();
  });

  it('says which location cannot be read, rather than giving fewer checks', async () => {
    const error = await readConfiguredDeclarativeChecks(
      configOf({ locations: [{ target: POLICY }, { target: TEAM }] }),
      readerServing({ [POLICY]: [check('acme.policy')] }),
      { taken },
    ).catch(e => e);
    expect(error).toBeInstanceOf(CheckLocationUnreachableError);
    expect(error.message).toBe(
      `Check location ${TEAM} could not be read: ECONNREFUSED`,
    );
  });

  it('refuses an answer of not modified to a read without an etag', async () => {
    const reader = mockServices.urlReader.mock({
      readUrl: jest.fn(async () => {
        throw new NotModifiedError();
      }),
    });
    await expect(
      readConfiguredDeclarativeChecks(
        configOf({ locations: [{ target: POLICY }] }),
        reader,
        { taken },
      ),
    ).rejects.toThrow(
      `Check location ${POLICY} answered 'not modified' to a read without an etag`,
    );
  });

  it('names the key of a bad check, and of an id given twice across config and locations', async () => {
    await expect(
      readConfiguredDeclarativeChecks(
        configOf({ locations: [{ target: POLICY }] }),
        readerServing({ [POLICY]: [{ ...check('acme.x'), weight: -1 }] }),
        { taken },
      ),
    ).rejects.toThrow(`${POLICY}: checks[0].weight: `);
    await expect(
      readConfiguredDeclarativeChecks(
        configOf({
          declarative: [check('acme.runbook')],
          locations: [{ target: POLICY }],
        }),
        readerServing({ [POLICY]: [check('acme.runbook')] }),
        { taken },
      ),
    ).rejects.toThrow(
      `${POLICY}: checks[0].id 'acme.runbook' is already the id of opsready.checks.declarative[0]; choose another`,
    );
    await expect(
      readConfiguredDeclarativeChecks(
        configOf({ declarative: [check('catalog.owner')] }),
        readerServing({}),
        { taken },
      ),
    ).rejects.toThrow(
      "opsready.checks.declarative[0].id 'catalog.owner' is already the id of a built-in or module check; choose another",
    );
  });
});
