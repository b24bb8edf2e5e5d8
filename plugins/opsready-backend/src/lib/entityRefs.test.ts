import { Entity } from '@backstage/catalog-model';
import { ownerRefOf } from './entityRefs';

function component(
  spec: Entity['spec'] & object,
  extra: Partial<Entity> = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'cart', namespace: 'Shop' },
    spec,
    ...extra,
  };
}

describe('ownerRefOf', () => {
  it('prefers the ownedBy relation, in lower case', () => {
    expect(
      ownerRefOf(
        component(
          { owner: 'someone-else' },
          {
            relations: [
              { type: 'ownedBy', targetRef: 'group:default/Team-Cart' },
            ],
          },
        ),
      ),
    ).toBe('group:default/team-cart');
  });

  it("fills spec.owner in with kind group and the entity's namespace", () => {
    expect(ownerRefOf(component({ owner: 'Team-Cart' }))).toBe(
      'group:shop/team-cart',
    );
    expect(ownerRefOf(component({ owner: 'user:default/Jane' }))).toBe(
      'user:default/jane',
    );
  });

  it('is null without an owner or with one that is not an entity ref', () => {
    expect(ownerRefOf(component({}))).toBeNull();
    expect(ownerRefOf(component({ owner: '  ' }))).toBeNull();
    expect(ownerRefOf(component({ owner: 'group:' }))).toBeNull();
  });
});
