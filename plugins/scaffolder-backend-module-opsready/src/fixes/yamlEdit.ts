import { InputError } from '@backstage/errors';
import {
  Document,
  isMap,
  isScalar,
  isSeq,
  parseAllDocuments,
  Scalar,
  stringify,
  YAMLMap,
  YAMLSeq,
} from 'yaml';

/*
 * Edits of YAML files that keep everything they do not change byte for byte.
 *
 * Files are read with the `yaml` Document API, which gives every node its
 * place in the text; edits are then made as insertions and replacements at
 * those places. Re-serialising a whole document would not do: real
 * manifests mix sequence styles (`ports:\n- containerPort` beside
 * `containers:\n  - name`) within one document, and the serialiser writes
 * one style throughout, so a one-line fix would show as a rewritten file.
 */

/** One parsed document of a YAML file. */
export interface YamlDocument {
  document: Document.Parsed;
  /** Whether it holds template markers (`{{ … }}`): never edited. */
  template: boolean;
}

/** A YAML file: its text, its documents and the edits pending on it. */
export interface YamlFile {
  path: string;
  text: string;
  documents: YamlDocument[];
  edits: TextEdit[];
}

interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/**
 * Parses a YAML file as Kubernetes reads manifests (YAML 1.1). A document
 * that does not parse throws an InputError naming the file and line, unless
 * it is a template (a Helm template may well not parse until rendered):
 * with `templates`, every document of the file is taken for one.
 */
export function parseYamlFile(
  path: string,
  text: string,
  { templates = false }: { templates?: boolean } = {},
): YamlFile {
  const parsed = parseAllDocuments(text, { version: '1.1', logLevel: 'error' });
  const documents = Array.isArray(parsed) ? parsed : [parsed];
  const result: YamlDocument[] = [];
  for (const document of documents) {
    const [start, , end] = document.range;
    const template = templates || text.slice(start, end).includes('{{');
    if (document.errors.length > 0 && !template) {
      const [error] = document.errors;
      const line = error.linePos?.[0].line;
      throw new InputError(
        `${path}${line ? ` line ${line}` : ''} is not valid YAML: ${
          error.message.split('\n')[0]
        }`,
      );
    }
    result.push({ document, template });
  }
  return { path, text, documents: result, edits: [] };
}

