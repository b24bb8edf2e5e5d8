import { ConfigReader } from '@backstage/config';
import {
  builtInChecks,
  placesOfCodeChecks,
} from '@opsready/plugin-opsready-node';
import { readDeclarativeChecks } from './readDeclarativeChecks';

const runbook = {
  id: 'acme.runbook',
  title: 'Runbook',
  description: 'Links its runbook.',
  category: 'catalog',
  severity: 'medium',
  weight: 2,
  remediation: 'Add the acme.com/runbook annotation.',
  condition: { annotation: { name: 'acme.com/runbook', matches: '^https://' } },
};

function read(declarative: unknown) {
  return readDeclarativeChecks(
    new ConfigReader({ opsready: { checks: { declarative } } } as any),
    placesOfCodeChecks(builtInChecks),
  ).checks;
}

function errorOf(declarative: unknown): string {
  try {
    read(declarative);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('no error');
}

describe('readDeclarativeChecks', () => {
  it('reads none when none are configured', () => {
    expect(
      readDeclarativeChecks(
        new ConfigReader({}),
        placesOfCodeChecks(builtInChecks),
      ).checks,
    ).toEqual([]);
  });

  it('compiles each check into a definition with its description', () => {
    const [check] = read([{ ...runbook, appliesTo: { kinds: ['Component'] } }]);
    expect(check).toMatchObject({
      id: 'acme.runbook',
      title: 'Runbook',
      category: 'catalog',
      severity: 'medium',
      weight: 2,
      appliesTo: { kinds: ['Component'] },
    });
    const entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: 'x',
        annotations: { 'acme.com/runbook': 'https://wiki/x' },
      },
    };
    expect(
      check.evaluate({ entity }, { now: new Date(), options: {} as any })
        .status,
    ).toBe('pass');
  });

  it('names the full key of a field of the wrong type or an unknown one', () => {
    expect(errorOf([runbook, { ...runbook, id: 'b', weight: -1 }])).toMatch(
      /^opsready\.checks\.declarative\[1\]\.weight: /,
    );
    expect(errorOf([{ ...runbook, severity: 'urgent' }])).toMatch(
      /^opsready\.checks\.declarative\[0\]\.severity: /,
    );
    expect(
      errorOf([
        {
          ...runbook,
          condition: { all: [{ file: { path: 'a', matches: 5 } }] },
        },
      ]),
    ).toMatch(
      /^opsready\.checks\.declarative\[0\]\.condition\.all\[0\]\.file\.matches: /,
    );
    expect(
      errorOf([{ ...runbook, condition: { file: { path: 'a', match: 'x' } } }]),
    ).toMatch(/^opsready\.checks\.declarative\[0\]\.condition\.file: .*match/);
    expect(errorOf([{ ...runbook, title: undefined }])).toMatch(
      /^opsready\.checks\.declarative\[0\]\.title: /,
    );
  });

  it('names the key of an invalid regular expression, compiled at start-up', () => {
    expect(
      errorOf([
        runbook,
        { ...runbook, id: 'b' },
        {
          ...runbook,
          id: 'c',
          condition: { file: { path: 'Dockerfile', matches: '^USER (' } },
        },
      ]),
    ).toMatch(
      /^opsready\.checks\.declarative\[2\]\.condition\.file\.matches is not a valid regular expression: /,
    );
  });

  it('refuses an id a built-in check or an earlier declarative check has', () => {
    expect(errorOf([{ ...runbook, id: 'repository.codeowners' }])).toBe(
      "opsready.checks.declarative[0].id 'repository.codeowners' is already the id of a built-in or module check; choose another",
    );
    expect(errorOf([runbook, runbook])).toBe(
      "opsready.checks.declarative[1].id 'acme.runbook' is already the id of opsready.checks.declarative[0]; choose another",
    );
  });

  it('refuses more checks than the cap', () => {
    const many = Array.from({ length: 501 }, (_, i) => ({
      ...runbook,
      id: `c${i}`,
    }));
    expect(errorOf(many)).toMatch(/^opsready\.checks\.declarative: /);
  });
});
