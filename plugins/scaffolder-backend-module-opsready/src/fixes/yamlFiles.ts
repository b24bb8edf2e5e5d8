import { InputError } from '@backstage/errors';
import { Document, parseAllDocuments } from 'yaml';

/**
 * Parses every document of a YAML file, keeping comments and formatting for
 * a later `toString()`. A file that does not parse stops the fix, naming
 * the file and the line, since editing around an error would guess.
 */
export function parseYamlFile(path: string, text: string): Document[] {
  const parsed = parseAllDocuments(text);
  // An empty file parses to an EmptyStream: no documents, no errors.
  const documents = Array.isArray(parsed) ? parsed : [];
  for (const document of documents) {
    const error = document.errors[0];
    if (error) {
      const line = error.linePos?.[0]?.line;
      throw new InputError(
        `${path}${line ? ` line ${line}` : ''} is not valid YAML: ${
          error.message.split('\n')[0]
        }`,
      );
    }
  }
  return documents as Document[];
}

/**
 * The file's documents written back, each as it was parsed: every document
 * after the first keeps its own `---` separator.
 */
export function stringifyYamlFile(documents: Document[]): string {
  return documents.map(d => d.toString({ lineWidth: 0 })).join('');
}
