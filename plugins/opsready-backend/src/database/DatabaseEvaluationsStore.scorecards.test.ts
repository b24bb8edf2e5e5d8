import { storeTestDatabases } from '../__testUtils__/testDatabases';
import { at, evaluation, result } from '../__testUtils__/storedEvaluations';
import { DatabaseEvaluationsStore } from './DatabaseEvaluationsStore';

jest.setTimeout(60_000);

const { databases, createStore } = storeTestDatabases(DatabaseEvaluationsStore);

describe.each(databases.eachSupportedId())(
  'DatabaseEvaluationsStore, scorecards (%s)',
  databaseId => {
    it('keeps only the scorecards that scored the latest evaluation, and keeps them when it names none', async () => {
      const { store } = await createStore(databaseId);
      const entityRef = 'component:default/cartservice';
      await store.saveEvaluation(
        evaluation({
          entityRef,
          scorecards: [
            { scorecardId: 'operability', score: 40, level: null },
            { scorecardId: 'security', score: 90, level: 'gold' },
          ],
        }),
      );
      // The security scorecard's scope no longer covers the entity.
      await store.saveEvaluation(
        evaluation({
          entityRef,
          evaluatedAt: at('2026-11-21T10:00:00Z'),
          scorecards: [
            { scorecardId: 'operability', score: 55, level: 'bronze' },
          ],
        }),
      );
      expect((await store.getEvaluation(entityRef))?.scorecards).toEqual([
        { scorecardId: 'operability', score: 55, level: 'bronze' },
      ]);

      // A save that says nothing of scorecards leaves them as they are.
      await store.saveEvaluation(evaluation({ entityRef, score: 60 }));
      expect((await store.getEvaluation(entityRef))?.scorecards).toEqual([
        { scorecardId: 'operability', score: 55, level: 'bronze' },
      ]);

      await store.deleteEntities([entityRef]);
      await store.saveEvaluation(evaluation({ entityRef }));
      expect((await store.getEvaluation(entityRef))?.scorecards).toEqual([]);
    });

    it('shows the fleet through another scorecard: its scores, levels and failing checks', async () => {
      const { store } = await createStore(databaseId);
      const scorecards = (security: number | null) => [
        { scorecardId: 'production-readiness', score: 50, level: 'bronze' },
        ...(security === null
          ? []
          : [
              {
                scorecardId: 'security',
                score: security,
                level: security >= 80 ? 'safe' : null,
              },
            ]),
      ];
      await store.saveEvaluation(
        evaluation({
          entityRef: 'component:default/a',
          results: [
            result('repository.secrets', 'fail'),
            result('kubernetes.pdb', 'fail'),
          ],
          scorecards: scorecards(30),
        }),
      );
      await store.saveEvaluation(
        evaluation({
          entityRef: 'component:default/b',
          results: [result('kubernetes.pdb', 'fail')],
          scorecards: scorecards(90),
        }),
      );
      // Out of the security scorecard's scope.
      await store.saveEvaluation(
        evaluation({
          entityRef: 'component:default/c',
          results: [result('kubernetes.pdb', 'fail')],
          scorecards: scorecards(null),
        }),
      );

      const fleet = await store.getFleet(
        {},
        { limit: 10 },
        { otherThanFirst: 'security', checkIds: ['repository.secrets'] },
      );
      expect(
        fleet.items.map(({ entityRef, score, level, owner }) => ({
          entityRef,
          score,
          level,
          owner,
        })),
      ).toEqual([
        {
          entityRef: 'component:default/a',
          score: 30,
          level: null,
          owner: 'group:default/payments',
        },
        {
          entityRef: 'component:default/b',
          score: 90,
          level: 'safe',
          owner: 'group:default/payments',
        },
      ]);
      expect(fleet.levelCounts).toEqual({ none: 1, safe: 1 });
      expect(fleet.owners).toEqual([
        { owner: 'group:default/payments', averageScore: 60, entities: 2 },
      ]);
      expect(fleet.topFailingChecks).toEqual([
        { checkId: 'repository.secrets', failing: 1 },
      ]);
      const safeOnly = await store.getFleet(
        { level: 'safe' },
        { limit: 10 },
        { otherThanFirst: 'security', checkIds: ['repository.secrets'] },
      );
      expect(safeOnly.items.map(i => i.entityRef)).toEqual([
        'component:default/b',
      ]);
      // The first scorecard's view is unchanged: every entity.
      expect((await store.getFleet({}, { limit: 10 })).totalEntities).toBe(3);
    });
  },
);
