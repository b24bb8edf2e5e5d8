import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import { execFile, spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import yaml from 'yaml';
import { paymentsTeam } from './__testUtils__/testContext';
import { evaluateWorkspace } from './compliance/evaluateWorkspace';
import { readScoringConfig } from '@opsready/plugin-opsready-node';
import { readComponentEntity } from './compliance/workspaceEntity';
import { scaffolderModuleOpsReady } from './module';
import {
  cartEntity,
  makeLocalRepository,
} from './fixes/__testUtils__/fixRepository';

const TEMPLATES = resolve(__dirname, '../../../templates');
// The demo's service from before the golden path (packages/demo-fleet).
const LEGACY_BILLING = resolve(
  __dirname,
  '../../../packages/demo-fleet/legacy-billing',
);

const entities = [
  paymentsTeam,
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name: 'checkout', namespace: 'default' },
    spec: { owner: 'group:default/payments' },
  },
];

const values = {
  name: 'refund-service',
  description: 'Refunds payments for the checkout.',
  owner: 'group:default/payments',
  system: 'system:default/checkout',
  tier: 'standard',
  lifecycle: 'production',
  port: 8080,
  namespace: 'payments',
  imageRegistry: 'registry.example.com',
};

async function listFiles(root: string): Promise<string[]> {
  const entries = await fs.readdir(root, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map(async entry => {
      const path = join(root, entry.name);
      return entry.isDirectory() ? listFiles(path) : [path];
    }),
  );
  return nested.flat();
}

/** The template as the scaffolder's dry-run endpoint takes it. */
async function dryRunRequest(
  template: string,
  parameters: Record<string, unknown> = values,
) {
  const dir = join(TEMPLATES, template);
  const files = await listFiles(dir);
  return {
    template: yaml.parse(await fs.readFile(join(dir, 'template.yaml'), 'utf8')),
    values: parameters,
    directoryContents: await Promise.all(
      files.map(async file => ({
        path: relative(dir, file),
        base64Content: (await fs.readFile(file)).toString('base64'),
      })),
    ),
  };
}

/**
 * Renders a template through the real scaffolder backend (dry run) with
 * this module's actions, and writes the rendered repository to disk.
 */
async function renderTemplate(
  template: string,
  options: {
    values?: Record<string, unknown>;
    entities?: object[];
    config?: object;
  } = {},
) {
  const backend = await startTestBackend({
    features: [
      scaffolderPlugin,
      scaffolderModuleOpsReady,
      catalogServiceMock.factory({
        entities: (options.entities ?? entities) as any[],
      }),
      ...(options.config
        ? [mockServices.rootConfig.factory({ data: options.config })]
        : []),
    ],
  });
  try {
    const address = backend.server.address() as { port: number };
    const response = await fetch(
      `http://localhost:${address.port}/api/scaffolder/v2/dry-run`,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: mockCredentials.user.header(),
        },
        body: JSON.stringify(await dryRunRequest(template, options.values)),
      },
    );
    const body = await response.json();
    if (response.status !== 200) {
      throw new Error(
        `dry run answered ${response.status}: ${JSON.stringify(body)}`,
      );
    }
    const root = await fs.mkdtemp(join(tmpdir(), `${template}-rendered-`));
    for (const file of body.directoryContents) {
      const path = join(root, file.path);
      await fs.mkdir(dirname(path), { recursive: true });
      await fs.writeFile(path, Buffer.from(file.base64Content, 'base64'));
    }
    return { root, body };
  } finally {
    await backend.stop();
  }
}

async function checksOn(root: string) {
  return evaluateWorkspace({
    root,
    entity: await readComponentEntity(
      join(root, 'catalog-info.yaml'),
      'catalog-info.yaml',
    ),
    catalog: catalogServiceMock({ entities }),
    credentials: mockCredentials.user(),
    settings: readScoringConfig(mockServices.rootConfig()),
    // As in the local portal: the prober runs and a cluster is configured.
    sources: { health: true, kubernetes: true },
    // The default config declares none.
    declarativeChecks: [],
  });
}

