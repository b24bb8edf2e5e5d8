import { createExemptionHandlers, requesterToTell } from './exemptions';

const entityRef = 'component:default/cartservice';
const handlers = createExemptionHandlers({
  platformGroups: ['group:default/platform', 'group:ops/sre'],
  checkTitle: id => (id === 'kubernetes.pdb' ? 'Has a PDB' : undefined),
});
const link = '/catalog/default/component/cartservice/opsready-compliance';

const requested = {
  type: 'exemption.requested' as const,
  entityRef,
  exemptionId: 'ex-1',
  checkId: 'kubernetes.pdb',
  requestedBy: 'user:default/linus',
  reason: 'Single-replica cache, rebuilt on start',
  at: '2026-12-08T10:00:00.000Z',
};

const decided = {
  type: 'exemption.decided' as const,
  entityRef,
  exemptionId: 'ex-1',
  checkId: 'kubernetes.pdb',
  requestedBy: 'user:default/linus',
  decidedBy: 'user:default/grace',
  decision: 'declined' as const,
  note: 'Add a PDB instead',
  at: '2026-12-08T11:00:00.000Z',
};

describe('exemption handlers', () => {
  it('tells the platform groups of a request, with who asks and why', async () => {
    expect(await handlers['exemption.requested'](requested)).toEqual([
      {
        entityRef,
        topic: 'exemptions',
        kind: 'exemption.requested',
        severity: 'normal',
        title:
          'cartservice: an exemption from "Has a PDB" waits for a decision',
        description:
          'user:default/linus asks: Single-replica cache, rebuilt on start',
        link,
        scope: 'exemption:ex-1',
        recipients: ['group:default/platform', 'group:ops/sre'],
        digestible: true,
      },
    ]);
  });

  it('tells nobody of a request when no platform group may decide it', async () => {
    const none = createExemptionHandlers({ platformGroups: [] });
    expect(await none['exemption.requested'](requested)).toEqual([]);
  });

  it('quotes a long reason cut short, and names a check without title by id', async () => {
    const [notice] = await handlers['exemption.requested']({
      ...requested,
      checkId: 'catalog.owner',
      reason: 'x'.repeat(5000),
    });
    expect(notice.title).toContain('exemption from catalog.owner');
    expect(notice.description!.length).toBeLessThan(400);
    expect(notice.description).toMatch(/…$/);
  });

  it('tells the requester of the decision, with the note', async () => {
    expect(await handlers['exemption.decided'](decided)).toEqual([
      expect.objectContaining({
        kind: 'exemption.decided',
        title: 'cartservice: your exemption from "Has a PDB" was declined',
        description: 'user:default/grace declined it: Add a PDB instead',
        recipients: ['user:default/linus'],
        scope: 'exemption:ex-1',
        link,
      }),
    ]);
    const [granted] = await handlers['exemption.decided']({
      ...decided,
      decision: 'granted',
      note: undefined,
    });
    expect(granted.description).toBe('user:default/grace granted it.');
  });

  it('tells no one of a decision on a service’s request, nor a decider of their own', async () => {
    expect(
      await handlers['exemption.decided']({
        ...decided,
        requestedBy: 'plugin:scaffolder',
      }),
    ).toEqual([]);
    expect(
      await handlers['exemption.decided']({
        ...decided,
        decidedBy: 'user:default/linus',
      }),
    ).toEqual([]);
  });

  it('warns the owners once of an exemption expiring, and again once it expired', async () => {
    const event = {
      type: 'exemption.expiring' as const,
      entityRef,
      exemptionId: 'ex-1',
      checkId: 'kubernetes.pdb',
      expiresAt: '2026-12-15T00:00:00.000Z',
      expired: false,
    };
    const [warning] = await handlers['exemption.expiring'](event);
    expect(warning).toEqual(
      expect.objectContaining({
        severity: 'normal',
        title:
          'cartservice: the exemption from "Has a PDB" expires on 2026-12-15',
        once: {
          key: 'exemption-expiring:ex-1:warning',
          withinMs: 30 * 86400_000,
        },
        scope: 'exemption:ex-1',
        link,
      }),
    );
    expect(warning.recipients).toBeUndefined();
    const [expired] = await handlers['exemption.expiring']({
      ...event,
      expired: true,
    });
    expect(expired).toEqual(
      expect.objectContaining({
        severity: 'high',
        title: 'cartservice: the exemption from "Has a PDB" has expired',
        once: {
          key: 'exemption-expiring:ex-1:expired',
          withinMs: 30 * 86400_000,
        },
      }),
    );
  });
});

describe('requesterToTell', () => {
  it('is the user who asked, and nobody for a service or anything else', () => {
    expect(requesterToTell('user:default/linus')).toBe('user:default/linus');
    expect(requesterToTell('plugin:scaffolder')).toBeUndefined();
    expect(requesterToTell('external:ci-bot')).toBeUndefined();
    expect(requesterToTell('unknown')).toBeUndefined();
    expect(requesterToTell('group:default/team')).toBeUndefined();
  });
});
