import { readFile } from 'node:fs/promises';
import { renderApiTypes, TYPES_PATH } from './generateTypes';

describe('the generated API types', () => {
  it('match openapi.yaml (run `yarn generate:api` in opsready-common when this fails)', async () => {
    const committed = await readFile(TYPES_PATH, 'utf8');
    expect(committed).toBe(await renderApiTypes());
  }, 60_000);
});
