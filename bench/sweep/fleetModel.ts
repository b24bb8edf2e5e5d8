/*
 * The simulated fleet: which repositories there are, which services each
 * holds, and the files of a service at a given commit. Pure functions of
 * the repository's name and the fixes pushed so far, so that the simulator
 * and the catalog agree without sharing state, and a run can be repeated.
 */
import { createHash } from 'node:crypto';

export const OWNER = 'bench';
/** Services in each monorepo; half the repositories are monorepos. */
export const SERVICES_PER_MONOREPO = 9;
const SOURCE_FILES = 20;

export interface SimService {
  repo: string;
  /** Directory in the repository, '' for a single-service repository. */
  path: string;
  /** Name of the catalog entity. */
  entityName: string;
  team: string;
}

export interface SimRepository {
  name: string;
  monorepo: boolean;
  services: SimService[];
}

const pad = (n: number) => String(n).padStart(4, '0');

/** Repositories `repo-0000`…: even ones hold one service, odd ones nine. */
export function fleetRepositories(count: number): SimRepository[] {
  return Array.from({ length: count }, (_, i) => {
    const name = `repo-${pad(i)}`;
    const monorepo = i % 2 === 1;
    const team = `team-${i % 40}`;
    const services = monorepo
      ? Array.from({ length: SERVICES_PER_MONOREPO }, (__, s) => ({
          repo: name,
          path: `services/svc-${s}`,
          entityName: `${name}-svc-${s}`,
          team,
        }))
      : [{ repo: name, path: '', entityName: name, team }];
    return { name, monorepo, services };
  });
}

/** A stable 32-bit number per string, to vary the files by. */
export function hash(text: string): number {
  return createHash('sha1').update(text).digest().readUInt32BE(0);
}

/** The commit sha of a repository's n-th commit on main. */
export function commitSha(repo: string, commit: number): string {
  return createHash('sha1').update(`${OWNER}/${repo}@${commit}`).digest('hex');
}

/** What a service does right or wrong, before any fix is pushed. */
export interface Traits {
  probes: boolean;
  resources: boolean;
  securityContext: boolean;
  replicas: number;
  pdb: boolean;
  imagePinned: boolean;
  dockerfilePinned: boolean;
  dockerfileUser: boolean;
  structuredLogging: boolean;
  metrics: boolean;
  alerts: boolean;
  ci: boolean;
  longReadme: boolean;
}

/** Fixes a push can make, in the order a push picks them. */
export const FIXES = ['probes', 'resources', 'codeowners', 'readme'] as const;
export type Fix = (typeof FIXES)[number];

function bit(h: number, n: number, outOf: number, chance: number): boolean {
  return (Math.floor(h / outOf ** n) % outOf) / outOf < chance;
}

export function traitsOf(service: SimService): Traits {
  const h = hash(`${service.repo}/${service.path}`);
  const g = hash(`${service.path}/${service.repo}`);
  return {
    probes: bit(h, 0, 10, 0.6),
    resources: bit(h, 1, 10, 0.7),
    securityContext: bit(h, 2, 10, 0.5),
    replicas: bit(h, 3, 10, 0.6) ? 3 : 1,
    pdb: bit(h, 4, 10, 0.4),
    imagePinned: bit(h, 5, 10, 0.5),
    dockerfilePinned: bit(h, 6, 10, 0.6),
    dockerfileUser: bit(h, 7, 10, 0.7),
    structuredLogging: bit(g, 0, 10, 0.6),
    metrics: bit(g, 1, 10, 0.5),
    alerts: bit(g, 2, 10, 0.4),
    ci: bit(g, 3, 10, 0.9),
    longReadme: bit(g, 4, 10, 0.7),
  };
}

/** Whether the repository's root CODEOWNERS assigns owners at first. */
export function hasCodeowners(repo: string): boolean {
  return hash(`codeowners/${repo}`) % 10 < 6;
}

/** Fixes pushed so far, per service path (and '.' for the repository). */
export type AppliedFixes = Record<string, Fix[]>;

