import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { JsonObject } from '@backstage/types';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { normalizeEntityRef } from '@opsready/plugin-opsready-common';
import { matchesScope, scopeCatalogFilter, scopeEntities } from './scope';

function component(
  name: string,
  extra: {
    namespace?: string;
    spec?: JsonObject;
    tags?: string[];
    annotations?: Record<string, string>;
    kind?: string;
  } = {},
): Entity {
  const namespace = extra.namespace ?? 'default';
  const spec: JsonObject = {
    type: 'service',
    lifecycle: 'production',
    owner: 'team-a',
    ...extra.spec,
  };
  const owner = normalizeEntityRef(spec.owner as string, {
    defaultKind: 'group',
    defaultNamespace: namespace,
  });
  const system =
    typeof spec.system === 'string'
      ? normalizeEntityRef(spec.system, {
          defaultKind: 'system',
          defaultNamespace: namespace,
        })
      : undefined;
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: extra.kind ?? 'Component',
    metadata: {
      name,
      namespace,
      ...(extra.tags ? { tags: extra.tags } : {}),
      ...(extra.annotations ? { annotations: extra.annotations } : {}),
    },
    spec,
    // As the catalog computes them from spec.owner and spec.system.
    relations: [
      { type: 'ownedBy', targetRef: owner },
      ...(system ? [{ type: 'partOf', targetRef: system }] : []),
    ],
  };
}

describe('matchesScope', () => {
  it('takes every Component for an empty scope, and no other kind', () => {
    expect(matchesScope(component('cart'), {})).toBe(true);
    expect(matchesScope(component('api', { kind: 'API' }), {})).toBe(false);
    expect(
      matchesScope(component('api', { kind: 'API' }), { kinds: ['api'] }),
    ).toBe(true);
  });

  it('needs every field the scope fills, any of its values', () => {
    const scope = {
      kinds: ['component'],
      types: ['service', 'website'],
      lifecycles: ['production'],
      tags: ['java', 'go'],
    };
    expect(matchesScope(component('cart', { tags: ['go'] }), scope)).toBe(true);
    expect(matchesScope(component('cart', { tags: ['rust'] }), scope)).toBe(
      false,
    );
    expect(matchesScope(component('cart'), scope)).toBe(false);
    expect(
      matchesScope(
        component('cart', {
          tags: ['go'],
          spec: { lifecycle: 'experimental' },
        }),
        scope,
      ),
    ).toBe(false);
    expect(
      matchesScope(
        component('site', { tags: ['java'], spec: { type: 'Website' } }),
        scope,
      ),
    ).toBe(true);
  });

  it('compares owners as full refs, however the YAML writes them', () => {
    const short = component('cart', { spec: { owner: 'team-a' } });
    const full = component('search', {
      spec: { owner: 'group:default/team-a' },
    });
    const elsewhere = component('billing', {
      namespace: 'finance',
      spec: { owner: 'team-a' },
    });
    const scope = { owners: ['group:default/team-a'] };
    expect(matchesScope(short, scope)).toBe(true);
    expect(matchesScope(full, scope)).toBe(true);
    // team-a of its own namespace is another group.
    expect(matchesScope(elsewhere, scope)).toBe(false);
    expect(matchesScope(short, { owners: ['team-a'] })).toBe(true);
    // Without relations yet, from spec.owner.
    expect(matchesScope({ ...short, relations: [] }, scope)).toBe(true);
    expect(matchesScope(short, { owners: ['user:default/ada'] })).toBe(false);
  });

  it('takes a system by ref, or by name in any namespace', () => {
    const shop = component('cart', { spec: { system: 'shop' } });
    const otherShop = component('till', {
      namespace: 'retail',
      spec: { system: 'shop' },
    });
    expect(matchesScope(shop, { systems: ['system:default/shop'] })).toBe(true);
    expect(matchesScope(shop, { systems: ['default/shop'] })).toBe(true);
    expect(matchesScope(otherShop, { systems: ['system:default/shop'] })).toBe(
      false,
    );
    expect(matchesScope(otherShop, { systems: ['Shop'] })).toBe(true);
    expect(matchesScope(component('lone'), { systems: ['shop'] })).toBe(false);
  });

  it('takes an annotation that is present, or has the value given', () => {
    const annotated = component('cart', {
      annotations: {
        'backstage.io/kubernetes-id': 'cart',
        'opsready.io/tier': '1',
      },
    });
    expect(
      matchesScope(annotated, { annotations: ['backstage.io/kubernetes-id'] }),
    ).toBe(true);
    expect(
      matchesScope(annotated, { annotations: ['opsready.io/tier=1'] }),
    ).toBe(true);
    expect(
      matchesScope(annotated, { annotations: ['opsready.io/tier=2'] }),
    ).toBe(false);
    expect(
      matchesScope(annotated, {
        annotations: ['opsready.io/tier=2', 'backstage.io/kubernetes-id'],
      }),
    ).toBe(true);
    expect(
      matchesScope(component('bare'), { annotations: ['opsready.io/tier'] }),
    ).toBe(false);
  });
});

