import { component, group, system } from './__testUtils__/org';
import { childGroupsOf, groupsBelow, membersBy, unionOf } from './membership';
import { toOrgEntity } from './orgEntities';

const g = (name: string) => `group:default/${name}`;

describe('group membership', () => {
  it('reaches every group below, three levels deep, whichever end holds the link', () => {
    const groups = [
      // engineering -> payments (parentOf only), payments -> checkout
      // (childOf only), checkout -> checkout-api (both ends).
      group('engineering', { children: ['payments'] }),
      group('payments'),
      group('checkout', { parent: 'payments' }),
      group('checkout-api', { parent: 'checkout' }),
      group('unrelated'),
    ].map(toOrgEntity);
    groups[2].related.set('parentof', [g('checkout-api')]);
    const children = childGroupsOf(groups);

    expect([...groupsBelow(g('engineering'), children)].sort()).toEqual([
      g('checkout'),
      g('checkout-api'),
      g('engineering'),
      g('payments'),
    ]);
    expect([...groupsBelow(g('checkout-api'), children)]).toEqual([
      g('checkout-api'),
    ]);
  });

  it('walks a cycle in bad catalog data once', () => {
    const groups = [
      group('a', { parent: 'c' }),
      group('b', { parent: 'a' }),
      group('c', { parent: 'b' }),
    ].map(toOrgEntity);
    expect([...groupsBelow(g('a'), childGroupsOf(groups))].sort()).toEqual([
      g('a'),
      g('b'),
      g('c'),
    ]);
  });

  it('cuts the tree at a group the caller cannot see', () => {
    // `hidden` is not among the groups read: its child is not reached.
    const groups = [
      group('top', { children: ['hidden'] }),
      group('below-hidden', { parent: 'hidden' }),
    ].map(toOrgEntity);
    expect([...groupsBelow(g('top'), childGroupsOf(groups))]).toEqual([
      g('top'),
    ]);
  });

  it('covers what the groups of a subtree own, each entity once', () => {
    const members = [
      component('cart', 'payments'),
      component('ledger', 'checkout'),
      component('search', 'storefront'),
    ].map(toOrgEntity);
    members[1].related.get('ownedby')!.push(g('payments'));
    const byOwner = membersBy(members, 'ownedby', 'group');
    expect(unionOf([g('payments'), g('checkout')], byOwner).sort()).toEqual([
      'component:default/cart',
      'component:default/ledger',
    ]);
  });
});

describe('system and domain membership', () => {
  it('takes the components part of a system, and the systems of a domain', () => {
    const members = [
      component('cart', 'payments', 'shop'),
      component('ledger', 'payments', 'billing'),
      component('orphan', 'payments'),
    ].map(toOrgEntity);
    const systems = [system('shop', 'commerce'), system('billing')].map(
      toOrgEntity,
    );
    const bySystem = membersBy(members, 'partof', 'system');
    expect(bySystem.get('system:default/shop')).toEqual([
      'component:default/cart',
    ]);
    const byDomain = membersBy(systems, 'partof', 'domain');
    expect(
      unionOf(byDomain.get('domain:default/commerce') ?? [], bySystem),
    ).toEqual(['component:default/cart']);
  });
});
