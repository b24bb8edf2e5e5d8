import { storeTestDatabases } from '../__testUtils__/testDatabases';
import { DatabaseRollupReads } from './DatabaseRollupReads';

jest.setTimeout(60_000);

const { databases, createStore } = storeTestDatabases(DatabaseRollupReads);

const ref = (n: number) => `component:default/service-${n}`;
const evaluatedAt = new Date('2026-12-13T10:00:00Z');

describe.each(databases.eachSupportedId())(
  'DatabaseRollupReads (%s)',
  databaseId => {
    it('reads the scores on one scorecard only, of the entities asked, past the parameter limit', async () => {
      const { knex, store } = await createStore(databaseId);
      // More refs than one statement may bind on SQLite.
      const refs = Array.from({ length: 1200 }, (_, i) => ref(i));
      await knex.batchInsert(
        'opsready_scorecard_scores',
        refs.flatMap((entityRef, i) => [
          {
            entity_ref: entityRef,
            scorecard_id: 'production-readiness',
            score: (i % 100) as number | null,
            level: i % 2 ? 'bronze' : null,
            evaluated_at: evaluatedAt,
          },
          {
            entity_ref: entityRef,
            scorecard_id: 'security',
            score: null,
            level: null as string | null,
            evaluated_at: evaluatedAt,
          },
        ]),
        200,
      );

      const scores = await store.scores(
        [...refs, ref(5), 'component:default/never-evaluated'],
        'production-readiness',
      );
      expect(scores.size).toBe(1200);
      expect(scores.get(ref(1199))).toEqual({ score: 99, level: 'bronze' });
      expect(scores.get(ref(4))).toEqual({ score: 4, level: null });
      expect(scores.has('component:default/never-evaluated')).toBe(false);
      expect((await store.scores([ref(7)], 'security')).get(ref(7))).toEqual({
        score: null,
        level: null,
      });
    });

    it("counts failing and erring checks among the scorecard's, over every chunk", async () => {
      const { knex, store } = await createStore(databaseId);
      const refs = Array.from({ length: 450 }, (_, i) => ref(i));
      const result = (entityRef: string, checkId: string, status: string) => ({
        entity_ref: entityRef,
        check_id: checkId,
        status,
        message: '',
        evaluated_at: evaluatedAt,
      });
      await knex.batchInsert(
        'opsready_check_results',
        refs.flatMap((entityRef, i) => [
          result(entityRef, 'catalog.owner', i % 3 === 0 ? 'fail' : 'pass'),
          result(entityRef, 'catalog.docs', i < 10 ? 'error' : 'warn'),
          result(entityRef, 'security.scan', 'fail'),
        ]),
        200,
      );
      const checks = ['catalog.owner', 'catalog.docs'];

      const counts = await store.failingCounts(refs, checks);
      expect(Object.fromEntries(counts)).toEqual({
        'catalog.owner': 150,
        'catalog.docs': 10,
      });
      const byEntity = await store.failingChecks(refs, checks);
      expect(byEntity.get(ref(0))?.sort()).toEqual([
        'catalog.docs',
        'catalog.owner',
      ]);
      expect(byEntity.get(ref(11))).toBeUndefined();
      expect(byEntity.get(ref(12))).toEqual(['catalog.owner']);
      // A ref asked twice is counted once.
      expect(
        Object.fromEntries(
          await store.failingCounts([ref(0), ref(0)], ['catalog.owner']),
        ),
      ).toEqual({ 'catalog.owner': 1 });
    });
  },
);