function deployment(service: SimService, t: Traits): string {
  const name = service.entityName;
  const image = t.imagePinned
    ? `ghcr.io/bench/${name}@sha256:${createHash('sha256')
        .update(name)
        .digest('hex')}`
    : `ghcr.io/bench/${name}:latest`;
  const lines = [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    `  name: ${name}`,
    '  labels:',
    `    app: ${name}`,
    'spec:',
    `  replicas: ${t.replicas}`,
    '  selector:',
    '    matchLabels:',
    `      app: ${name}`,
    '  template:',
    '    metadata:',
    '      labels:',
    `        app: ${name}`,
    '    spec:',
    '      containers:',
    '        - name: server',
    `          image: ${image}`,
    '          ports:',
    '            - name: http',
    '              containerPort: 8080',
  ];
  if (t.probes) {
    lines.push(
      '          readinessProbe:',
      '            httpGet: { path: /readyz, port: http }',
      '          livenessProbe:',
      '            httpGet: { path: /healthz, port: http }',
    );
  }
  if (t.resources) {
    lines.push(
      '          resources:',
      '            requests: { cpu: 100m, memory: 128Mi }',
      '            limits: { cpu: 500m, memory: 256Mi }',
    );
  }
  if (t.securityContext) {
    lines.push(
      '          securityContext:',
      '            runAsNonRoot: true',
      '            allowPrivilegeEscalation: false',
      '            readOnlyRootFilesystem: true',
    );
  }
  return `${lines.join('\n')}\n`;
}

function k8sService(service: SimService): string {
  const name = service.entityName;
  return [
    'apiVersion: v1',
    'kind: Service',
    'metadata:',
    `  name: ${name}`,
    'spec:',
    '  selector:',
    `    app: ${name}`,
    '  ports:',
    '    - name: http',
    '      port: 80',
    '      targetPort: http',
    '',
  ].join('\n');
}

function pdb(service: SimService): string {
  const name = service.entityName;
  return [
    'apiVersion: policy/v1',
    'kind: PodDisruptionBudget',
    'metadata:',
    `  name: ${name}`,
    'spec:',
    '  minAvailable: 1',
    '  selector:',
    '    matchLabels:',
    `      app: ${name}`,
    '',
  ].join('\n');
}

