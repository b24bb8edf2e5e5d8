import { mockCredentials } from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { registerRollupActions } from './rollupActions';
import type { Rollup } from '../rollups/types';
import type { OpsReadyActionsDeps } from './types';

const alan = mockCredentials.user('user:default/alan.turing');

function setUp() {
  const actionsRegistry = actionsRegistryServiceMock();
  const rollup = jest.fn(
    async (
      target: { kind: string; namespace: string; name: string },
      scorecard: string | undefined,
    ): Promise<Rollup> => ({
      entityRef: `${target.kind}:${target.namespace}/${target.name}`,
      title: 'Platform',
      scorecardId: scorecard ?? 'production-readiness',
      scorecards: [
        { id: 'production-readiness', title: 'Production readiness' },
      ],
      levels: ['gold', 'silver', 'bronze'],
      entities: 30,
      averageScore: 71,
      levelCounts: { gold: 10, silver: 12, none: 8 },
      worstChecks: [
        { checkId: 'kubernetes.pdb', title: 'PodDisruptionBudget', failing: 9 },
      ],
      breakdown: Array.from({ length: 25 }, (_, i) => ({
        entityRef: `group:default/team-${i}`,
        title: `Team ${i}`,
        kind: 'group',
        entities: 1,
        averageScore: 50 + i,
      })),
      moreParts: 0,
    }),
  );
  registerRollupActions({
    actionsRegistry,
    rollup,
  } as Partial<OpsReadyActionsDeps> as OpsReadyActionsDeps);
  const invoke = async (name: string, input: Record<string, unknown>) =>
    (
      await actionsRegistry.invoke({
        id: `test:${name}`,
        input: input as any,
        credentials: alan,
      })
    ).output as any;
  return { rollup, invoke };
}

describe('get-org-rollup', () => {
  it('answers the roll-up of a group on a scorecard, the worst parts first, and wants the kind named', async () => {
    const { invoke, rollup } = setUp();
    const output = await invoke('get-org-rollup', {
      entityRef: 'group:platform',
      scorecard: 'security',
    });
    expect(rollup).toHaveBeenCalledWith(
      { kind: 'group', namespace: 'default', name: 'platform' },
      'security',
      alan,
    );
    expect(output).toMatchObject({
      entityRef: 'group:default/platform',
      scorecardId: 'security',
      averageScore: 71,
      levelCounts: { gold: 10, silver: 12, none: 8 },
      worstChecks: [{ checkId: 'kubernetes.pdb', failing: 9 }],
    });
    // Enough to act on: the first 20 of 25 parts.
    expect(output.breakdown).toHaveLength(20);
    expect(output.breakdown[0].entityRef).toBe('group:default/team-0');
    await expect(
      invoke('get-org-rollup', { entityRef: 'platform' }),
    ).rejects.toThrow(
      'entityRef is not an entity ref with its kind, e.g. group:default/platform',
    );
  });
});
