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

function parse(text: string): Parsed {
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
