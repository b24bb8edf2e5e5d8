import { storeTestDatabases } from '../__testUtils__/testDatabases';
import { DatabaseEvaluationsStore } from '../database/DatabaseEvaluationsStore';
import { databasePages, EvaluationPages, storePages } from './evaluationPages';
import { evaluation, fleet } from './__testUtils__/fleet';

jest.setTimeout(60_000);

const { databases, createStore } = storeTestDatabases(DatabaseEvaluationsStore);

async function all(pages: EvaluationPages, pageSize: number) {
  const seen = [];
  for await (const page of pages(pageSize)) seen.push(page);
  return seen;
}

const scored = (pages: Awaited<ReturnType<typeof all>>) =>
  pages.flat().map(e => ({
    ...e,
    results: e.results
      .map(({ checkId, status }) => ({ checkId, status }))
      .sort((a, b) => a.checkId.localeCompare(b.checkId)),
  }));

describe.each(databases.eachSupportedId())('databasePages (%s)', databaseId => {
  it('reads in pages what the store holds, as the store reads it', async () => {
    const { store } = await createStore(databaseId);
    const saved = [
      ...fleet,
      evaluation('component:default/no-results', {}),
      evaluation('component:default/z', { 'catalog.owner': 'warn' }),
    ];
    for (const e of saved) await store.saveEvaluation(e);

    const pages = await all(databasePages(store), 3);
    expect(pages.map(p => p.length)).toEqual([3, 3, 1]);
    expect(scored(pages)).toEqual(scored(await all(storePages(store), 3)));
    expect(scored(pages).map(e => e.entityRef)).toEqual(
      saved.map(e => e.entityRef).sort(),
    );
    expect(scored(pages)[0]).toEqual({
      entityRef: 'api:default/e',
      kind: 'api',
      evaluatedAt: fleet[4].evaluatedAt,
      // The store keeps its own first evaluation time: this one.
      firstEvaluatedAt: fleet[4].evaluatedAt,
      results: [
        { checkId: 'catalog.owner', status: 'pass' },
        { checkId: 'kubernetes.pdb', status: 'pass' },
        { checkId: 'kubernetes.probes', status: 'fail' },
      ],
    });
  });

  it('yields nothing for an empty store', async () => {
    const { store } = await createStore(databaseId);
    expect(await all(databasePages(store), 10)).toEqual([]);
  });
});
