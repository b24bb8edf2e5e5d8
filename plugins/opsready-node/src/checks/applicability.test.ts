import { Entity } from '@backstage/catalog-model';
import { appliesToEntity } from './applicability';

const website: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'frontend', tags: ['go', 'web'] },
  spec: { type: 'website', lifecycle: 'production' },
};

describe('appliesToEntity', () => {
  it('applies everywhere when nothing is narrowed', () => {
    expect(appliesToEntity(undefined, website)).toBe(true);
    expect(appliesToEntity({}, website)).toBe(true);
  });

  it('matches kind, type, lifecycle and tags, ignoring case', () => {
    expect(
      appliesToEntity(
        {
          kinds: ['component'],
          types: ['service', 'website'],
          lifecycles: ['production'],
          tags: ['WEB'],
        },
        website,
      ),
    ).toBe(true);
  });

  it('needs every narrowed dimension to match', () => {
    expect(
      appliesToEntity({ kinds: ['Component'], types: ['service'] }, website),
    ).toBe(false);
    expect(appliesToEntity({ lifecycles: ['experimental'] }, website)).toBe(
      false,
    );
    expect(appliesToEntity({ tags: ['java'] }, website)).toBe(false);
  });
});
