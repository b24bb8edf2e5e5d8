import { declarativeLimits } from './types';

/** Whether a path from config is a glob rather than an exact path. */
export function isGlob(path: string): boolean {
  return /[*?{]/.test(path);
}

/**
 * A glob as a regular expression over repository paths (forward slashes):
 * `**` any run of directories (`**\/` also none), `*` any characters but
 * `/`, `?` one such character, `{a,b}` either. Anything else is literal.
 */
export function compileGlob(glob: string, key: string): RegExp {
  if (typeof glob !== 'string' || glob.length === 0) {
    throw new Error(`${key} must be a non-empty path or glob`);
  }
  if (glob.length > declarativeLimits.pathLength) {
    throw new Error(
      `${key} is longer than ${declarativeLimits.pathLength} characters`,
    );
  }
  let source = '';
  let inBraces = false;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      const slash = glob[i + 2] === '/';
      source += slash ? '(?:[^/]*/)*' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') {
      source += '[^/]*';
    } else if (c === '?') {
      source += '[^/]';
    } else if (c === '{' && !inBraces) {
      inBraces = true;
      source += '(?:';
    } else if (c === '}' && inBraces) {
      inBraces = false;
      source += ')';
    } else if (c === ',' && inBraces) {
      source += '|';
    } else {
      source += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    }
  }
  if (inBraces) {
    throw new Error(`${key} has an unclosed { in the glob ${glob}`);
  }
  return new RegExp(`^${source}$`);
}
