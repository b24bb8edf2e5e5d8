import { mockServices } from '@backstage/backend-test-utils';
import { stringify } from 'yaml';
import { ConfiguredDeclarativeChecks } from './configuredDeclarativeChecks';

const POLICY = 'https://github.com/acme/policy/blob/main/opsready/checks.yaml';

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

const configOf = (checks: object) =>
  mockServices.rootConfig({ data: { opsready: { checks } } });

/** A reader answering with the file of checks `files()` gives at each read. */
function readerOf(files: () => unknown[] | Error) {
  return mockServices.urlReader.mock({
    readUrl: jest.fn(async () => {
      const checks = files();
      if (checks instanceof Error) {
        throw checks;
      }
      return { buffer: async () => Buffer.from(stringify({ checks })) };
    }) as any,
  });
}

const ids = (checks: Array<{ id: string }>) => checks.map(c => c.id);

describe('ConfiguredDeclarativeChecks', () => {
  it('stops the start naming the key of a bad check in app-config', () => {
    expect(() =>
      ConfiguredDeclarativeChecks.create({
        config: configOf({ declarative: [{ ...check('acme.a'), weight: -1 }] }),
        urlReader: readerOf(() => []),
      }),
    ).toThrow(/^opsready\.checks\.declarative\[0\]\.weight: /);
  });

  it('gives the app-config checks without reading anything when no location is configured', async () => {
    const urlReader = readerOf(() => []);
    const checks = ConfiguredDeclarativeChecks.create({
      config: configOf({ declarative: [check('acme.a')] }),
      urlReader,
    });
    expect(ids(await checks.current())).toEqual(['acme.a']);
    expect(urlReader.readUrl).not.toHaveBeenCalled();
  });

  it('reads the locations once for the runs of a minute, then again', async () => {
    let file = [check('acme.old')];
    const urlReader = readerOf(() => file);
    const checks = ConfiguredDeclarativeChecks.create({
      config: configOf({
        declarative: [check('acme.a')],
        locations: [{ target: POLICY }],
      }),
      urlReader,
      maxAgeMs: 200,
    });
    expect(urlReader.readUrl).not.toHaveBeenCalled();
    const [first, second] = await Promise.all([
      checks.current(),
      checks.current(),
    ]);
    expect(ids(first)).toEqual(['acme.a', 'acme.old']);
    expect(second).toBe(first);
    expect(urlReader.readUrl).toHaveBeenCalledTimes(1);

    file = [check('acme.new')];
    expect(ids(await checks.current())).toEqual(['acme.a', 'acme.old']);
    await new Promise(resolve => setTimeout(resolve, 250));
    expect(ids(await checks.current())).toEqual(['acme.a', 'acme.new']);
    expect(urlReader.readUrl).toHaveBeenCalledTimes(2);
  });

  it('fails a read of a bad file naming its key, and reads again on the next run', async () => {
    let file: unknown[] | Error = [{ ...check('acme.a'), severity: 'dire' }];
    const checks = ConfiguredDeclarativeChecks.create({
      config: configOf({ locations: [{ target: POLICY }] }),
      urlReader: readerOf(() => file),
    });
    await expect(checks.current()).rejects.toThrow(
      `OpsReady cannot verify with the checks the portal runs: ${POLICY}: checks[0].severity: `,
    );
    file = [check('acme.a')];
    expect(ids(await checks.current())).toEqual(['acme.a']);
  });
});
