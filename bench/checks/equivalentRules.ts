import { CheckOptions } from '@opsready/plugin-opsready-node';
import { Engine, RuleProperties } from 'json-rules-engine';

/*
 * Rules for json-rules-engine that decide what OpsReady's built-in checks
 * decide, over the same facts, written the way Tech Insights checks are:
 * facts addressed by JSONPath, array logic in custom operators. Each rule
 * fails where the corresponding check would not pass.
 */

const containersOf = (objects: any[] = []) =>
  objects.flatMap(o => o?.spec?.template?.spec?.containers ?? []);
const workloadsOf = (objects: any[] = []) =>
  objects.filter(o =>
    ['Deployment', 'StatefulSet', 'DaemonSet'].includes(o?.kind),
  );
const sides = (k: any) => [k?.declared, k?.live].filter(Boolean) as any[][];

export function registerOperators(engine: Engine) {
  engine.addOperator(
    'nonEmptyString',
    (v: any) => typeof v === 'string' && v.trim() !== '',
  );
  engine.addOperator(
    'nonEmptyArray',
    (v: any) => Array.isArray(v) && v.length > 0,
  );
  engine.addOperator(
    'matchesRegex',
    (v: any, re: string) =>
      typeof v === 'string' && new RegExp(re, 'm').test(v),
  );
  engine.addOperator(
    'someMatches',
    (v: any, re: string) =>
      Array.isArray(v) && v.some(p => new RegExp(re).test(p)),
  );
  engine.addOperator('hasHealthUrl', (v: any) =>
    Object.entries(v ?? {}).some(
      ([k, url]) =>
        k.startsWith('opsready.io/health-url') &&
        /^https?:\/\//.test(String(url)),
    ),
  );
  engine.addOperator(
    'docsLink',
    (v: any) =>
      Array.isArray(v) &&
      v.some(l =>
        /doc|wiki|runbook|readme/i.test(`${l.title ?? ''} ${l.url ?? ''}`),
      ),
  );
  engine.addOperator(
    'allUptimeAtLeast',
    (v: any, min: number) =>
      Array.isArray(v) &&
      v.every(e => e.uptime === undefined || e.uptime >= min),
  );
  engine.addOperator(
    'allP95AtMost',
    (v: any, max: number) =>
      Array.isArray(v) &&
      v.every(e => e.p95LatencyMs === undefined || e.p95LatencyMs <= max),
  );
  engine.addOperator(
    'withinDays',
    (v: any, days: { now: number; days: number }) =>
      typeof v === 'string' &&
      days.now - Date.parse(v) <= days.days * 24 * 3600_000,
  );
  engine.addOperator(
    'noneOlderThanHours',
    (v: any, h: { now: number; hours: number }) =>
      Array.isArray(v) &&
      v.every(e => h.now - Date.parse(e.openedAt) <= h.hours * 3600_000),
  );
  engine.addOperator('allContainersProbed', (k: any) =>
    sides(k).every(s =>
      containersOf(s).every(c => c.readinessProbe && c.livenessProbe),
    ),
  );
  engine.addOperator('allContainersResourced', (k: any) =>
    sides(k).every(s =>
      containersOf(s).every(
        c =>
          c.resources?.requests?.cpu &&
          c.resources?.requests?.memory &&
          c.resources?.limits?.cpu &&
          c.resources?.limits?.memory,
      ),
    ),
  );
  engine.addOperator('replicated', (k: any) =>
    sides(k).every(s =>
      workloadsOf(s).every(
        w =>
          (w.spec?.replicas ?? 1) >= 2 ||
          s.some(
            h =>
              h.kind === 'HorizontalPodAutoscaler' &&
              h.spec?.scaleTargetRef?.name === w.metadata.name &&
              (h.spec?.minReplicas ?? 1) >= 2,
          ),
      ),
    ),
  );
  engine.addOperator('hasPdb', (k: any) =>
    sides(k).every(s =>
      workloadsOf(s).every(w =>
        s.some(
          p =>
            p.kind === 'PodDisruptionBudget' &&
            Object.entries(p.spec?.selector?.matchLabels ?? {}).every(
              ([key, val]) => w.spec?.template?.metadata?.labels?.[key] === val,
            ),
        ),
      ),
    ),
  );
  engine.addOperator('imagesPinned', (k: any) =>
    sides(k).every(s =>
      containersOf(s).every(
        c =>
          /@sha256:/.test(c.image) ||
          (/:[^/:]+$/.test(c.image) && !/:latest$/.test(c.image)),
      ),
    ),
  );
  engine.addOperator('restricted', (k: any) =>
    sides(k).every(s =>
      containersOf(s).every(
        c =>
          c.securityContext?.runAsNonRoot === true &&
          c.securityContext?.allowPrivilegeEscalation === false &&
          c.securityContext?.readOnlyRootFilesystem === true &&
          (c.securityContext?.capabilities?.drop ?? []).includes('ALL'),
      ),
    ),
  );
  engine.addOperator('noLiteralSecrets', (k: any) =>
    sides(k).every(s =>
      containersOf(s).every(c =>
        (c.env ?? []).every(
          (e: any) =>
            !(
              /password|secret|token|api_key|private_key|credential/i.test(
                e.name,
              ) && e.value !== undefined
            ),
        ),
      ),
    ),
  );
  engine.addOperator('portsMatch', (k: any) =>
    sides(k).every(s => {
      const ports = new Set(
        containersOf(s).flatMap(c =>
          (c.ports ?? []).flatMap((p: any) => [p.containerPort, p.name]),
        ),
      );
      return s
        .filter(o => o.kind === 'Service')
        .every(svc =>
          (svc.spec?.ports ?? []).every((p: any) =>
            ports.has(p.targetPort ?? p.port),
          ),
        );
    }),
  );
  engine.addOperator('noDrift', (k: any) => {
    if (!k?.declared || !k?.live) return false;
    const live = new Map(
      workloadsOf(k.live).map(w => [`${w.kind}/${w.metadata.name}`, w]),
    );
    return workloadsOf(k.declared).every(w => {
      const other = live.get(`${w.kind}/${w.metadata.name}`);
      if (!other) return true;
      const images = (o: any) =>
        containersOf([o])
          .map((c: any) => c.image)
          .join(',');
      return (
        images(w) === images(other) &&
        (w.spec?.replicas ?? 1) === (other.spec?.replicas ?? 1)
      );
    });
  });
  engine.addOperator('exposesMetrics', (k: any) =>
    sides(k).some(
      s =>
        s.some(o => ['ServiceMonitor', 'PodMonitor'].includes(o.kind)) ||
        s.some(
          o =>
            o.spec?.template?.metadata?.annotations?.[
              'prometheus.io/scrape'
            ] === 'true',
        ) ||
        containersOf(s).some(c =>
          (c.ports ?? []).some((p: any) => /metrics/.test(p.name ?? '')),
        ),
    ),
  );
}

