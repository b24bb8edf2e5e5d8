import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { spec } from './openapi/generated';

// The routers are served and validated through the generated constant; it
// must say what openapi.yaml says.
describe('openapi.yaml', () => {
  it('is what the generated spec module holds (run `yarn generate:api` after editing it)', async () => {
    const source = parse(
      await fs.readFile(join(__dirname, 'openapi.yaml'), 'utf8'),
    );
    expect(JSON.parse(JSON.stringify(spec))).toEqual(source);
  });

  it('is OpenAPI 3.1, the version the validating router supports', () => {
    expect(spec.openapi).toMatch(/^3\.1\./);
  });
});
