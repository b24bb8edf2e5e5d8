import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readRepositoryDirectory } from './readRepositoryDirectory';

describe('readRepositoryDirectory', () => {
  let root: string;
  let outside: string;

  beforeEach(async () => {
    root = await fs.mkdtemp(join(tmpdir(), 'opsready-repo-'));
    outside = await fs.mkdtemp(join(tmpdir(), 'opsready-outside-'));
    const write = async (path: string, text: string) => {
      await fs.mkdir(join(root, path, '..'), { recursive: true });
      await fs.writeFile(join(root, path), text);
    };
    await write('Dockerfile', 'FROM node:22.11-slim\nUSER node\n');
    await write('README.md', '# cart\n');
    await write('.github/workflows/ci.yaml', 'on: push\n');
    await write('.github/CODEOWNERS', '* @storefront\n');
    await write(
      'k8s/deployment.yaml',
      'apiVersion: apps/v1\nkind: Deployment\n',
    );
    await write('src/index.ts', 'export {};\n');
    await write('node_modules/pino/package.json', '{}');
    await write('big/rules.yaml', 'x'.repeat(300 * 1024));
    await fs.writeFile(join(outside, 'secret.yaml'), 'password: hunter2');
    await fs.symlink(join(outside, 'secret.yaml'), join(root, 'k8s/link.yaml'));
  });

  afterEach(async () => {
    await fs.rm(root, { recursive: true, force: true });
    await fs.rm(outside, { recursive: true, force: true });
  });

  it('lists paths and reads only the files checks need', async () => {
    const repository = await readRepositoryDirectory(root);
    expect(repository.paths.sort()).toEqual(
      [
        '.github/CODEOWNERS',
        '.github/workflows/ci.yaml',
        'Dockerfile',
        'README.md',
        'big/rules.yaml',
        'k8s/deployment.yaml',
        'src/index.ts',
      ].sort(),
    );
    expect(Object.keys(repository.files).sort()).toEqual(
      [
        '.github/CODEOWNERS',
        '.github/workflows/ci.yaml',
        'Dockerfile',
        'README.md',
        'k8s/deployment.yaml',
      ].sort(),
    );
    expect(repository.files.Dockerfile).toBe(
      'FROM node:22.11-slim\nUSER node\n',
    );
  });

  it('never follows a symbolic link out of the repository', async () => {
    const repository = await readRepositoryDirectory(root);
    expect(repository.paths).not.toContain('k8s/link.yaml');
    expect(JSON.stringify(repository.files)).not.toContain('hunter2');
  });

  it('lists but does not read a file of interest over the size limit', async () => {
    const repository = await readRepositoryDirectory(root);
    expect(repository.paths).toContain('big/rules.yaml');
    expect(repository.files['big/rules.yaml']).toBeUndefined();
  });
});
