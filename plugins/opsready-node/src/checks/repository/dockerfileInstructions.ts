/** One Dockerfile instruction, its continuation lines joined. */
export interface DockerInstruction {
  /** Upper case, e.g. `FROM`. */
  keyword: string;
  args: string;
}

// The patterns are made once: Dockerfiles are read for every service.
const DIRECTIVE = /^\s*#\s*([a-z]+)\s*=\s*(\S+)\s*$/i;
const COMMENT = /^\s*#/;
const INSTRUCTION = /^\s*([A-Za-z]+)\s*(.*)$/;
const LINE_BREAK = /\r?\n/;
const HEREDOC = /<<-?\s*(["']?)([A-Za-z_][\w]*)\1/g;
// What `.` in INSTRUCTION does not match (\n is split on already).
const LINE_TERMINATOR = /[\r\u2028\u2029]/;

// The instructions, upper-cased once as they are usually written (upper or
// lower case): a lookup costs less than upper-casing every keyword.
const KEYWORDS = new Map(
  [
    'ADD',
    'ARG',
    'CMD',
    'COPY',
    'ENTRYPOINT',
    'ENV',
    'EXPOSE',
    'FROM',
    'HEALTHCHECK',
    'LABEL',
    'MAINTAINER',
    'ONBUILD',
    'RUN',
    'SHELL',
    'STOPSIGNAL',
    'USER',
    'VOLUME',
    'WORKDIR',
  ].flatMap(keyword => [
    [keyword, keyword],
    [keyword.toLowerCase(), keyword],
  ]),
);

/** No heredoc open: shared, since it is only ever replaced, never changed. */
const NO_HEREDOCS: readonly string[] = [];

// Parser directives (`# escape=``) may only open the file.
function escapeCharacter(lines: string[]): string {
  for (const line of lines) {
    const directive = line.match(DIRECTIVE);
    if (!directive) {
      break;
    }
    if (directive[1].toLowerCase() === 'escape' && directive[2] === '`') {
      return '`';
    }
  }
  return '\\';
}

// The heredoc delimiters an instruction opens (`RUN <<EOF`, `COPY <<-"END" …`).
function heredocDelimiters(args: string): readonly string[] {
  if (!args.includes('<<')) {
    return NO_HEREDOCS; // Most instructions: no need to run the pattern.
  }
  return [...args.matchAll(HEREDOC)].map(match => match[2]);
}

function isAsciiLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/**
 * A line as an instruction, as INSTRUCTION reads it: a keyword of letters
 * after any whitespace, then its arguments, trimmed. A line that starts with
 * the keyword (nearly every one) is read without running the pattern;
 * any other is left to the pattern, which decides as it always has.
 */
function instructionOf(line: string): DockerInstruction | undefined {
  let end = 0;
  while (end < line.length && isAsciiLetter(line.charCodeAt(end))) {
    end += 1;
  }
  if (end === 0 || LINE_TERMINATOR.test(line)) {
    const match = line.match(INSTRUCTION);
    return match
      ? { keyword: match[1].toUpperCase(), args: match[2].trim() }
      : undefined;
  }
  const keyword = line.slice(0, end);
  return {
    keyword: KEYWORDS.get(keyword) ?? keyword.toUpperCase(),
    args: line.slice(end).trim(),
  };
}

/**
 * The instructions of a Dockerfile, as Docker reads them: comment lines
 * dropped (also inside a continued instruction), lines ending with the
 * escape character joined to the next, and heredoc bodies skipped so that
 * a script that mentions `USER root` is not taken for an instruction.
 */
export function dockerInstructions(text: string): DockerInstruction[] {
  // Splitting on a plain "\n" is much cheaper, and the same without "\r".
  const lines =
    typeof text === 'string' && !text.includes('\r')
      ? text.split('\n')
      : text.split(LINE_BREAK);
  const escape = escapeCharacter(lines);
  const instructions: DockerInstruction[] = [];
  let pending = '';
  let heredocs = NO_HEREDOCS;
  for (const line of lines) {
    if (heredocs.length > 0) {
      if (line.trim() === heredocs[0]) {
        heredocs = heredocs.slice(1);
      }
      continue;
    }
    // A line that starts with a letter is neither a comment nor blank.
    if (
      !isAsciiLetter(line.charCodeAt(0)) &&
      (COMMENT.test(line) || (pending === '' && line.trim() === ''))
    ) {
      continue;
    }
    const trimmed = line.trimEnd();
    if (trimmed.endsWith(escape)) {
      pending += `${trimmed.slice(0, -1)} `;
      continue;
    }
    const instruction = instructionOf(`${pending}${line}`);
    pending = '';
    if (instruction) {
      instructions.push(instruction);
      heredocs = heredocDelimiters(instruction.args);
    }
  }
  return instructions;
}
