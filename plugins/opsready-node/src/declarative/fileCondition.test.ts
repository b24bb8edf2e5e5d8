import { judge, repository } from './testing';

describe('file conditions', () => {
  it('is unknown, never a pass, when the repository was not read', () => {
    for (const file of [
      { path: 'CODEOWNERS' },
      { path: 'Dockerfile', matches: '^USER ' },
      { path: 'package.json', yaml: { path: 'engines.node' } },
    ]) {
      const outcome = judge({ file });
      expect(outcome.status).toBe('unknown');
      expect(outcome.message).toMatch(/repository was not read/);
    }
  });

  it('finds a file by exact path or glob, and lists what it found', () => {
    const facts = {
      repository: repository({
        '.github/CODEOWNERS': '* @acme/payments',
        '.github/workflows/ci.yaml': 'on: push',
      }),
    };
    expect(judge({ file: { path: '.github/CODEOWNERS' } }, facts).status).toBe(
      'pass',
    );
    expect(judge({ file: { path: 'CODEOWNERS' } }, facts).status).toBe('fail');
    const glob = judge(
      { file: { path: '{,.github/,docs/}CODEOWNERS' } },
      facts,
    );
    expect(glob.status).toBe('pass');
    expect((glob.evidence as any).observed[0].files).toEqual([
      '.github/CODEOWNERS',
    ]);
    expect(
      judge({ file: { path: '.github/workflows/*.{yml,yaml}' } }, facts).status,
    ).toBe('pass');
    expect(judge({ file: { path: '**/ci.yaml' } }, facts).status).toBe('pass');
    expect(judge({ file: { path: '*.yaml' } }, facts).status).toBe('fail');
  });

  it('matches the text line by line', () => {
    const facts = {
      repository: repository({
        Dockerfile: 'FROM node:22\nUSER node\nCMD ["node"]',
      }),
    };
    const pass = judge(
      { file: { path: 'Dockerfile', matches: '^USER\\s+\\S' } },
      facts,
    );
    expect(pass.status).toBe('pass');
    expect((pass.evidence as any).observed[0].file).toBe('Dockerfile');
    const fail = judge(
      { file: { path: 'Dockerfile', matches: '^HEALTHCHECK' } },
      facts,
    );
    expect(fail.status).toBe('fail');
    expect((fail.evidence as any).observed[0].files).toEqual(['Dockerfile']);
    // No Dockerfile at all fails too.
    expect(
      judge(
        { file: { path: 'Dockerfile', matches: 'x' } },
        { repository: repository({}) },
      ).status,
    ).toBe('fail');
  });

  it('is unknown when the only files that could decide it were listed but not read', () => {
    const facts = { repository: repository({}, ['Dockerfile']) };
    const outcome = judge(
      { file: { path: 'Dockerfile', matches: '^USER' } },
      facts,
    );
    expect(outcome.status).toBe('unknown');
    expect(outcome.message).toBe(
      'Could not be checked: Dockerfile was listed but not read',
    );
  });

  it('reads YAML and JSON paths, across documents', () => {
    const facts = {
      repository: repository({
        'package.json': '{"engines": {"node": ">=22"}, "private": true}',
        'deploy/values.yaml': 'a: 1\n---\nreplicaCount: 3\n',
        'broken.yaml': 'a: [1,\n',
        'flow.yaml': '{replicas: 2}',
      }),
    };
    const json = judge(
      {
        file: {
          path: 'package.json',
          yaml: { path: 'engines.node', matches: '22' },
        },
      },
      facts,
    );
    expect(json.status).toBe('pass');
    expect((json.evidence as any).observed[0].found).toBe('>=22');
    expect(
      judge(
        {
          file: {
            path: 'package.json',
            yaml: { path: 'private', equals: true },
          },
        },
        facts,
      ).status,
    ).toBe('pass');
    expect(
      judge(
        {
          file: {
            path: 'package.json',
            yaml: { path: 'private', equals: 'true' },
          },
        },
        facts,
      ).status,
    ).toBe('fail');
    expect(
      judge(
        {
          file: {
            path: 'deploy/*.yaml',
            yaml: { path: 'replicaCount', equals: 3 },
          },
        },
        facts,
      ).status,
    ).toBe('pass');
    // Starts as JSON but is YAML's flow style: read as YAML.
    expect(
      judge(
        { file: { path: 'flow.yaml', yaml: { path: 'replicas', equals: 2 } } },
        facts,
      ).status,
    ).toBe('pass');
    const broken = judge(
      { file: { path: 'broken.yaml', yaml: { path: 'a' } } },
      facts,
    );
    expect(broken.status).toBe('fail');
    expect((broken.evidence as any).observed[0].unparsable).toEqual(
      expect.any(String),
    );
  });
});