describe.each(['node-service', 'python-service'])(
  'the %s template',
  template => {
    let rendered: { root: string; body: any };

    beforeAll(async () => {
      rendered = await renderTemplate(template);
    }, 60_000);

    afterAll(async () => {
      if (rendered) {
        await fs.rm(rendered.root, { recursive: true, force: true });
      }
    });

    it('renders through the scaffolder, every step run or dry-run', () => {
      const messages = rendered.body.log
        .map((l: any) => l.body.message)
        .join('\n');
      expect(messages).toContain('reaches level gold');
      expect(messages).toContain('Dry run: would publish the workspace');
      expect(messages).toContain(
        'Dry run: would record that component:default/refund-service was provisioned from',
      );
      expect(rendered.body.output.text[0].content).toContain(
        '**refund-service** reaches level **gold**',
      );
      expect(rendered.body.output.text[0].content).toContain(
        'Pending, and out of the score until the first probe or deployment: Uptime target met, p95 latency within the SLO, Error budget remaining.',
      );
      expect(rendered.body.output.text[0].content).toContain(
        'Health endpoint: `http://127.0.0.1:8080/healthz`, which this portal probes.',
      );
    });

    it('renders a repository at the top level, with no check failing', async () => {
      const { level, failingChecks, pendingChecks, results } = await checksOn(
        rendered.root,
      );
      expect(failingChecks).toEqual([]);
      expect(level).toBe('gold');
      // What needs the running service waits for it, out of the score.
      expect(pendingChecks.map(c => c.checkId)).toEqual([
        'health.uptime',
        'health.latency',
        'slo.budget-remaining',
        'kubernetes.drift',
      ]);
      // The one warning: a new service declares no dependencies yet.
      expect(
        results.filter(r => r.status === 'warn').map(r => r.checkId),
      ).toEqual(['catalog.dependencies']);
    });

    it('renders a catalog entity for the service and the API it provides', async () => {
      const documents = yaml
        .parseAllDocuments(
          await fs.readFile(join(rendered.root, 'catalog-info.yaml'), 'utf8'),
        )
        .map(d => d.toJS());
      expect(documents.map(d => `${d.kind}:${d.metadata.name}`)).toEqual([
        'Component:refund-service',
        'API:refund-service-api',
      ]);
      // Published locally, it runs beside the portal, which can probe it
      // there (the local portal allows 127.0.0.1), not in a cluster.
      expect(documents[0].metadata.annotations['opsready.io/health-url']).toBe(
        'http://127.0.0.1:8080/healthz',
      );
      expect(documents[0].spec).toMatchObject({
        owner: 'group:default/payments',
        system: 'system:default/checkout',
        lifecycle: 'production',
      });
    });

    it('renders a CI workflow with its GitHub expressions intact', async () => {
      const workflow = await fs.readFile(
        join(rendered.root, '.github/workflows/ci.yaml'),
        'utf8',
      );
      const parsed = yaml.parse(workflow);
      expect(parsed.jobs.deploy.env.OPSREADY_TOKEN).toBe(
        '${{ secrets.OPSREADY_TOKEN }}',
      );
      expect(parsed.jobs.deploy.steps.at(-1).run).toBe(
        "bash .github/scripts/report-deployment.sh ${{ job.status == 'success' && 'succeeded' || 'failed' }}",
      );
      expect(yaml.parse(workflow).env.SERVICE).toBe('refund-service');
    });
  },
);

