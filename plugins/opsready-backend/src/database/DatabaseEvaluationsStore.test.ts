import { ErrorSeverity } from '@opsready/plugin-opsready-common';
import { storeTestDatabases } from '../__testUtils__/testDatabases';
import { at, evaluation, result } from '../__testUtils__/storedEvaluations';
import { DatabaseErrorsStore } from './DatabaseErrorsStore';
import { DatabaseEvaluationsStore } from './DatabaseEvaluationsStore';

jest.setTimeout(60_000);

const { databases, createStore } = storeTestDatabases(DatabaseEvaluationsStore);

describe.each(databases.eachSupportedId())(
  'DatabaseEvaluationsStore (%s)',
  databaseId => {
    it('keeps the latest evaluation of an entity and reads it back', async () => {
      const { store } = await createStore(databaseId);
      const saved = evaluation({
        entityRef: 'component:default/cartservice',
        score: 75,
        level: 'silver',
        results: [
          {
            checkId: 'catalog.owner',
            status: 'pass',
            message: 'Owned by group:default/storefront.',
            evidence: { owner: 'group:default/storefront' },
          },
          result('catalog.system', 'fail', 'No system.'),
        ],
        scorecards: [
          { scorecardId: 'production-readiness', score: 75, level: 'silver' },
          { scorecardId: 'security', score: null, level: null },
        ],
      });
      await store.saveEvaluation(saved);

      expect(
        await store.getEvaluation('component:default/cartservice'),
      ).toEqual({ ...saved, firstEvaluatedAt: saved.evaluatedAt });
      expect(
        await store.getEvaluation('component:default/other'),
      ).toBeUndefined();
    });

    it('reads the latest evaluations of many entities at once, leaving out those never evaluated', async () => {
      const { store } = await createStore(databaseId);
      // More than one statement's worth, so the batches meet.
      const refs = Array.from(
        { length: 450 },
        (_, i) => `component:default/service-${String(i).padStart(3, '0')}`,
      );
      for (const [i, entityRef] of refs.entries()) {
        await store.saveEvaluation(
          evaluation({
            entityRef,
            score: i % 100,
            results: [
              result('catalog.owner', 'pass'),
              result('kubernetes.pdb', i % 2 ? 'fail' : 'pass', `#${i}`),
            ],
          }),
        );
      }
      const read = await store.getEvaluations([
        ...refs,
        'component:default/never',
      ]);
      expect(read.size).toBe(refs.length);
      expect(read.get('component:default/never')).toBeUndefined();
      expect(read.get(refs[301])).toEqual(await store.getEvaluation(refs[301]));
      expect(read.get(refs[301])).toMatchObject({
        score: 1,
        results: [
          result('catalog.owner', 'pass'),
          result('kubernetes.pdb', 'fail', '#301'),
        ],
      });
      expect(await store.getEvaluations([])).toEqual(new Map());
    });

    it('keeps when an entity was first evaluated, whatever later evaluations say', async () => {
      const { store } = await createStore(databaseId);
      const entityRef = 'component:default/refund-service';
      await store.saveEvaluation(
        evaluation({ entityRef, evaluatedAt: at('2026-12-01T10:00:00Z') }),
      );
      await store.saveEvaluation(
        evaluation({
          entityRef,
          evaluatedAt: at('2026-12-03T10:00:00Z'),
          // What a caller may pass is not what the store keeps.
          firstEvaluatedAt: at('2026-12-03T10:00:00Z'),
          score: 80,
        }),
      );
      expect((await store.getEvaluation(entityRef))?.firstEvaluatedAt).toEqual(
        at('2026-12-01T10:00:00Z'),
      );
      expect(
        await store.getFirstEvaluatedAt([entityRef, 'component:default/new']),
      ).toEqual(new Map([[entityRef, at('2026-12-01T10:00:00Z')]]));
    });

    it('dates entities evaluated before first evaluations were kept from their oldest score', async () => {
      const { store, knex } = await createStore(databaseId);
      const entityRef = 'component:default/old-service';
      await store.saveEvaluation(
        evaluation({ entityRef, evaluatedAt: at('2026-11-01T10:00:00Z') }),
      );
      await store.saveEvaluation(
        evaluation({
          entityRef,
          evaluatedAt: at('2026-11-20T10:00:00Z'),
          score: 90,
        }),
      );
      // As the migration found the rows: no first evaluation, then backfilled.
      const migration = require('../../migrations/20261207010000_first_evaluated_at.js');
      await migration.down(knex);
      await migration.up(knex);
      expect(await store.getFirstEvaluatedAt([entityRef])).toEqual(
        new Map([[entityRef, at('2026-11-01T10:00:00Z')]]),
      );
    });

    it('replaces results on re-evaluation and drops checks that no longer ran', async () => {
      const { store, knex } = await createStore(databaseId);
      const entityRef = 'component:default/paymentservice';
      await store.saveEvaluation(
        evaluation({
          entityRef,
          results: [
            result('catalog.owner', 'pass'),
            result('catalog.docs', 'fail'),
          ],
        }),
      );
      await store.saveEvaluation(
        evaluation({
          entityRef,
          score: null,
          level: null,
          evaluatedAt: at('2026-11-21T10:00:00Z'),
          results: [result('catalog.owner', 'warn', 'hmm')],
        }),
      );

      const latest = await store.getEvaluation(entityRef);
      expect(latest).toMatchObject({ score: null, level: null });
      expect(latest?.evaluatedAt.toISOString()).toBe(
        '2026-11-21T10:00:00.000Z',
      );
      expect(latest?.results).toEqual([result('catalog.owner', 'warn', 'hmm')]);
      const [{ n }] = await knex('opsready_check_results').count({ n: '*' });
      expect(Number(n)).toBe(1);
    });

    it('records a result or a score only when it changes', async () => {
      const { store } = await createStore(databaseId);
      const entityRef = 'component:default/frontend';
      const day = (d: number) => at(`2026-11-${10 + d}T00:00:00Z`);
      await store.saveEvaluation(
        evaluation({
          entityRef,
          score: 50,
          evaluatedAt: day(0),
          results: [result('a', 'fail'), result('b', 'pass')],
        }),
      );
      // Same everything: nothing new in either history.
      await store.saveEvaluation(
        evaluation({
          entityRef,
          score: 50,
          evaluatedAt: day(1),
          results: [result('a', 'fail'), result('b', 'pass')],
        }),
      );
      await store.saveEvaluation(
        evaluation({
          entityRef,
          score: 100,
          level: 'gold',
          evaluatedAt: day(2),
          results: [result('a', 'pass'), result('b', 'pass')],
        }),
      );

      const range = { from: day(0), to: day(5) };
      expect(await store.getScoreHistory(entityRef, range)).toEqual([
        { score: 50, level: 'bronze', recordedAt: day(0) },
        { score: 100, level: 'gold', recordedAt: day(2) },
      ]);
      expect(
        (await store.getResultChanges(entityRef, range)).map(c => [
          c.checkId,
          c.status,
          c.changedAt.toISOString(),
        ]),
      ).toEqual([
        ['a', 'fail', day(0).toISOString()],
        ['b', 'pass', day(0).toISOString()],
        ['a', 'pass', day(2).toISOString()],
      ]);
      // The range bounds the history.
      expect(
        await store.getScoreHistory(entityRef, { from: day(1), to: day(5) }),
      ).toEqual([{ score: 100, level: 'gold', recordedAt: day(2) }]);
    });

    it('pages the fleet and figures levels, owners and failing checks over the filter', async () => {
      const { store } = await createStore(databaseId);
      const save = (
        name: string,
        owner: string,
        score: number | null,
        level: string | null,
        failing: string[],
      ) =>
        store.saveEvaluation(
          evaluation({
            entityRef: `component:default/${name}`,
            owner,
            score,
            level,
            results: failing.map(id => result(id, 'fail')),
          }),
        );
      await save('a', 'group:default/payments', 90, 'gold', []);
      await save('b', 'group:default/payments', 60, 'bronze', ['catalog.docs']);
      await save('c', 'group:default/storefront', 40, null, [
        'catalog.docs',
        'kubernetes.probes',
      ]);
      await save('d', 'group:default/storefront', 80, 'silver', [
        'catalog.docs',
      ]);

      const first = await store.getFleet({}, { limit: 3 });
      expect(first.items.map(i => i.entityRef)).toEqual([
        'component:default/a',
        'component:default/b',
        'component:default/c',
      ]);
      expect(first.nextCursor).toBe('component:default/c');
      expect(first.totalEntities).toBe(4);
      expect(first.levelCounts).toEqual({
        gold: 1,
        bronze: 1,
        silver: 1,
        none: 1,
      });
      expect(first.owners).toEqual([
        { owner: 'group:default/payments', averageScore: 75, entities: 2 },
        { owner: 'group:default/storefront', averageScore: 60, entities: 2 },
      ]);
      expect(first.topFailingChecks).toEqual([
        { checkId: 'catalog.docs', failing: 3 },
        { checkId: 'kubernetes.probes', failing: 1 },
      ]);

      const second = await store.getFleet(
        {},
        { limit: 3, cursor: first.nextCursor },
      );
      expect(second.items.map(i => i.entityRef)).toEqual([
        'component:default/d',
      ]);
      expect(second.nextCursor).toBeUndefined();

      const storefront = await store.getFleet(
        { owner: 'group:default/storefront' },
        { limit: 10 },
      );
      expect(storefront.totalEntities).toBe(2);
      expect(storefront.topFailingChecks).toEqual([
        { checkId: 'catalog.docs', failing: 2 },
        { checkId: 'kubernetes.probes', failing: 1 },
      ]);
      const belowEveryLevel = await store.getFleet(
        { level: 'none' },
        { limit: 10 },
      );
      expect(belowEveryLevel.items.map(i => i.entityRef)).toEqual([
        'component:default/c',
      ]);
    });

    it("counts each fleet row's open critical and high problems", async () => {
      const { store, knex } = await createStore(databaseId);
      for (const name of ['a', 'b', 'c']) {
        await store.saveEvaluation(
          evaluation({ entityRef: `component:default/${name}` }),
        );
      }
      const events = await DatabaseErrorsStore.create({
        database: { getClient: async () => knex, migrations: { skip: true } },
      });
      const error = (
        name: string,
        externalId: string,
        severity: ErrorSeverity,
      ) => ({
        entityRef: `component:default/${name}`,
        environment: 'production',
        severity,
        category: 'dependency' as const,
        message: externalId,
        occurredAt: '2026-11-20T09:00:00Z',
        source: 'api',
        externalId,
        fingerprint: externalId,
      });
      await events.upsertErrors(
        [
          error('a', 'a-crit-1', 'critical'),
          error('a', 'a-crit-2', 'critical'),
          // Another sighting of the same problem counts once.
          {
            ...error('a', 'a-crit-2-again', 'critical'),
            fingerprint: 'a-crit-2',
          },
          error('a', 'a-high', 'high'),
          error('a', 'a-low', 'low'),
          error('a', 'a-medium', 'medium'),
          error('a', 'a-crit-fixed', 'critical'),
          error('b', 'b-high', 'high'),
          // Not on the page asked for: must not count on any row.
          error('c', 'c-crit', 'critical'),
        ],
        at('2026-11-20T10:00:00Z'),
      );
      const fixed = (
        await events.listErrors(
          'component:default/a',
          { severity: 'critical' },
          { limit: 10 },
        )
      ).items.find(e => e.externalId === 'a-crit-fixed')!;
      await events.resolveError(fixed.id, {
        by: 'user:default/ana',
        at: at('2026-11-20T11:00:00Z'),
      });

      const page = await store.getFleet({}, { limit: 2 });
      expect(page.items.map(i => [i.entityRef, i.openErrors] as const)).toEqual(
        [
          ['component:default/a', { critical: 2, high: 1 }],
          ['component:default/b', { critical: 0, high: 1 }],
        ],
      );
      const last = await store.getFleet(
        {},
        { limit: 2, cursor: page.nextCursor },
      );
      expect(last.items[0].openErrors).toEqual({ critical: 1, high: 0 });
    });

    it('deletes the evaluations and histories of entities that left the catalog', async () => {
      const { store } = await createStore(databaseId);
      await store.saveEvaluation(
        evaluation({
          entityRef: 'component:default/gone',
          results: [result('a', 'fail')],
        }),
      );
      await store.saveEvaluation(
        evaluation({ entityRef: 'component:default/kept' }),
      );
      expect((await store.listEntityRefs()).sort()).toEqual([
        'component:default/gone',
        'component:default/kept',
      ]);

      await store.deleteEntities(['component:default/gone']);

      expect(await store.listEntityRefs()).toEqual(['component:default/kept']);
      expect(
        await store.getEvaluation('component:default/gone'),
      ).toBeUndefined();
      expect(
        await store.getScoreHistory('component:default/gone', {
          from: at('2000-01-01T00:00:00Z'),
          to: at('2100-01-01T00:00:00Z'),
        }),
      ).toEqual([]);
    });
  },
);
