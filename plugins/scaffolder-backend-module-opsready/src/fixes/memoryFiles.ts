import { FixFiles } from './types';

/**
 * The repository's text files in memory, as fixers see them. It remembers
 * what each file held when read, so that only files whose text really
 * changed are written back (a fixer that writes a file unchanged changes
 * nothing).
 */
export class MemoryFiles implements FixFiles {
  private readonly original: ReadonlyMap<string, string>;
  private readonly current: Map<string, string>;

  constructor(files: Record<string, string>) {
    this.original = new Map(Object.entries(files));
    this.current = new Map(Object.entries(files));
  }

  paths(): string[] {
    return [...this.current.keys()].sort();
  }

  read(path: string): string | undefined {
    return this.current.get(path);
  }

  write(path: string, text: string): void {
    const normalized = path.replace(/\\/g, '/').replace(/^\.\//, '');
    if (
      normalized === '' ||
      normalized.startsWith('/') ||
      normalized.split('/').some(part => part === '..' || part === '')
    ) {
      // A fixer bug, not bad input: files are only written inside the
      // repository.
      throw new Error(`A fix tried to write outside the repository: ${path}`);
    }
    this.current.set(normalized, text);
  }

  /** What the file held before any fixer ran. */
  originalText(path: string): string | undefined {
    return this.original.get(path);
  }

  /** Files added or whose text changed, sorted. */
  changedPaths(): string[] {
    return this.paths().filter(
      path => this.original.get(path) !== this.current.get(path),
    );
  }
}
