import { judge, repository } from './testing';

const has = (path: string) => ({ file: { path } });

describe('all, any and not', () => {
  const facts = {
    repository: repository({ README: 'x', Dockerfile: 'FROM x' }, ['LICENSE']),
  };
  const unknown = { file: { path: 'LICENSE', matches: 'MIT' } };

  it('all fails on any failure, else is unknown if a part is', () => {
    expect(
      judge({ all: [has('README'), has('Dockerfile')] }, facts).status,
    ).toBe('pass');
    const failed = judge({ all: [has('README'), has('CODEOWNERS')] }, facts);
    expect(failed.status).toBe('fail');
    expect(failed.message).toBe(
      'Not met: all of (file README exists; file CODEOWNERS exists). Failing: file CODEOWNERS exists.',
    );
    expect(judge({ all: [unknown, has('CODEOWNERS')] }, facts).status).toBe(
      'fail',
    );
    expect(judge({ all: [unknown, has('README')] }, facts).status).toBe(
      'unknown',
    );
  });

  it('any passes on any pass, else is unknown if a part is', () => {
    const passed = judge({ any: [has('CODEOWNERS'), has('README')] }, facts);
    expect(passed.status).toBe('pass');
    expect((passed.evidence as any).observed.map((o: any) => o.status)).toEqual(
      ['fail', 'pass'],
    );
    expect(judge({ any: [unknown, has('CODEOWNERS')] }, facts).status).toBe(
      'unknown',
    );
    expect(judge({ any: [has('A'), has('B')] }, facts).status).toBe('fail');
  });

  it('not swaps pass and fail and keeps unknown', () => {
    expect(judge({ not: has('.env') }, facts).status).toBe('pass');
    expect(judge({ not: has('README') }, facts).status).toBe('fail');
    expect(judge({ not: unknown }, facts).status).toBe('unknown');
    expect(judge({ not: has('README') }).status).toBe('unknown');
  });
});
