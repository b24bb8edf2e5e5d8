import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import {
  declarativeChecksOf,
  paymentsTeam,
} from '../__testUtils__/testContext';
import { writeGoldenWorkspace } from '../__testUtils__/goldenWorkspace';
import { createFixVerifyAction } from './fixVerify';

describe('opsready:fix:verify', () => {
  const mockDir = createMockDirectory();
  const workspacePath = mockDir.resolve('workspace');

  beforeEach(() => mockDir.setContent({ workspace: {} }));

  async function run(input: Record<string, any>) {
    const config = mockServices.rootConfig();
    const action = createFixVerifyAction({
      catalog: catalogServiceMock({ entities: [paymentsTeam] }),
      config,
      declarativeChecks: declarativeChecksOf(config),
    });
    const ctx = createMockActionContext({ input, workspacePath });
    await action.handler(ctx as any);
    return Object.fromEntries(
      (ctx.output as jest.Mock).mock.calls.map(([k, v]) => [k, v]),
    );
  }

  it('passes when the targeted check passes and nothing got worse', async () => {
    await writeGoldenWorkspace(workspacePath);
    const outputs = await run({
      checkIds: ['repository.codeowners'],
      baseline: {
        'repository.codeowners': 'fail',
        'repository.readme': 'pass',
      },
      scoreBefore: 90,
      levelBefore: 'silver',
    });
    expect(outputs.improvedChecks).toEqual([
      { checkId: 'repository.codeowners', before: 'fail', after: 'pass' },
    ]);
    expect(outputs.level).toBe('gold');
    expect(outputs.summary).toBe(
      `repository.codeowners passes after the fix and no other check got worse; score 90 → ${outputs.score}, level silver → gold.`,
    );
  });

  it('fails naming a targeted check that still does not pass', async () => {
    await writeGoldenWorkspace(workspacePath, { '.github/CODEOWNERS': null });
    await expect(
      run({
        checkIds: ['repository.codeowners'],
        baseline: { 'repository.codeowners': 'fail' },
      }),
    ).rejects.toThrow(
      /^The fix does not hold: repository.codeowners still does not pass \(fail\): No CODEOWNERS file/,
    );
  });

  it('fails naming another check that got worse', async () => {
    await writeGoldenWorkspace(workspacePath, {
      'README.md': '# refund-service\n',
    });
    await expect(
      run({
        checkIds: ['repository.codeowners'],
        baseline: {
          'repository.codeowners': 'fail',
          'repository.readme': 'pass',
        },
      }),
    ).rejects.toThrow(
      /repository.readme got worse \(pass → warn\): README.md is only 16 characters long/,
    );
  });

  it('refuses a missing baseline', async () => {
    await writeGoldenWorkspace(workspacePath);
    await expect(
      run({ checkIds: ['repository.codeowners'], baseline: {} }),
    ).rejects.toThrow(/^baseline must hold the status of each check/);
  });
});
