import { declarativeLimits } from './types';

/*
 * A quantified group that itself holds a quantifier, as in (a+)+ or (\w*)*,
 * is the usual shape of a pattern whose matching time explodes on a long
 * text that almost matches. Config is trusted but mistakes are not: such a
 * pattern is refused rather than left to stall every evaluation.
 */
const NESTED_QUANTIFIER = /\((?:[^()\\]|\\.)*[+*}](?:[^()\\]|\\.)*\)[+*{]/;

/**
 * Compiles a regular expression from config once, at start-up. Throws
 * naming `key` when it is too long, invalid, or has nested quantifiers.
 */
export function compilePattern(
  source: unknown,
  key: string,
  flags = '',
): RegExp {
  if (typeof source !== 'string' || source.length === 0) {
    throw new Error(`${key} must be a non-empty regular expression`);
  }
  if (source.length > declarativeLimits.patternLength) {
    throw new Error(
      `${key} is longer than ${declarativeLimits.patternLength} characters`,
    );
  }
  let pattern: RegExp;
  try {
    pattern = new RegExp(source, flags);
  } catch (error) {
    throw new Error(
      `${key} is not a valid regular expression: ${(error as Error).message}`,
    );
  }
  if (NESTED_QUANTIFIER.test(source)) {
    throw new Error(
      `${key} has a quantified group holding a quantifier, such as (a+)+, which can take exponential time; write it without the nesting`,
    );
  }
  return pattern;
}