describe('scopeCatalogFilter', () => {
  it('asks the catalog for what it can compare', () => {
    expect(scopeCatalogFilter({})).toEqual({ kind: ['Component'] });
    expect(
      scopeCatalogFilter({
        kinds: ['Component', 'Resource'],
        types: ['service'],
        lifecycles: ['production'],
        tags: ['java'],
        owners: ['team-a', 'group:default/team-b'],
        systems: ['system:default/shop', 'default/till'],
      }),
    ).toEqual({
      kind: ['Component', 'Resource'],
      'spec.type': ['service'],
      'spec.lifecycle': ['production'],
      'metadata.tags': ['java'],
      'relations.ownedBy': ['group:default/team-a', 'group:default/team-b'],
      'relations.partOf': ['system:default/shop', 'system:default/till'],
    });
  });

  it('makes each annotation value an alternative of its own', () => {
    expect(
      scopeCatalogFilter({
        types: ['service'],
        annotations: ['opsready.io/tier=1', 'opsready.io/tier=2'],
      }),
    ).toEqual([
      {
        kind: ['Component'],
        'spec.type': ['service'],
        'metadata.annotations.opsready.io/tier': ['1'],
      },
      {
        kind: ['Component'],
        'spec.type': ['service'],
        'metadata.annotations.opsready.io/tier': ['2'],
      },
    ]);
  });

  it('leaves out what it cannot express, for matchesScope to decide', () => {
    expect(
      scopeCatalogFilter({
        systems: ['shop', 'system:default/till'],
        annotations: ['opsready.io/tier=1', 'backstage.io/kubernetes-id'],
      }),
    ).toEqual({ kind: ['Component'] });
    expect(
      scopeCatalogFilter({
        annotations: [`opsready.io/note=${'x'.repeat(201)}`],
      }),
    ).toEqual({ kind: ['Component'] });
  });
});

describe('scopeEntities', () => {
  it('reads the scope from the catalog page by page, each entity checked again', async () => {
    const entities = [
      ...Array.from({ length: 620 }, (_, i) =>
        component(`svc-${i}`, {
          spec: { owner: i % 2 ? 'team-a' : 'team-b' },
          annotations: i % 3 ? {} : { 'opsready.io/tier': '1' },
        }),
      ),
      component('shop-site', {
        spec: { system: 'shop', owner: 'team-a', type: 'website' },
      }),
      component('api', { kind: 'API', spec: { owner: 'team-a' } }),
    ];
    const catalog = catalogServiceMock({ entities });
    const streamed = jest.spyOn(catalog, 'streamEntities');
    const read = async (scope: Parameters<typeof matchesScope>[1]) => {
      const refs: string[] = [];
      for await (const page of scopeEntities(
        catalog,
        scope,
        mockCredentials.service(),
      )) {
        refs.push(...page.map(e => normalizeEntityRef(e)));
      }
      return refs;
    };

    const teamA = await read({ owners: ['team-a'], types: ['service'] });
    expect(teamA).toHaveLength(310);
    expect(teamA).not.toContain('component:default/shop-site');
    expect(streamed).toHaveBeenLastCalledWith(
      expect.objectContaining({
        filter: {
          kind: ['Component'],
          'spec.type': ['service'],
          'relations.ownedBy': ['group:default/team-a'],
        },
        fields: expect.arrayContaining(['spec.owner', 'relations']),
      }),
      { credentials: mockCredentials.service() },
    );

    const tiered = await read({
      owners: ['group:default/team-a'],
      annotations: ['opsready.io/tier'],
    });
    // Odd and a multiple of 3.
    expect(tiered).toHaveLength(103);
    expect(await read({ systems: ['shop'] })).toEqual([
      'component:default/shop-site',
    ]);
  });
});
