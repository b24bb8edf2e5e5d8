import { codeownersCheck } from './codeownersCheck';
import { codeownersRules } from './codeownersRules';
import { evaluate, repository } from './testFacts';

describe('repository.codeowners', () => {
  it('passes a CODEOWNERS file with a rule, naming where it is', () => {
    expect(
      evaluate(
        codeownersCheck,
        repository({ '.github/CODEOWNERS': '# Owners\n* @acme/payments\n' }),
      ),
    ).toEqual({
      status: 'pass',
      message: '.github/CODEOWNERS assigns owners in 1 rule.',
      evidence: {
        path: '.github/CODEOWNERS',
        ruleCount: 1,
        rules: ['* @acme/payments'],
      },
    });
  });

  it.each(['CODEOWNERS', 'docs/CODEOWNERS'])('finds %s', path => {
    expect(
      evaluate(
        codeownersCheck,
        repository({ [path]: '/src/ @alice bob@example.com\n' }),
      ),
    ).toMatchObject({ status: 'pass', evidence: { path } });
  });

  it('fails a CODEOWNERS file with only comments', () => {
    expect(
      evaluate(
        codeownersCheck,
        repository({ CODEOWNERS: '# TODO: add owners\n\n#* @acme/payments\n' }),
      ),
    ).toEqual({
      status: 'fail',
      message:
        'CODEOWNERS has no rule that assigns an owner, only comments or blank lines; add one such as "* @acme/payments".',
      evidence: { path: 'CODEOWNERS', rules: [] },
    });
  });

  it('reads only the file GitHub reads: .github/ before the root before docs/', () => {
    expect(
      evaluate(
        codeownersCheck,
        repository({
          CODEOWNERS: '* @acme/payments\n',
          '.github/CODEOWNERS': '# moved to the root\n',
        }),
      ),
    ).toMatchObject({
      status: 'fail',
      evidence: { path: '.github/CODEOWNERS' },
    });
  });

  it('fails without a CODEOWNERS file in any of the places GitHub looks', () => {
    expect(
      evaluate(
        codeownersCheck,
        repository({ 'src/CODEOWNERS': '* @acme/x\n' }),
      ),
    ).toEqual({
      status: 'fail',
      message:
        'No CODEOWNERS file at the root, in .github/ or in docs/; add .github/CODEOWNERS with a rule such as "* @acme/payments".',
    });
  });

  it('is unknown when the file was listed but not read', () => {
    expect(
      evaluate(codeownersCheck, repository({}, ['CODEOWNERS'])),
    ).toMatchObject({
      status: 'unknown',
      message:
        'CODEOWNERS was found but not read, so its rules could not be checked.',
    });
  });

  it('is unknown without the repository', () => {
    expect(evaluate(codeownersCheck).message).toBe(
      'The repository was not read (no source location, or it could not be fetched), so its CODEOWNERS file could not be checked.',
    );
  });
});

describe('codeownersRules', () => {
  it('keeps rules with owners, without their trailing comments', () => {
    expect(
      codeownersRules(
        [
          '# comment',
          '*.js    @acme/frontend   # the web team',
          '/docs/  docs@example.com',
          '\\#notes.md @alice',
          '/generated/',
          '',
        ].join('\n'),
      ),
    ).toEqual([
      '*.js    @acme/frontend',
      '/docs/  docs@example.com',
      '\\#notes.md @alice',
    ]);
  });

  it('counts patterns under a GitLab section with default owners', () => {
    expect(
      codeownersRules('[Backend] @acme/backend\n/app/\n\n^[Docs]\n/docs/\n'),
    ).toEqual(['/app/']);
  });
});