/** Code-like text that compresses as source does, different per file. */
function sourceFile(service: SimService, index: number): string {
  let seed = hash(`${service.repo}/${service.path}/src/${index}`);
  const next = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed;
  };
  const words = ['order', 'cart', 'user', 'price', 'item', 'total', 'retry'];
  const lines = [`// ${service.entityName} module ${index}`];
  const count = 20 + (next() % 30);
  for (let i = 0; i < count; i++) {
    const a = words[next() % words.length];
    const b = words[next() % words.length];
    lines.push(
      `export function ${a}${i}(${b}: number): number { return ${b} * ${
        next() % 997
      } + ${next() % 89}; }`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** The files of one service directory, paths relative to it. */
export function serviceFiles(
  service: SimService,
  fixes: Fix[] = [],
): Record<string, string> {
  const t = { ...traitsOf(service) };
  if (fixes.includes('probes')) t.probes = true;
  if (fixes.includes('resources')) t.resources = true;
  const name = service.entityName;
  const files: Record<string, string> = {
    'catalog-info.yaml': [
      'apiVersion: backstage.io/v1alpha1',
      'kind: Component',
      'metadata:',
      `  name: ${name}`,
      'spec:',
      '  type: service',
      '  lifecycle: production',
      `  owner: group:default/${service.team}`,
      '',
    ].join('\n'),
    Dockerfile: [
      t.dockerfilePinned
        ? 'FROM node:22.11.0-alpine3.20@sha256:b64ced2e7cd0a4816699fe308ce6e8a08ccba463c757c00c14cd372e3d2c763e AS build'
        : 'FROM node:latest AS build',
      'WORKDIR /app',
      'COPY package.json ./',
      'RUN npm install --omit=dev',
      'COPY src ./src',
      ...(t.dockerfileUser ? ['USER node'] : []),
      'CMD ["node", "src/index.js"]',
      '',
    ].join('\n'),
    'package.json': `${JSON.stringify(
      {
        name,
        version: '1.0.0',
        private: true,
        dependencies: {
          express: '^4.21.0',
          ...(t.structuredLogging ? { pino: '^9.5.0' } : {}),
          ...(t.metrics ? { 'prom-client': '^15.1.0' } : {}),
        },
        devDependencies: { typescript: '^5.6.0' },
      },
      null,
      2,
    )}\n`,
    'README.md': t.longReadme
      ? `# ${name}\n\n${name} serves the ${service.team} API. Run it with \`npm start\`; it listens on port 8080.\n\n## Running locally\n\n\`\`\`sh\nnpm install\nnpm start\n\`\`\`\n\n## Owners\n\n${service.team}, on call through the usual rota.\n`
      : `# ${name}\n`,
    'k8s/deployment.yaml': deployment(service, t),
    'k8s/service.yaml': k8sService(service),
  };
  if (t.ci || fixes.includes('readme')) {
    files['.github/workflows/ci.yaml'] = [
      'name: ci',
      'on: [push, pull_request]',
      'jobs:',
      '  test:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - uses: actions/checkout@v4',
      '      - run: npm ci && npm test',
      '',
    ].join('\n');
  }
  if (fixes.includes('readme')) {
    files['README.md'] += `\nChanged by push (${fixes.length} fixes).\n`;
  }
  if (t.pdb) files['k8s/pdb.yaml'] = pdb(service);
  if (t.alerts) {
    files['alerts/rules.yaml'] = [
      'groups:',
      `  - name: ${name}`,
      '    rules:',
      '      - alert: HighErrorRate',
      `        expr: sum(rate(http_requests_total{app="${name}",code=~"5.."}[5m])) > 1`,
      '        for: 10m',
      '',
    ].join('\n');
  }
  for (let i = 0; i < SOURCE_FILES; i++) {
    files[`src/module-${String(i).padStart(2, '0')}.ts`] = sourceFile(
      service,
      i,
    );
  }
  return files;
}

/** The root CODEOWNERS of a repository, or undefined when it has none. */
export function codeownersFile(
  repository: SimRepository,
  fixes: AppliedFixes,
): string | undefined {
  const fixed = (fixes['.'] ?? []).includes('codeowners');
  if (!fixed && !hasCodeowners(repository.name)) return undefined;
  const team = repository.services[0].team;
  if (!repository.monorepo) return `# Reviews\n* @${OWNER}/${team}\n`;
  return `# Reviews, by service\n${repository.services
    .map(s => `/${s.path}/ @${OWNER}/${team}`)
    .join('\n')}\n`;
}

/** Every file of the repository at a commit, paths from its root. */
export function repositoryFiles(
  repository: SimRepository,
  fixes: AppliedFixes,
): Record<string, string> {
  const files: Record<string, string> = {};
  const codeowners = codeownersFile(repository, fixes);
  if (codeowners) files['.github/CODEOWNERS'] = codeowners;
  if (repository.monorepo) {
    files[
      'README.md'
    ] = `# ${repository.name}\n\nServices of ${repository.services[0].team}.\n`;
  }
  for (const service of repository.services) {
    const prefix = service.path ? `${service.path}/` : '';
    for (const [path, text] of Object.entries(
      serviceFiles(service, fixes[service.path] ?? []),
    )) {
      files[`${prefix}${path}`] = text;
    }
  }
  return files;
}

/**
 * What a push to the repository changes: the first service (or the
 * repository's CODEOWNERS) with a fix still to make, so that a check's
 * verdict changes: probes, then resources, then CODEOWNERS, then the README
 * (and a CI workflow). Undefined when all is fixed.
 */
export function nextFix(
  repository: SimRepository,
  fixes: AppliedFixes,
  onlyPath?: string,
): { path: string; fix: Fix } | undefined {
  for (const fix of FIXES) {
    if (fix === 'codeowners') {
      if (onlyPath !== undefined) continue;
      const done = (fixes['.'] ?? []).includes('codeowners');
      if (!done && !hasCodeowners(repository.name)) {
        return { path: '.', fix };
      }
      continue;
    }
    for (const service of repository.services) {
      if (onlyPath !== undefined && service.path !== onlyPath) continue;
      const done = fixes[service.path] ?? [];
      if (done.includes(fix)) continue;
      const t = traitsOf(service);
      if (
        (fix === 'probes' && !t.probes) ||
        (fix === 'resources' && !t.resources) ||
        fix === 'readme'
      ) {
        return { path: service.path, fix };
      }
    }
  }
  return undefined;
}
