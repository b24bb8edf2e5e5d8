import { complianceHandlers } from './compliance';

const entityRef = 'component:default/cartservice';
const at = '2026-12-08T10:00:00.000Z';

describe('complianceHandlers', () => {
  it('tells the owners of a level drop, linking the compliance tab, digestible', async () => {
    const notices = await complianceHandlers['compliance.level-dropped']({
      type: 'compliance.level-dropped',
      entityRef,
      from: 'gold',
      to: 'silver',
      at,
    });
    expect(notices).toEqual([
      {
        entityRef,
        topic: 'compliance',
        kind: 'compliance.level-dropped',
        severity: 'normal',
        title: 'cartservice dropped from gold to silver',
        description: expect.stringContaining('no longer meets gold'),
        link: '/catalog/default/component/cartservice/opsready-compliance',
        scope: 'compliance:component:default/cartservice:level',
        digestible: true,
      },
    ]);
    // No recipients: the notifier tells the owners.
    expect(notices[0].recipients).toBeUndefined();
  });

  it('makes losing every level louder than a step down', async () => {
    const [notice] = await complianceHandlers['compliance.level-dropped']({
      type: 'compliance.level-dropped',
      entityRef: 'component:payments/ledger',
      from: 'bronze',
      to: 'none',
      at,
    });
    expect(notice.severity).toBe('high');
    // Outside the default namespace the namespace is named.
    expect(notice.title).toBe(
      'payments/ledger lost its compliance level bronze',
    );
    expect(notice.link).toBe(
      '/catalog/payments/component/ledger/opsready-compliance',
    );
  });

  it('tells of a critical check starting to fail, one scope per check', async () => {
    const failing = (checkId: string) =>
      complianceHandlers['compliance.check-failing']({
        type: 'compliance.check-failing',
        entityRef,
        checkId,
        title: 'Has an owner',
        at,
      });
    const [owner] = await failing('catalog.owner');
    expect(owner).toEqual(
      expect.objectContaining({
        topic: 'compliance',
        kind: 'compliance.check-failing',
        severity: 'critical',
        title: 'cartservice fails the critical check "Has an owner"',
        link: '/catalog/default/component/cartservice/opsready-compliance',
        scope: 'compliance:component:default/cartservice:check:catalog.owner',
        digestible: true,
      }),
    );
    const [other] = await failing('delivery.no-stale-critical-errors');
    expect(other.scope).not.toBe(owner.scope);
  });
});