describe('the opsready-fix template', () => {
  let repositories: string;

  beforeAll(async () => {
    repositories = await fs.mkdtemp(join(tmpdir(), 'opsready-fix-repos-'));
    await makeLocalRepository(join(repositories, 'cart'));
  });

  afterAll(async () => {
    await fs.rm(repositories, { recursive: true, force: true });
  });

  it('generates, verifies and would commit a fix to a branch of the local repository (dry run)', async () => {
    const { body } = await renderTemplate('opsready-fix', {
      values: {
        entityRef: 'component:default/cart',
        checkIds: ['repository.codeowners', 'repository.readme'],
      },
      entities: [...entities, cartEntity(join(repositories, 'cart'))],
      config: {
        opsready: { scaffolder: { publishLocal: { directory: repositories } } },
      },
    });
    const messages = body.log.map((l: any) => l.body.message).join('\n');
    expect(messages).toContain(
      `Dry run: would commit the workspace to a new branch opsready/fix-codeowners-readme of ${join(
        repositories,
        'cart',
      )}`,
    );
    expect(messages).toContain(
      'Dry run: would record the fix of repository.codeowners, repository.readme proposed for component:default/cart',
    );
    const text = body.output.text[0].content;
    expect(text).toContain(
      'repository.codeowners, repository.readme pass after the fix and no other check got worse',
    );
    expect(text).toContain('```diff\n--- /dev/null\n+++ b/.github/CODEOWNERS');
    expect(text).toContain('+* @payments');
    expect(body.output.links[0].url).toBe(
      `file://${join(repositories, 'cart')}#opsready/fix-codeowners-readme`,
    );
  }, 60_000);

  it("fixes the demo's legacy-billing: probes from its health endpoint, resources and a budget from the tier presets, verified (dry run)", async () => {
    const repository = join(repositories, 'legacy-billing');
    await fs.cp(LEGACY_BILLING, repository, { recursive: true });
    await makeLocalRepository(repository, {});
    const declared = yaml
      .parseAllDocuments(
        await fs.readFile(join(repository, 'catalog-info.yaml'), 'utf8'),
      )[0]
      .toJS();
    const entity = {
      ...declared,
      metadata: {
        ...declared.metadata,
        namespace: 'default',
        annotations: {
          ...declared.metadata.annotations,
          'backstage.io/managed-by-location': `file:${join(
            repository,
            'catalog-info.yaml',
          )}`,
        },
      },
    };
    const { body } = await renderTemplate('opsready-fix', {
      values: {
        entityRef: 'component:default/legacy-billing',
        checkIds: [
          'kubernetes.probes',
          'kubernetes.resources',
          'kubernetes.pdb',
        ],
      },
      entities: [...entities, entity],
      config: {
        opsready: { scaffolder: { publishLocal: { directory: repositories } } },
      },
    });
    const text = body.output.text[0].content;
    expect(text).toContain(
      'kubernetes.probes, kubernetes.resources, kubernetes.pdb pass after the fix and no other check got worse',
    );
    // Probes on the declared health endpoint's path and named port.
    expect(text).toContain('+          readinessProbe:');
    expect(text).toContain('+              path: /healthz');
    expect(text).toContain('+              port: http');
    // The standard tier's presets.
    expect(text).toContain('+              cpu: 100m');
    expect(text).toContain('+kind: PodDisruptionBudget');
    // What was not to change, is not in the diff.
    expect(text).not.toContain('-    app: legacy-billing');
    // One change a line, and how to merge the branch.
    expect(text).toContain(
      '\n- Added PodDisruptionBudget/legacy-billing (minAvailable 1)',
    );
    expect(text).toContain(
      `git -C ${repository} merge --ff-only opsready/fix-probes-resources-pdb`,
    );
  }, 60_000);
});

const run = promisify(execFile);

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise(r => server.close(r));
  return port;
}

async function waitFor(url: string, deadline: number): Promise<Response> {
  for (;;) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (response.status === 200) {
        return response;
      }
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      throw new Error(`${url} did not answer 200 in time`);
    }
    await new Promise(r => setTimeout(r, 200));
  }
}

describe('the rendered node-service', () => {
  let root: string;

  beforeAll(async () => {
    ({ root } = await renderTemplate('node-service'));
  }, 60_000);

  afterAll(async () => {
    if (root) {
      await fs.rm(root, { recursive: true, force: true });
    }
  });

  it('installs, builds, passes its own tests, serves its endpoints and stops cleanly on SIGTERM', async () => {
    const npm = (args: string[], timeout: number) =>
      run('npm', args, { cwd: root, timeout, env: process.env });
    await npm(
      ['install', '--no-audit', '--no-fund', '--loglevel=error'],
      150_000,
    );
    await npm(['test'], 60_000);

    const port = await freePort();
    const child = spawn(process.execPath, ['dist/index.js'], {
      cwd: root,
      env: { ...process.env, PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', chunk => (stdout += chunk));
    const exited = new Promise<number | null>(r => child.on('exit', r));
    try {
      const base = `http://127.0.0.1:${port}`;
      await waitFor(`${base}/readyz`, Date.now() + 15_000);
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      const metrics = await (await fetch(`${base}/metrics`)).text();
      expect(metrics).toMatch(
        /http_requests_total\{method="GET",route="\/healthz",code="200"\} 1/,
      );
      expect(metrics).toContain('process_cpu_user_seconds_total');

      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      child.kill('SIGKILL');
    }
    const records = stdout
      .trim()
      .split('\n')
      .map(line => JSON.parse(line));
    expect(records.map(r => r.msg)).toEqual(
      expect.arrayContaining(['listening', 'shutting down', 'stopped']),
    );
    expect(records[0]).toMatchObject({ service: 'refund-service', level: 30 });
  }, 240_000);
});
