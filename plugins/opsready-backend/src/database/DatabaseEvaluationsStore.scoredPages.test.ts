import { storeTestDatabases } from '../__testUtils__/testDatabases';
import { DatabaseEvaluationsStore } from './DatabaseEvaluationsStore';
import { StoredEvaluation } from './EvaluationsStore';

jest.setTimeout(60_000);

const { databases, createStore } = storeTestDatabases(DatabaseEvaluationsStore);

const evaluatedAt = new Date('2026-11-20T10:00:00Z');

function evaluation(
  entityRef: string,
  overrides: Partial<StoredEvaluation> = {},
): StoredEvaluation {
  return {
    entityRef,
    kind: 'component',
    owner: 'group:default/payments',
    score: 50,
    level: 'bronze',
    evaluatedAt,
    results: [
      { checkId: 'catalog.owner', status: 'pass', message: 'Owned.' },
      {
        checkId: 'kubernetes.pdb',
        status: 'fail',
        message: 'No PodDisruptionBudget.',
        evidence: { deployments: ['cart'] },
      },
    ],
    ...overrides,
  };
}

describe.each(databases.eachSupportedId())(
  'DatabaseEvaluationsStore scopes and scored pages (%s)',
  databaseId => {
    it('keeps the type, lifecycle and tags an evaluation was made with', async () => {
      const { store } = await createStore(databaseId);
      await store.saveEvaluation(
        evaluation('component:default/cart', {
          scope: {
            type: 'service',
            lifecycle: 'production',
            tags: ['pci', 'java'],
          },
        }),
      );
      await store.saveEvaluation(
        evaluation('component:default/bare', {
          scope: { type: null, lifecycle: null, tags: [] },
        }),
      );
      const read = await store.getEvaluations([
        'component:default/cart',
        'component:default/bare',
      ]);
      expect(read.get('component:default/cart')?.scope).toEqual({
        type: 'service',
        lifecycle: 'production',
        tags: ['pci', 'java'],
      });
      // No type nor tags is known, which is not the same as not recorded.
      expect(read.get('component:default/bare')?.scope).toEqual({
        type: null,
        lifecycle: null,
        tags: [],
      });

      // A later evaluation replaces them.
      await store.saveEvaluation(
        evaluation('component:default/cart', {
          scope: { type: 'service', lifecycle: 'experimental', tags: [] },
        }),
      );
      expect(
        (await store.getEvaluation('component:default/cart'))?.scope,
      ).toEqual({ type: 'service', lifecycle: 'experimental', tags: [] });
    });

    it('reads an evaluation saved without its scope as not recorded', async () => {
      const { store } = await createStore(databaseId);
      await store.saveEvaluation(evaluation('component:default/old'));
      const read = await store.getEvaluation('component:default/old');
      expect(read).toBeDefined();
      expect(read!.scope).toBeUndefined();
      const page = await store.readScoredPage(undefined, 10);
      expect(page[0].scope).toBeUndefined();
    });

    it('reads scored pages in entity ref order with statuses only', async () => {
      const { store } = await createStore(databaseId);
      const refs = ['c', 'a', 'e', 'b', 'd'].map(n => `component:default/${n}`);
      for (const ref of refs) {
        await store.saveEvaluation(
          evaluation(ref, {
            scope: { type: 'service', lifecycle: 'production', tags: ['pci'] },
            firstEvaluatedAt: new Date('2026-01-01T00:00:00Z'),
          }),
        );
      }
      await store.saveEvaluation(
        evaluation('api:default/no-results', { kind: 'api', results: [] }),
      );

      const first = await store.readScoredPage(undefined, 3);
      expect(first.map(e => e.entityRef)).toEqual([
        'api:default/no-results',
        'component:default/a',
        'component:default/b',
      ]);
      expect(first[0]).toEqual({
        entityRef: 'api:default/no-results',
        kind: 'api',
        evaluatedAt,
        firstEvaluatedAt: evaluatedAt,
        results: [],
      });
      expect(first[1]).toEqual({
        entityRef: 'component:default/a',
        kind: 'component',
        scope: { type: 'service', lifecycle: 'production', tags: ['pci'] },
        evaluatedAt,
        // The store keeps the time of its own first evaluation.
        firstEvaluatedAt: evaluatedAt,
        results: expect.arrayContaining([
          { checkId: 'catalog.owner', status: 'pass' },
          { checkId: 'kubernetes.pdb', status: 'fail' },
        ]),
      });
      expect(first[1].results).toHaveLength(2);

      const second = await store.readScoredPage('component:default/b', 3);
      expect(second.map(e => e.entityRef)).toEqual([
        'component:default/c',
        'component:default/d',
        'component:default/e',
      ]);
      expect(await store.readScoredPage('component:default/e', 3)).toEqual([]);
    });
  },
);
