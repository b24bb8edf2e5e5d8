import { readmeCheck } from './readmeCheck';
import { evaluate, repository } from './testFacts';

describe('repository.readme', () => {
  it('passes a README of more than 200 characters', () => {
    expect(
      evaluate(readmeCheck, repository({ 'README.md': 'x'.repeat(201) })),
    ).toEqual({
      status: 'pass',
      message: 'README.md describes the service in 201 characters.',
      evidence: { path: 'README.md', characters: 201 },
    });
  });

  it('warns on a README of exactly 200 characters or fewer', () => {
    expect(
      evaluate(readmeCheck, repository({ 'README.md': 'x'.repeat(200) })),
    ).toEqual({
      status: 'warn',
      message:
        'README.md is only 200 characters long; say what the service does, how to run it and who owns it.',
      evidence: { path: 'README.md', characters: 200 },
    });
  });

  it('does not count surrounding whitespace', () => {
    expect(
      evaluate(
        readmeCheck,
        repository({ 'README.md': `# cart${' \n'.repeat(300)}` }),
      ).evidence,
    ).toEqual({ path: 'README.md', characters: 6 });
  });

  it('counts characters, not UTF-16 units', () => {
    expect(
      evaluate(readmeCheck, repository({ 'README.md': '🛒'.repeat(150) }))
        .status,
    ).toBe('warn');
  });

  it.each(['readme', 'Readme.rst', 'README.txt', 'README.markdown'])(
    'accepts %s at the root',
    path => {
      expect(
        evaluate(readmeCheck, repository({ [path]: 'y'.repeat(300) })).status,
      ).toBe('pass');
    },
  );

  it('judges the fullest README when there are several', () => {
    expect(
      evaluate(
        readmeCheck,
        repository({ 'README.md': 'short', 'README.rst': 'z'.repeat(250) }),
      ).message,
    ).toBe('README.rst describes the service in 250 characters.');
  });

  it('fails without a README at the root, even with one deeper', () => {
    expect(
      evaluate(readmeCheck, repository({ 'docs/README.md': 'x'.repeat(500) })),
    ).toEqual({
      status: 'fail',
      message:
        'No README at the root of the repository; add a README.md that says what the service does and how to run it.',
    });
  });

  it('is unknown when the README was listed but not read', () => {
    expect(evaluate(readmeCheck, repository({}, ['README.md']))).toEqual({
      status: 'unknown',
      message:
        'README.md was found but not read, so whether it says enough could not be judged.',
      evidence: { path: 'README.md' },
    });
  });

  it('is unknown without the repository', () => {
    expect(evaluate(readmeCheck).status).toBe('unknown');
  });
});