/** The file's text with its pending edits applied. */
export function editedText(file: YamlFile): string {
  // From the end, so that offsets stay true; edits at one offset are
  // applied last-made first, so that they end up in the order made.
  const edits = file.edits
    .map((edit, index) => ({ edit, index }))
    .sort((a, b) => b.edit.start - a.edit.start || b.index - a.index)
    .map(({ edit }) => edit);
  let text = file.text;
  for (const edit of edits) {
    text = text.slice(0, edit.start) + edit.text + text.slice(edit.end);
  }
  return text;
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Indents every line of a block by `indent` spaces. */
function indented(block: string, indent: number): string {
  const pad = ' '.repeat(indent);
  return block
    .split('\n')
    .map(line => (line ? pad + line : line))
    .join('\n');
}

function blockOf(values: Record<string, unknown>): string {
  // lineWidth 0: long values (images, commands) stay on one line. A value
  // given twice (one httpGet for both probes) is written out twice, as a
  // person would, not as an anchor and an alias.
  return stringify(values, {
    version: '1.1',
    lineWidth: 0,
    aliasDuplicateObjects: false,
  });
}

/** A value written in flow style, as `{ a: 1 }` or `[ A, B ]`. */
function flowText(value: unknown): string {
  const document = new Document(value, {
    version: '1.1',
    aliasDuplicateObjects: false,
  });
  if (isMap(document.contents) || isSeq(document.contents)) {
    document.contents.flow = true;
  }
  return document.toString({ lineWidth: 0 }).trimEnd();
}

/**
 * Adds keys to a mapping of the file, written in the mapping's own
 * indentation: after its last entry, or before its first with
 * `{ first: true }`. A flow mapping (`{ a: 1 }`) is rewritten as a flow
 * mapping with the keys added.
 */
export function addToMap(
  file: YamlFile,
  map: YAMLMap,
  values: Record<string, unknown>,
  { first = false }: { first?: boolean } = {},
): void {
  const [start, valueEnd] = map.range!;
  if (map.flow || map.items.length === 0) {
    file.edits.push({
      start,
      end: valueEnd,
      text: flowText({ ...(map.toJSON() ?? {}), ...values }),
    });
    return;
  }
  const firstKey = map.items[0].key as Scalar;
  const keyStart = firstKey.range![0];
  const indent = keyStart - lineStart(file.text, keyStart);
  const block = indented(blockOf(values), indent);
  if (first) {
    // Before the first key: on its own line, with the first key moved on.
    const at = lineStart(file.text, keyStart);
    if (
      at === keyStart - indent &&
      file.text.slice(at, keyStart).trim() === ''
    ) {
      file.edits.push({ start: at, end: at, text: block });
    } else {
      // The first key follows `- ` on its line: insert after that prefix.
      file.edits.push({
        start: keyStart,
        end: keyStart,
        text: `${block.trimStart()}${' '.repeat(indent)}`,
      });
    }
    return;
  }
  const atLineEnd = file.text[valueEnd - 1] === '\n';
  file.edits.push({
    start: valueEnd,
    end: valueEnd,
    text: atLineEnd ? block : `\n${block.replace(/\n$/, '')}`,
  });
}

/** A value that counts as not set: no node, null, or an empty string. */
function isUnset(node: unknown): boolean {
  return (
    node === undefined ||
    node === null ||
    (isScalar(node) &&
      (node.value === null ||
        (typeof node.value === 'string' && node.value.trim() === '')))
  );
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Adds what `values` sets and the mapping does not, key by key and level by
 * level, leaving every key already set as it is. Returns the dotted paths
 * added (`resources.limits.cpu`). Keys set to nothing (`cpu:`, `cpu: ""`)
 * are filled in where they stand.
 */
export function addMissing(
  file: YamlFile,
  map: YAMLMap,
  values: Record<string, unknown>,
  prefix = '',
): string[] {
  const added: string[] = [];
  const missing: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    const node = map.get(key, true);
    if (isMap(node) && isPlainObject(value)) {
      added.push(...addMissing(file, node, value, `${prefix}${key}.`));
    } else if (
      isUnset(node) &&
      isScalar(node) &&
      node.range &&
      !isPlainObject(value)
    ) {
      replaceScalar(file, node, value as string | number);
      added.push(`${prefix}${key}`);
    } else if (!map.has(key)) {
      missing[key] = value;
      added.push(...leaves(value, `${prefix}${key}`));
    }
  }
  if (Object.keys(missing).length > 0) {
    addToMap(file, map, missing);
  }
  return added;
}

function leaves(value: unknown, path: string): string[] {
  return isPlainObject(value)
    ? Object.entries(value).flatMap(([key, inner]) =>
        leaves(inner, `${path}.${key}`),
      )
    : [path];
}

/** Replaces a scalar's value, keeping the quoting style of a string. */
export function replaceScalar(
  file: YamlFile,
  scalar: Scalar,
  value: string | number | boolean,
): void {
  const [start, end] = scalar.range!;
  let source: string;
  // Only a string keeps its quotes: a quoted `"true"` is no boolean.
  if (typeof value !== 'string') {
    source = stringify(value, { version: '1.1' }).trimEnd();
  } else if (scalar.type === Scalar.QUOTE_DOUBLE) {
    source = JSON.stringify(value);
  } else if (scalar.type === Scalar.QUOTE_SINGLE) {
    source = `'${String(value).replace(/'/g, "''")}'`;
  } else {
    source = stringify(value, { version: '1.1' }).trimEnd();
  }
  // A key set to nothing (`cpu:`) has an empty scalar right after the colon.
  file.edits.push({
    start,
    end,
    text: start === end && file.text[start - 1] === ':' ? ` ${source}` : source,
  });
}

/** Appends a document to the file, after a `---` line. */
export function appendDocument(file: YamlFile, value: object): void {
  const end = file.text.length;
  const appended = file.edits.some(edit => edit.start === end);
  const separator =
    appended || file.text === '' || file.text.endsWith('\n') ? '' : '\n';
  file.edits.push({
    start: end,
    end,
    text: `${separator}---\n${blockOf(value as Record<string, unknown>)}`,
  });
}

/** Adds an item to a sequence of the file, in the sequence's own style. */
export function appendToSeq(file: YamlFile, seq: YAMLSeq, value: string): void {
  const [start, end] = seq.range!;
  if (seq.flow || seq.items.length === 0) {
    file.edits.push({
      start,
      end,
      text: flowText([...(seq.toJSON() ?? []), value]),
    });
    return;
  }
  const firstStart = (seq.items[0] as Scalar).range![0];
  const dash = file.text.lastIndexOf('-', firstStart);
  const indent = dash - lineStart(file.text, dash);
  const item = `${' '.repeat(indent)}- ${stringify(value, {
    version: '1.1',
  }).trimEnd()}`;
  file.edits.push(
    file.text[end - 1] === '\n'
      ? { start: end, end, text: `${item}\n` }
      : { start: end, end, text: `\n${item}` },
  );
}
