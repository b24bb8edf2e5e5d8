// An owner is a user or team (`@name`, `@org/team`) or an email address.
const OWNER = /^(@\S+|[^@\s]+@[^@\s]+\.[^@\s]+)$/;

// GitLab sections: `[Section]`, `^[Optional]`, `[Approvals][2]`, maybe
// followed by the section's default owners.
const SECTION = /^\^?\[[^\]]+\](\[\d+\])?\s*(.*)$/;

// `#` starts a comment at the start of a line or after whitespace; `\#` is
// an escaped `#` in a pattern.
const COMMENT = /(^|\s)#.*$/;
const WHITESPACE = /\s+/;
const LINE_BREAK = /\r?\n/;

function withoutComment(line: string): string {
  return line.replace(COMMENT, '').trim();
}

function ownersIn(words: string[]): string[] {
  return words.filter(word => OWNER.test(word));
}

/**
 * The rules of a CODEOWNERS file that assign at least one owner: a pattern
 * followed by owners, or, in a GitLab section with default owners, a
 * pattern alone. Comments, blank lines and patterns without owners are not
 * rules anyone is asked to review under.
 */
export function codeownersRules(text: string): string[] {
  const rules: string[] = [];
  let sectionOwners: string[] = [];
  for (const rawLine of text.split(LINE_BREAK)) {
    const line = withoutComment(rawLine);
    if (line === '') {
      continue;
    }
    const section = line.match(SECTION);
    if (section) {
      sectionOwners = ownersIn(section[2].split(WHITESPACE));
      continue;
    }
    const owners = ownersIn(line.split(WHITESPACE).slice(1));
    if (owners.length > 0 || sectionOwners.length > 0) {
      rules.push(line);
    }
  }
  return rules;
}
