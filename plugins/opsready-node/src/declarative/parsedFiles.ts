import { parseAllDocuments } from 'yaml';
import { derived } from '../checks/derivedFacts';
import { ServiceFacts } from '../checks/types';

/** A file's documents, or why it could not be parsed. */
export type Parsed = { documents: unknown[] } | { error: string };

function newCache(): Map<string, Parsed> {
  return new Map();
}

/**
 * The documents of a repository file parsed as YAML (JSON is YAML), parsed
 * once per evaluation however many declarative checks read it.
 */
export function parsedFile(
  facts: ServiceFacts,
  path: string,
  text: string,
): Parsed {
  const cache = derived(facts, newCache);
  let parsed = cache.get(path);
  if (!parsed) {
    parsed = parse(text);
    cache.set(path, parsed);
  }
  return parsed;
}

// JSON is YAML, and JSON.parse reads it many times faster than the YAML
// parser: a text that starts as JSON is tried as JSON first.
const LOOKS_LIKE_JSON = /^\s*[[{]/;

function parse(text: string): Parsed {
  if (LOOKS_LIKE_JSON.test(text)) {
    try {
      return { documents: [JSON.parse(text)] };
    } catch {
      // Flow-style YAML, or broken: the YAML parser says which.
    }
  }
  try {
    const documents: unknown[] = [];
    // logLevel 'error' keeps the parser from printing warnings.
    for (const document of parseAllDocuments(text, { logLevel: 'error' })) {
      if (document.errors.length > 0) {
        return { error: document.errors[0].message.split('\n')[0] };
      }
      // toJS throws on alias bombs (more aliases than the default cap).
      documents.push(document.toJS());
    }
    return { documents };
  } catch (error) {
    return { error: (error as Error).message.split('\n')[0] };
  }
}
