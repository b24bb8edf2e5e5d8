import { CheckDefinition, CheckOutcome, RepositoryFacts } from '../types';
import { withRepository } from './withRepository';

/** Below this many characters, a README is a stub. */
export const README_MIN_CHARACTERS = 200;

const README = /^readme(\.(md|markdown|rst|txt|adoc))?$/i;
const HIGH_SURROGATE = /[\uD800-\uDBFF]/;

/** Whether a path is a README at the root. */
function isReadme(path: string): boolean {
  // The first letter, asked first: most paths are not READMEs. Anything
  // but a string is left to the pattern, as it always was.
  const first = typeof path === 'string' ? path[0] : 'r';
  return (first === 'r' || first === 'R') && README.test(path);
}

/**
 * Characters, not UTF-16 code units, so that accents and emoji count once:
 * what `[...text.trim()].length` counts (a surrogate pair is one code
 * point, a lone surrogate one too), without building the array.
 */
function characters(text: string): number {
  const trimmed = text.trim();
  let count = trimmed.length;
  if (!HIGH_SURROGATE.test(trimmed)) {
    return count; // Nearly every README: no pair to count once.
  }
  for (let i = 0; i < trimmed.length - 1; i++) {
    const code = trimmed.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = trimmed.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        count -= 1;
        i += 1;
      }
    }
  }
  return count;
}

/** The verdict on the repository's README. */
function judgeReadme(repository: RepositoryFacts): CheckOutcome {
  const paths = repository.paths.filter(isReadme).sort();
  if (paths.length === 0) {
    return {
      status: 'fail',
      message:
        'No README at the root of the repository; add a README.md that says what the service does and how to run it.',
    };
  }
  const read = paths.filter(path => repository.files[path] !== undefined);
  if (read.length === 0) {
    return {
      status: 'unknown',
      message: `${paths[0]} was found but not read, so whether it says enough could not be judged.`,
      evidence: { path: paths[0] },
    };
  }
  // With several READMEs (README.md and README.txt), the fullest counts
  // (the first of the fullest, in path order).
  let path = read[0];
  let length = characters(repository.files[path]);
  for (const other of read.slice(1)) {
    const otherLength = characters(repository.files[other]);
    if (otherLength > length) {
      path = other;
      length = otherLength;
    }
  }
  if (length <= README_MIN_CHARACTERS) {
    return {
      status: 'warn',
      message: `${path} is only ${length} characters long; say what the service does, how to run it and who owns it.`,
      evidence: { path, characters: length },
    };
  }
  return {
    status: 'pass',
    message: `${path} describes the service in ${length} characters.`,
    evidence: { path, characters: length },
  };
}

/** @public */
export const readmeCheck: CheckDefinition = {
  id: 'repository.readme',
  title: 'README',
  description:
    'A README at the root of the repository says what the service does, how to run it and who owns it.',
  category: 'repository',
  severity: 'low',
  weight: 1,
  remediation: [
    'Add a `README.md` at the root of the repository, with at least:',
    '```markdown',
    '# cart',
    'What the service does, and for whom.',
    '## Running it',
    'How to build, test and run it locally.',
    '## Owners',
    'Who to ask, and where the runbook is.',
    '```',
  ].join('\n'),
  appliesTo: { kinds: ['Component'] },
  evaluate: facts => withRepository(facts, 'its README', judgeReadme),
};
