import { CheckResult } from '@opsready/plugin-opsready-common';
import { serviceEntity } from '../__testUtils__/serviceEntity';
import {
  createTestDatabases,
  testPluginDatabase,
} from '../__testUtils__/testDatabases';
import { DatabaseFixProposalsStore } from '../database/DatabaseFixProposalsStore';
import { pruneFixProposals } from './pruneFixProposals';

jest.setTimeout(60_000);

const databases = createTestDatabases();

const cart = 'component:default/cartservice';
const frontend = 'component:default/frontend';

const evaluated = (
  name: string,
  results: Array<[string, CheckResult['status']]>,
) => ({
  entity: serviceEntity(name, {}),
  exemptCheckIds: new Set<string>(),
  evaluation: {
    entityRef: `component:default/${name}`,
    kind: 'component',
    owner: null,
    score: 50,
    level: null,
    evaluatedAt: new Date('2026-12-10T12:00:00Z'),
    results: results.map(([checkId, status]) => ({
      checkId,
      status,
      message: status,
    })),
  },
});

async function storeWithProposals() {
  const knex = await databases.init('SQLITE_3');
  const store = await DatabaseFixProposalsStore.create({
    database: testPluginDatabase(knex),
  });
  const proposal = (entityRef: string, checkId: string) => ({
    entityRef,
    checkId,
    url: 'https://github.com/acme/repo/pull/1',
    createdBy: 'user:default/pat',
    createdAt: new Date('2026-12-10T10:00:00Z'),
  });
  await store.saveProposals([
    proposal(cart, 'kubernetes.probes'),
    proposal(cart, 'kubernetes.resources'),
    proposal(cart, 'repository.readme'),
    proposal(cart, 'catalog.owner'),
    proposal(frontend, 'kubernetes.probes'),
  ]);
  return store;
}

describe('pruneFixProposals', () => {
  it('deletes the proposals of checks that now pass or no longer apply, and keeps the rest', async () => {
    const store = await storeWithProposals();
    await pruneFixProposals(store)([
      evaluated('cartservice', [
        ['kubernetes.probes', 'pass'],
        ['kubernetes.resources', 'fail'],
        ['repository.readme', 'not-applicable'],
      ]),
    ]);
    expect(
      (await store.proposalsOf([cart, frontend]))
        .map(p => `${p.entityRef} ${p.checkId}`)
        .sort(),
    ).toEqual([
      // No result for the check: nothing says it passes.
      `${cart} catalog.owner`,
      `${cart} kubernetes.resources`,
      // Not in the batch: its own evaluation decides.
      `${frontend} kubernetes.probes`,
    ]);
  });
});
