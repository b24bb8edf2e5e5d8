import { readFileSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';

/**
 * The Argo CD template users copy from the README, with every Go template
 * action replaced as Argo CD would for absent values: what its JSON looks
 * like, to hold the fixtures (and so the translator) to the same shape.
 */
function templateSkeleton(): any {
  const readme = readFileSync(
    resolvePath(__dirname, '..', '..', 'README.md'),
    'utf8',
  );
  const match =
    /template\.opsready-app-status: \|\n[\s\S]*?body: \|\n([\s\S]*?)\n {2}trigger\./.exec(
      readme,
    );
  if (!match) {
    throw new Error('README has no template.opsready-app-status body');
  }
  const json = match[1]
    .replace(/\{\{toJson [^}]*\}\}/g, 'null')
    .replace(/\{\{with [^}]*\}\}/g, '')
    .replace(/\{\{else\}\}null\{\{end\}\}/g, '');
  return JSON.parse(json);
}

const fixture = (name: string) =>
  JSON.parse(
    readFileSync(
      resolvePath(__dirname, '__fixtures__', 'argocd', name),
      'utf8',
    ),
  );

describe('the Argo CD template in the README', () => {
  it('renders valid JSON with the fields the fixtures carry', () => {
    const skeleton = templateSkeleton();
    for (const name of [
      'sync-running.json',
      'deployed.json',
      'sync-failed.json',
      'degraded.json',
      'recovered.json',
    ]) {
      const payload = fixture(name);
      expect(Object.keys(payload).sort()).toEqual(Object.keys(skeleton).sort());
      expect(Object.keys(payload.operation).sort()).toEqual(
        Object.keys(skeleton.operation).sort(),
      );
    }
  });
});
