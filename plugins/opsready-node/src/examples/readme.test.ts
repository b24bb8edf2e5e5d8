import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const packageRoot = join(__dirname, '..', '..');

/** The code blocks the README marks as copies of example files, by path. */
function quotedExamples(): Map<string, string> {
  const readme = readFileSync(join(packageRoot, 'README.md'), 'utf8');
  const quoted = new Map<string, string>();
  const pattern = /<!-- example: (\S+) -->\s*```ts\n([\s\S]*?)```/g;
  for (const [, path, code] of readme.matchAll(pattern)) {
    quoted.set(path, code);
  }
  return quoted;
}

describe('the README', () => {
  it('quotes both extension point examples exactly as they are compiled and tested', () => {
    const quoted = quotedExamples();
    expect([...quoted.keys()]).toEqual([
      'src/examples/customCheck.ts',
      'src/examples/customFactProvider.ts',
    ]);
    for (const [path, code] of quoted) {
      expect(code).toBe(readFileSync(join(packageRoot, path), 'utf8'));
    }
  });
});
