import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

// The spec documents the API; this keeps the two from drifting apart: every
// route the router serves is in the spec, and every path in the spec is
// served.
describe('openapi.yaml', () => {
  it('documents exactly the routes the router serves', async () => {
    const spec = parse(
      await fs.readFile(join(__dirname, 'openapi.yaml'), 'utf8'),
    );
    const documented = Object.entries(spec.paths).flatMap(([path, item]) =>
      Object.keys(item as object)
        .filter(key => ['get', 'post', 'put', 'delete', 'patch'].includes(key))
        .map(
          method =>
            `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`,
        ),
    );
    // Every router of the API: router.ts, the routers it mounts and the
    // webhooks.
    const serviceDir = join(__dirname, '../service');
    const routerFiles = (await fs.readdir(serviceDir)).filter(
      file => /router\.ts$/i.test(file) && !file.includes('.test.'),
    );
    const sources = await Promise.all(
      [
        ...routerFiles.map(file => join(serviceDir, file)),
        join(__dirname, '../webhooks/createWebhooksRouter.ts'),
        join(__dirname, '../webhooks/createWebhookSkipsRouter.ts'),
      ].map(file => fs.readFile(file, 'utf8')),
    );
    const served = sources.flatMap(source =>
      [
        ...source.matchAll(
          /router\.(get|post|put|delete|patch)\(\s*'([^']+)'/g,
        ),
      ].map(([, method, path]) => `${method.toUpperCase()} ${path}`),
    );
    expect(served.sort()).toEqual(documented.sort());
  });
});