function rule(name: string, conditions: any): RuleProperties {
  return { name, conditions, event: { type: name } };
}

export function buildEquivalentRules(
  options: CheckOptions,
  now: Date,
): RuleProperties[] {
  const t = now.getTime();
  const k = (name: string, operator: string) =>
    rule(name, { all: [{ fact: 'kubernetes', operator, value: true }] });
  return [
    rule('catalog.owner', {
      all: [
        {
          fact: 'entity',
          path: '$.spec.owner',
          operator: 'nonEmptyString',
          value: true,
        },
      ],
    }),
    rule('catalog.description', {
      all: [
        {
          fact: 'entity',
          path: '$.metadata.description',
          operator: 'nonEmptyString',
          value: true,
        },
      ],
    }),
    rule('catalog.system', {
      all: [
        {
          fact: 'entity',
          path: '$.spec.system',
          operator: 'nonEmptyString',
          value: true,
        },
      ],
    }),
    rule('catalog.lifecycle', {
      all: [
        {
          fact: 'entity',
          path: '$.spec.lifecycle',
          operator: 'in',
          value: options.allowedLifecycles,
        },
      ],
    }),
    rule('catalog.docs', {
      any: [
        {
          fact: 'entity',
          path: "$.metadata.annotations['backstage.io/techdocs-ref']",
          operator: 'nonEmptyString',
          value: true,
        },
        {
          fact: 'entity',
          path: '$.metadata.links',
          operator: 'docsLink',
          value: true,
        },
      ],
    }),
    rule('catalog.dependencies', {
      any: [
        {
          fact: 'entity',
          path: '$.spec.dependsOn',
          operator: 'nonEmptyArray',
          value: true,
        },
        {
          fact: 'entity',
          path: '$.spec.consumesApis',
          operator: 'nonEmptyArray',
          value: true,
        },
      ],
    }),
    rule('catalog.provided-apis', {
      all: [
        {
          fact: 'entity',
          path: '$.spec.providesApis',
          operator: 'nonEmptyArray',
          value: true,
        },
      ],
    }),
    rule('health.endpoint-declared', {
      all: [
        {
          fact: 'entity',
          path: '$.metadata.annotations',
          operator: 'hasHealthUrl',
          value: true,
        },
      ],
    }),
    rule('health.uptime', {
      all: [
        {
          fact: 'health',
          path: '$.endpoints',
          operator: 'allUptimeAtLeast',
          value: options.uptimeTarget,
        },
      ],
    }),
    rule('health.latency', {
      all: [
        {
          fact: 'health',
          path: '$.endpoints',
          operator: 'allP95AtMost',
          value: options.latencySloMs,
        },
      ],
    }),
    k('observability.metrics', 'exposesMetrics'),
    rule('observability.structured-logging', {
      all: [
        {
          fact: 'repository',
          path: "$.files['package.json']",
          operator: 'matchesRegex',
          value: '"(pino|winston|bunyan)"',
        },
      ],
    }),
    rule('observability.alerts', {
      all: [
        {
          fact: 'entity',
          path: '$.metadata.links',
          operator: 'docsLink',
          value: true,
        },
      ],
    }),
    k('kubernetes.probes', 'allContainersProbed'),
    k('kubernetes.resources', 'allContainersResourced'),
    k('kubernetes.replicas', 'replicated'),
    k('kubernetes.pdb', 'hasPdb'),
    k('kubernetes.image-pinned', 'imagesPinned'),
    k('kubernetes.security-context', 'restricted'),
    k('kubernetes.no-literal-secrets', 'noLiteralSecrets'),
    k('kubernetes.ports', 'portsMatch'),
    k('kubernetes.drift', 'noDrift'),
    rule('repository.dockerfile', {
      all: [
        {
          fact: 'repository',
          path: '$.files.Dockerfile',
          operator: 'matchesRegex',
          value: '^USER\\s+(?!root\\b|0\\b)\\S+',
        },
      ],
    }),
    rule('repository.ci', {
      all: [
        {
          fact: 'repository',
          path: '$.paths',
          operator: 'someMatches',
          value: '^(\\.github/workflows/|\\.gitlab-ci\\.yml$|Jenkinsfile$)',
        },
      ],
    }),
    rule('repository.readme', {
      all: [
        {
          fact: 'repository',
          path: '$.paths',
          operator: 'someMatches',
          value: '^README',
        },
      ],
    }),
    rule('repository.codeowners', {
      all: [
        {
          fact: 'repository',
          path: '$.paths',
          operator: 'someMatches',
          value: '(^|/)CODEOWNERS$',
        },
      ],
    }),
    rule('delivery.recent-deployment', {
      all: [
        {
          fact: 'delivery',
          path: '$.lastDeploymentAt',
          operator: 'withinDays',
          value: { now: t, days: options.deployedWithinDays },
        },
      ],
    }),
    rule('delivery.no-stale-critical-errors', {
      all: [
        {
          fact: 'delivery',
          path: '$.openCriticalErrors',
          operator: 'noneOlderThanHours',
          value: { now: t, hours: options.criticalErrorMaxAgeHours },
        },
      ],
    }),
  ];
}
