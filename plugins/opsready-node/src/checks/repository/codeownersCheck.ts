import { CheckDefinition, CheckOutcome, RepositoryFacts } from '../types';
import { codeownersRules } from './codeownersRules';
import { withRepository } from './withRepository';

// In the order GitHub looks for the file; it uses the first it finds.
const CODEOWNERS_PATHS = [
  '.github/CODEOWNERS',
  'CODEOWNERS',
  'docs/CODEOWNERS',
];

/** The verdict on the repository's CODEOWNERS file. */
function judgeCodeowners(repository: RepositoryFacts): CheckOutcome {
  const path = CODEOWNERS_PATHS.find(p => repository.paths.includes(p));
  if (!path) {
    return {
      status: 'fail',
      message:
        'No CODEOWNERS file at the root, in .github/ or in docs/; add .github/CODEOWNERS with a rule such as "* @acme/payments".',
    };
  }
  const text = repository.files[path];
  if (text === undefined) {
    return {
      status: 'unknown',
      message: `${path} was found but not read, so its rules could not be checked.`,
      evidence: { path },
    };
  }
  const rules = codeownersRules(text);
  if (rules.length === 0) {
    return {
      status: 'fail',
      message: `${path} has no rule that assigns an owner, only comments or blank lines; add one such as "* @acme/payments".`,
      evidence: { path, rules },
    };
  }
  return {
    status: 'pass',
    message: `${path} assigns owners in ${rules.length} ${
      rules.length === 1 ? 'rule' : 'rules'
    }.`,
    evidence: { path, ruleCount: rules.length, rules: rules.slice(0, 10) },
  };
}

/** @public */
export const codeownersCheck: CheckDefinition = {
  id: 'repository.codeowners',
  title: 'CODEOWNERS',
  description:
    'A CODEOWNERS file names who reviews changes, so that every change is seen by the people who answer for the service.',
  category: 'repository',
  severity: 'medium',
  weight: 1,
  remediation: [
    'Add `.github/CODEOWNERS` (or `CODEOWNERS`, `docs/CODEOWNERS`) with at least one rule:',
    '```',
    '# The owning team reviews everything.',
    '* @acme/payments',
    '```',
  ].join('\n'),
  appliesTo: { kinds: ['Component'] },
  evaluate: facts =>
    withRepository(facts, 'its CODEOWNERS file', judgeCodeowners),
};
