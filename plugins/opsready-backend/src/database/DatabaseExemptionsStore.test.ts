import { storeTestDatabases } from '../__testUtils__/testDatabases';
import { DatabaseExemptionsStore } from './DatabaseExemptionsStore';

jest.setTimeout(60_000);

const { databases, createStore } = storeTestDatabases(DatabaseExemptionsStore);

const at = (iso: string) => new Date(iso);

describe.each(databases.eachSupportedId())(
  'DatabaseExemptionsStore (%s)',
  databaseId => {
    it('keeps exemptions with who, why and until when, and ends them on expiry or revocation', async () => {
      const { store } = await createStore(databaseId);
      const entityRef = 'component:default/cartservice';
      const exemption = await store.createExemption({
        entityRef,
        checkId: 'kubernetes.pdb',
        reason: 'Single-replica cache, rebuilt on start',
        expiresAt: at('2026-12-31T00:00:00Z'),
        createdBy: 'user:default/ada.lovelace',
        status: 'granted',
      });
      expect(exemption).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        entityRef,
        checkId: 'kubernetes.pdb',
        reason: 'Single-replica cache, rebuilt on start',
        expiresAt: '2026-12-31T00:00:00.000Z',
        status: 'granted',
        createdBy: 'user:default/ada.lovelace',
        createdAt: expect.any(String),
        // Granted outright: its maker decided it.
        decidedBy: 'user:default/ada.lovelace',
        decidedAt: exemption.createdAt,
      });
      expect(await store.getExemption(exemption.id)).toEqual(exemption);

      expect(
        (
          await store.activeExemptions(entityRef, at('2026-12-01T00:00:00Z'))
        ).map(e => e.id),
      ).toEqual([exemption.id]);
      // Expired: no longer in force, still listed for the audit trail.
      expect(
        await store.activeExemptions(entityRef, at('2027-01-01T00:00:00Z')),
      ).toEqual([]);

      await store.revokeExemption(
        exemption.id,
        'user:default/grace.hopper',
        at('2026-11-22T12:00:00Z'),
      );
      expect(
        await store.activeExemptions(entityRef, at('2026-12-01T00:00:00Z')),
      ).toEqual([]);
      expect(await store.listExemptions(entityRef)).toEqual([
        {
          ...exemption,
          revokedAt: '2026-11-22T12:00:00.000Z',
          revokedBy: 'user:default/grace.hopper',
        },
      ]);
    });

    it('reads the exemptions in force of many entities at once', async () => {
      const { store } = await createStore(databaseId);
      const grant = (
        entityRef: string,
        checkId: string,
        expiresAt: string,
        status: 'granted' | 'requested' = 'granted',
      ) =>
        store.createExemption({
          entityRef,
          checkId,
          reason: 'Single-replica cache',
          expiresAt: at(expiresAt),
          createdBy: 'user:default/ada.lovelace',
          status,
        });
      const cart = 'component:default/cartservice';
      const search = 'component:default/search';
      const pdb = await grant(cart, 'kubernetes.pdb', '2026-12-31T00:00:00Z');
      const docs = await grant(cart, 'catalog.docs', '2026-12-31T00:00:00Z');
      await grant(cart, 'health.endpoint', '2026-11-30T00:00:00Z');
      await grant(
        search,
        'kubernetes.pdb',
        '2026-12-31T00:00:00Z',
        'requested',
      );
      const revoked = await grant(
        search,
        'catalog.docs',
        '2026-12-31T00:00:00Z',
      );
      await store.revokeExemption(
        revoked.id,
        'user:default/grace',
        at('2026-11-20T00:00:00Z'),
      );
      await grant(
        'component:default/other',
        'catalog.docs',
        '2026-12-31T00:00:00Z',
      );

      const active = await store.activeExemptionsOf(
        [cart, search, 'component:default/nothing'],
        at('2026-12-01T00:00:00Z'),
      );
      expect([...active.keys()]).toEqual([cart]);
      expect(
        active
          .get(cart)!
          .map(e => e.id)
          .sort(),
      ).toEqual([pdb.id, docs.id].sort());
    });

    it('keeps a requested exemption out of force until it is granted, and a declined one for good', async () => {
      const { store } = await createStore(databaseId);
      const entityRef = 'component:default/cartservice';
      const asked = (checkId: string) =>
        store.createExemption({
          entityRef,
          checkId,
          reason: 'Batch job, no probes to speak of',
          expiresAt: at('2026-12-31T00:00:00Z'),
          createdBy: 'user:default/linus',
          status: 'requested',
        });
      const probes = await asked('kubernetes.probes');
      const pdb = await asked('kubernetes.pdb');
      const dec1 = at('2026-12-01T00:00:00Z');
      expect(probes).toMatchObject({ status: 'requested' });
      expect(probes.decidedBy).toBeUndefined();
      expect(await store.activeExemptions(entityRef, dec1)).toEqual([]);
      expect(
        (await store.pendingExemptionRequests(entityRef, dec1))
          .map(e => e.checkId)
          .sort(),
      ).toEqual(['kubernetes.pdb', 'kubernetes.probes']);

      const granted = await store.decideExemption(probes.id, {
        status: 'granted',
        by: 'user:default/grace.hopper',
        note: 'Until the job moves to a CronJob',
        at: at('2026-11-30T09:00:00Z'),
      });
      expect(granted).toMatchObject({
        status: 'granted',
        decidedBy: 'user:default/grace.hopper',
        decidedAt: '2026-11-30T09:00:00.000Z',
        decisionNote: 'Until the job moves to a CronJob',
      });
      await store.decideExemption(pdb.id, {
        status: 'declined',
        by: 'user:default/grace.hopper',
        at: at('2026-11-30T09:01:00Z'),
      });
      expect(
        (await store.activeExemptions(entityRef, dec1)).map(e => e.checkId),
      ).toEqual(['kubernetes.probes']);
      expect(await store.pendingExemptionRequests(entityRef, dec1)).toEqual([]);
      // Decided once: a second decision changes nothing.
      expect(
        await store.decideExemption(pdb.id, {
          status: 'granted',
          by: 'user:default/ada',
          at: at('2026-11-30T10:00:00Z'),
        }),
      ).toBeUndefined();
      expect(await store.getExemption(pdb.id)).toMatchObject({
        status: 'declined',
      });
    });

    it('lists exemptions of every entity expiring in a range, leaving out the revoked, the undecided and the renewed', async () => {
      const { store } = await createStore(databaseId);
      const make = (
        entityRef: string,
        checkId: string,
        expiresAt: string,
        status: 'granted' | 'requested' = 'granted',
      ) =>
        store.createExemption({
          entityRef,
          checkId,
          reason: 'r',
          expiresAt: at(expiresAt),
          createdBy: 'user:default/ada',
          status,
        });
      const cart = 'component:default/cartservice';
      const ledger = 'component:default/ledger';
      const soon = await make(cart, 'kubernetes.pdb', '2026-12-10T00:00:00Z');
      const sooner = await make(
        ledger,
        'catalog.owner',
        '2026-12-09T00:00:00Z',
      );
      // Later than the range, or already past it.
      await make(cart, 'catalog.owner', '2027-01-01T00:00:00Z');
      await make(cart, 'catalog.description', '2026-12-01T00:00:00Z');
      // Asked for, not granted: nothing is in force to expire.
      await make(
        cart,
        'kubernetes.probes',
        '2026-12-10T00:00:00Z',
        'requested',
      );
      const revoked = await make(
        ledger,
        'kubernetes.pdb',
        '2026-12-10T00:00:00Z',
      );
      await store.revokeExemption(
        revoked.id,
        'user:default/ada',
        at('2026-12-05T00:00:00Z'),
      );
      // Renewed: a later exemption of the same check outlasts it.
      await make(ledger, 'kubernetes.probes', '2026-12-11T00:00:00Z');
      await make(ledger, 'kubernetes.probes', '2027-03-01T00:00:00Z');

      const range = {
        from: at('2026-12-08T00:00:00Z'),
        to: at('2026-12-15T00:00:00Z'),
      };
      expect(await store.expiringExemptions(range, 100)).toEqual([
        sooner,
        soon,
      ]);
      expect(await store.expiringExemptions(range, 1)).toEqual([sooner]);
      // The range is open at its start: what expired at `from` was in an earlier scan.
      expect(
        await store.expiringExemptions(
          { from: at('2026-12-09T00:00:00Z'), to: range.to },
          100,
        ),
      ).toEqual([soon]);
    });

    it('deletes every exemption of entities that left the catalog', async () => {
      const { store } = await createStore(databaseId);
      const exemptionOf = (entityRef: string) =>
        store.createExemption({
          entityRef,
          checkId: 'a',
          reason: 'r',
          expiresAt: at('2030-01-01T00:00:00Z'),
          createdBy: 'user:default/ada',
          status: 'granted',
        });
      await exemptionOf('component:default/gone');
      const kept = await exemptionOf('component:default/kept');

      await store.deleteEntities(['component:default/gone']);

      expect(await store.listExemptions('component:default/gone')).toEqual([]);
      expect(await store.listExemptions('component:default/kept')).toEqual([
        kept,
      ]);
    });
  },
);
