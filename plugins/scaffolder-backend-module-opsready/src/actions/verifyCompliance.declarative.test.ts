import { UrlReaderService } from '@backstage/backend-plugin-api';
import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { writeGoldenWorkspace } from '../__testUtils__/goldenWorkspace';
import {
  declarativeChecksOf,
  paymentsTeam,
} from '../__testUtils__/testContext';
import { createVerifyComplianceAction } from './verifyCompliance';

const POLICY = 'https://github.com/acme/policy/blob/main/opsready/checks.yaml';

// A check the platform team declares: every service links its runbook.
const runbook = {
  id: 'acme.runbook',
  title: 'Runbook linked',
  description: 'Links the runbook on-call follows.',
  category: 'catalog',
  severity: 'high',
  weight: 5,
  remediation: 'Add the acme.com/runbook annotation.',
  condition: { annotation: { name: 'acme.com/runbook', matches: '^https://' } },
};

const withRunbook = (catalogInfo: string) =>
  catalogInfo.replace(
    '  annotations:\n',
    '  annotations:\n    acme.com/runbook: https://runbooks.example.com/refunds\n',
  );

/** A URL reader serving the policy repository's file of checks. */
function policyServing(checks: unknown[]) {
  return mockServices.urlReader.mock({
    readUrl: jest.fn(async () => ({
      buffer: async () => Buffer.from(stringify({ checks })),
    })) as any,
  });
}

describe('opsready:compliance:verify with declarative checks', () => {
  const mockDir = createMockDirectory();
  const workspacePath = mockDir.resolve('workspace');

  beforeEach(async () => {
    mockDir.setContent({ workspace: {} });
    await writeGoldenWorkspace(workspacePath);
  });

  async function run(
    input: Record<string, any>,
    opsready: object,
    urlReader: UrlReaderService = mockServices.urlReader.mock(),
  ) {
    const config = mockServices.rootConfig({
      data: {
        kubernetes: { serviceLocatorMethod: { type: 'multiTenant' } },
        opsready,
      },
    });
    const ctx = createMockActionContext({ input, workspacePath });
    const action = createVerifyComplianceAction({
      catalog: catalogServiceMock({ entities: [paymentsTeam] }),
      config,
      declarativeChecks: declarativeChecksOf(config, urlReader),
    });
    await action.handler(ctx as any);
    return ctx;
  }

  async function linkRunbook() {
    const path = join(workspacePath, 'catalog-info.yaml');
    await fs.writeFile(path, withRunbook(await fs.readFile(path, 'utf8')));
  }

  it('fails a service that misses a check declared in app-config, naming it', async () => {
    const fromConfig = { checks: { declarative: [runbook] } };
    await expect(run({}, fromConfig)).rejects.toThrow(
      /refund-service would reach level \w+ with a score of \d+, but golden checks fail: acme\.runbook \(Runbook linked, fail\)/,
    );
    // It weighs in the score too, as in the portal.
    const ctx = await run(
      { allowFailingChecks: true, minimumLevel: 'bronze' },
      fromConfig,
    );
    expect(ctx.output).toHaveBeenCalledWith('failingChecks', [
      {
        checkId: 'acme.runbook',
        title: 'Runbook linked',
        status: 'fail',
        message: expect.stringContaining('acme.com/runbook'),
      },
    ]);
    expect(ctx.output).toHaveBeenCalledWith('score', expect.any(Number));
    expect(ctx.output).not.toHaveBeenCalledWith('score', 100);
  });

  it('passes a service that meets the check declared in app-config', async () => {
    await linkRunbook();
    const ctx = await run({}, { checks: { declarative: [runbook] } });
    expect(ctx.output).toHaveBeenCalledWith('failingChecks', []);
    expect(ctx.output).toHaveBeenCalledWith('level', 'gold');
  });

  it('leaves out a declarative check disabled in config, as the portal does', async () => {
    const ctx = await run(
      {},
      { checks: { declarative: [runbook], disabled: ['acme.runbook'] } },
    );
    expect(ctx.output).toHaveBeenCalledWith('failingChecks', []);
  });

  it('verifies with the checks of a check location, read through the URL reader', async () => {
    const reader = policyServing([runbook]);
    const fromLocation = { checks: { locations: [{ target: POLICY }] } };
    const failing = await run(
      { allowFailingChecks: true, minimumLevel: 'bronze' },
      fromLocation,
      reader,
    );
    expect(failing.output).toHaveBeenCalledWith('failingChecks', [
      expect.objectContaining({ checkId: 'acme.runbook', status: 'fail' }),
    ]);
    expect(reader.readUrl).toHaveBeenCalledWith(POLICY, expect.anything());

    await linkRunbook();
    const passing = await run({}, fromLocation, policyServing([runbook]));
    expect(passing.output).toHaveBeenCalledWith('failingChecks', []);
  });

  it('fails, saying why, when a check location cannot be read, rather than promise a level with fewer checks', async () => {
    await linkRunbook();
    const unreachable = mockServices.urlReader.mock({
      readUrl: jest.fn(async () => {
        throw new Error('ECONNREFUSED');
      }),
    });
    await expect(
      run({}, { checks: { locations: [{ target: POLICY }] } }, unreachable),
    ).rejects.toThrow(
      `OpsReady cannot verify with the checks the portal runs: Check location ${POLICY} could not be read: ECONNREFUSED. Verifying without them could promise a higher level than the portal gives`,
    );
  });
});
