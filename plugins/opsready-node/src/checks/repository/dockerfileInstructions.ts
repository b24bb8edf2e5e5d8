/** One Dockerfile instruction, its continuation lines joined. */
export interface DockerInstruction {
  /** Upper case, e.g. `FROM`. */
  keyword: string;
  args: string;
}

// Parser directives (`# escape=``) may only open the file.
function escapeCharacter(lines: string[]): string {
  for (const line of lines) {
    const directive = line.match(/^\s*#\s*([a-z]+)\s*=\s*(\S+)\s*$/i);
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
function heredocDelimiters(args: string): string[] {
  if (!args.includes('<<')) {
    return []; // Most instructions: no need to run the pattern.
  }
  return [...args.matchAll(/<<-?\s*(["']?)([A-Za-z_][\w]*)\1/g)].map(
    match => match[2],
  );
}

/**
 * The instructions of a Dockerfile, as Docker reads them: comment lines
 * dropped (also inside a continued instruction), lines ending with the
 * escape character joined to the next, and heredoc bodies skipped so that
 * a script that mentions `USER root` is not taken for an instruction.
 */
export function dockerInstructions(text: string): DockerInstruction[] {
  const lines = text.split(/\r?\n/);
  const escape = escapeCharacter(lines);
  const instructions: DockerInstruction[] = [];
  let pending = '';
  let heredocs: string[] = [];
  for (const line of lines) {
    if (heredocs.length > 0) {
      if (line.trim() === heredocs[0]) {
        heredocs = heredocs.slice(1);
      }
      continue;
    }
    if (/^\s*#/.test(line) || (pending === '' && line.trim() === '')) {
      continue;
    }
    const trimmed = line.trimEnd();
    if (trimmed.endsWith(escape)) {
      pending += `${trimmed.slice(0, -1)} `;
      continue;
    }
    const match = `${pending}${line}`.match(/^\s*([A-Za-z]+)\s*(.*)$/);
    pending = '';
    if (match) {
      const args = match[2].trim();
      instructions.push({ keyword: match[1].toUpperCase(), args });
      heredocs = heredocDelimiters(args);
    }
  }
  return instructions;
}
