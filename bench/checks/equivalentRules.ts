import { CheckOptions } from '@opsready/plugin-opsready-node';
import { Engine, RuleProperties } from 'json-rules-engine';

/*
 * Rules for json-rules-engine that decide what OpsReady's built-in checks
 * decide, over the same facts, written the way Tech Insights checks are:
 * facts addressed by JSONPath, array and parsing logic in custom operators.
 *
 * A rule passes where the corresponding check answers `pass` or
 * `not-applicable`, and fails where it answers anything else (`fail`,
 * `warn`, `unknown`): a boolean check cannot say more. The operators are
 * written from the checks' documented rules, not by calling OpsReady's own
 * code, as someone porting the checks to Tech Insights would write them.
 * `run.ts` compares the two verdicts for every service and rule before it
 * times anything, so that a rule that decides less (and so runs faster) is
 * caught rather than measured.
 *
 * Known simplifications, none of which the synthetic fleet exercises:
 * structured logging knows Node's package.json only; uptime and latency do
 * not drop figures for environments no longer declared (an operator sees one
 * fact, and those figures need the entity too); Dockerfiles are read line by
 * line, without continuation lines or heredocs.
 */

// Operators get a pattern as a string (rules are JSON), so compile each
// pattern once, as a hand-written operator would hold it in a constant.
const patterns = new Map<string, RegExp>();
function pattern(source: string, flags = ''): RegExp {
  const key = `${flags}/${source}`;
  let re = patterns.get(key);
  if (!re) {
    re = new RegExp(source, flags);
    patterns.set(key, re);
  }
  return re;
}

const WORKLOAD_KINDS = new Set([
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'Job',
  'CronJob',
]);
const BATCH_KINDS = new Set(['Job', 'CronJob']);
const REPLICATED_KINDS = new Set(['Deployment', 'StatefulSet']);

interface Workload {
  object: any;
  pod: any;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

function workloadsOf(objects: any[]): Workload[] {
  const found: Workload[] = [];
  for (const object of objects) {
    if (!WORKLOAD_KINDS.has(object?.kind)) continue;
    const template =
      object.kind === 'CronJob'
        ? object.spec?.jobTemplate?.spec?.template
        : object.spec?.template;
    if (!template?.spec || typeof template.spec !== 'object') continue;
    found.push({
      object,
      pod: template.spec,
      labels: template.metadata?.labels ?? {},
      annotations: template.metadata?.annotations ?? {},
    });
  }
  return found;
}

const list = (value: unknown): any[] =>
  Array.isArray(value)
    ? value.filter(item => typeof item === 'object' && item !== null)
    : [];
const containersOf = (pod: any, init = false): any[] => [
  ...(init ? list(pod?.initContainers) : []),
  ...list(pod?.containers),
];

/** The sides (manifests, cluster) the kubernetes fact holds. */
function sides(k: any): any[][] {
  return [k?.declared, k?.live].filter(Array.isArray);
}

const sameNamespace = (a: any, b: any) =>
  !a.metadata?.namespace ||
  !b.metadata?.namespace ||
  a.metadata.namespace === b.metadata.namespace;

const count = (value: unknown, fallback = 1) => {
  const n = Number(value ?? fallback);
  return Number.isInteger(n) && n >= 0 ? n : fallback;
};

const autoscalerOf = (w: any, objects: any[]) =>
  objects.find(
    o =>
      o?.kind === 'HorizontalPodAutoscaler' &&
      o.spec?.scaleTargetRef?.kind === w.kind &&
      o.spec?.scaleTargetRef?.name === w.metadata?.name &&
      sameNamespace(o, w),
  );

/**
 * A rule over every container of the workloads it concerns: false when no
 * side holds a workload, or workloads hold no container (the check is
 * unknown then); true when the rule concerns no workload (not applicable).
 */
function everyContainer(
  k: any,
  ok: (container: any, pod: any) => boolean,
  {
    init = false,
    concerns = () => true,
  }: { init?: boolean; concerns?: (workload: any) => boolean } = {},
): boolean {
  let workloads = 0;
  let concerned = 0;
  let checked = 0;
  for (const side of sides(k)) {
    for (const { object, pod } of workloadsOf(side)) {
      workloads += 1;
      if (!concerns(object)) continue;
      concerned += 1;
      for (const container of containersOf(pod, init)) {
        checked += 1;
        if (!ok(container, pod)) return false;
      }
    }
  }
  if (workloads === 0) return false;
  if (concerned === 0) return true;
  return checked > 0;
}

/** A production rule over every Deployment and StatefulSet. */
function everyReplicated(
  k: any,
  ok: (w: Workload, objects: any[]) => boolean,
): boolean {
  let workloads = 0;
  for (const side of sides(k)) {
    for (const w of workloadsOf(side)) {
      workloads += 1;
      if (REPLICATED_KINDS.has(w.object.kind) && !ok(w, side)) return false;
    }
  }
  return workloads > 0;
}

function selects(selector: any, labels: Record<string, string>, all: boolean) {
  if (typeof selector !== 'object' || selector === null) return false;
  const terms = Object.entries(selector.matchLabels ?? {});
  const expressions = Array.isArray(selector.matchExpressions)
    ? selector.matchExpressions
    : [];
  if (terms.length === 0 && expressions.length === 0) return all;
  return (
    terms.every(([key, value]) => labels[key] === value) &&
    expressions.every((e: any) => {
      const has = Object.prototype.hasOwnProperty.call(labels, e?.key);
      const values = (Array.isArray(e?.values) ? e.values : []).map(String);
      switch (e?.operator) {
        case 'In':
          return has && values.includes(labels[e.key]);
        case 'NotIn':
          return !has || !values.includes(labels[e.key]);
        case 'Exists':
          return has;
        case 'DoesNotExist':
          return !has;
        default:
          return false;
      }
    })
  );
}

/** A container image pinned to a version or a digest (not latest, no tag, or a moving tag). */
function imagePinned(image: unknown): boolean {
  if (typeof image !== 'string' || image.trim() === '') return false;
  const at = image.indexOf('@');
  if (at >= 0 && /^sha256:[0-9a-f]{64}$/.test(image.slice(at + 1))) {
    return true;
  }
  const reference = at >= 0 ? image.slice(0, at) : image;
  const last = reference.slice(reference.lastIndexOf('/') + 1);
  const colon = last.lastIndexOf(':');
  const tag = colon < 0 ? '' : last.slice(colon + 1);
  return tag !== '' && tag.toLowerCase() !== 'latest' && /\d/.test(tag);
}

const SECRET_NAME =
  /PASSWORD|PASSWD|PASSPHRASE|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|CREDENTIAL|(^|_)PASS($|_)/i;
const ABOUT_A_SECRET =
  /(^|_)(FILE|PATH|DIR|NAME|REF|URL|URI|ENDPOINT|HOST|PORT|TTL|TIMEOUT|EXPIRY|EXPIRES|EXPIRATION|LENGTH|SIZE|HEADER|ENABLED|TYPE|KEY_ID|TOKENS)$/i;

function literalSecret(entry: any): boolean {
  const name = String(entry?.name ?? '');
  const value = entry?.value;
  if (!SECRET_NAME.test(name) || ABOUT_A_SECRET.test(name)) return false;
  if (typeof value !== 'string' && typeof value !== 'number') return false;
  const text = String(value).trim();
  return (
    text !== '' &&
    !/^\$\([A-Za-z_][A-Za-z0-9_]*\)$/.test(text) &&
    !text.startsWith('/')
  );
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (
      (url.protocol === 'http:' || url.protocol === 'https:') &&
      url.hostname !== ''
    );
  } catch {
    return false;
  }
}

const HEALTH = 'opsready.io/health-url';

/** The environments of the usable health URLs, and whether any annotation is wrong. */
function healthEndpoints(annotations: any): {
  usable: string[];
  mistakes: boolean;
} {
  const a = annotations ?? {};
  let mistakes = false;
  const status = a['opsready.io/health-expected-status'];
  if (status !== undefined) {
    const m = String(status)
      .trim()
      .match(/^(\d{3})(?:\s*-\s*(\d{3}))?$/);
    if (!m || Number(m[1]) > Number(m[2] ?? m[1])) mistakes = true;
  }
  const body = a['opsready.io/health-expect-body'];
  if (body !== undefined && !(String(body).indexOf('=') > 0)) mistakes = true;
  const usable: string[] = [];
  for (const [key, value] of Object.entries(a)) {
    let environment: string | undefined;
    if (key === HEALTH) environment = 'default';
    else if (key.startsWith(`${HEALTH}-`)) {
      environment = key.slice(HEALTH.length + 1);
    }
    if (!environment) continue;
    if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(environment)) mistakes = true;
    else if (isHttpUrl(String(value).trim())) usable.push(environment);
    else mistakes = true;
  }
  return { usable, mistakes };
}

const DOCS_TITLE = /\b(docs?|documentation|wiki|runbooks?|readme)\b/i;

/** The non-blank strings of a field that may be a list or one string. */
const strings = (v: unknown): string[] =>
  (Array.isArray(v) ? v : [v]).filter(
    (s): s is string => typeof s === 'string' && s.trim() !== '',
  );

const characters = (text: string) => [...text.trim()].length;

/** Whether a Dockerfile's final stage runs as a non-root user on pinned base images. */
function dockerfileOk(text: string): boolean {
  const stages: Array<{ from: string; name?: string; user?: string }> = [];
  const args: Record<string, string | undefined> = {};
  for (const line of text.split(/\r?\n/)) {
    const m = line.match(/^\s*([A-Za-z]+)\s*(.*)$/);
    if (!m || /^\s*#/.test(line)) continue;
    const keyword = m[1].toUpperCase();
    const rest = m[2].trim();
    if (keyword === 'FROM') {
      const words = rest.split(/\s+/).filter(w => !w.startsWith('--'));
      stages.push({
        from: words[0] ?? '',
        name: words[1]?.toUpperCase() === 'AS' ? words[2] : undefined,
      });
    } else if (keyword === 'ARG' && stages.length === 0) {
      for (const d of rest.split(/\s+/).filter(Boolean)) {
        const eq = d.indexOf('=');
        args[eq < 0 ? d : d.slice(0, eq)] =
          eq < 0 ? undefined : d.slice(eq + 1).replace(/^(["'])(.*)\1$/, '$2');
      }
    } else if (keyword === 'USER' && stages.length > 0) {
      stages[stages.length - 1].user = rest.split(/\s+/)[0];
    }
  }
  if (stages.length === 0) return false;
  const parentOf = (i: number) =>
    stages
      .slice(0, i)
      .reverse()
      .find(s => s.name?.toLowerCase() === stages[i].from.toLowerCase());
  for (let i = 0; i < stages.length; i++) {
    const image = stages[i].from;
    if (parentOf(i) || image.toLowerCase() === 'scratch') continue;
    // From a build argument: its pinning depends on the build, a warning.
    if (image.includes('$')) return false;
    if (/@[a-z0-9]+:[0-9a-f]{32,}$/i.test(image)) continue;
    const last = image.slice(image.lastIndexOf('/') + 1);
    const colon = last.lastIndexOf(':');
    const tag = colon < 0 ? '' : last.slice(colon + 1);
    if (tag === '' || tag === 'latest' || !/\d/.test(tag)) return false;
  }
  let user: string | undefined;
  for (let i = stages.length - 1; i >= 0; ) {
    if (stages[i].user) {
      user = stages[i].user;
      break;
    }
    const parent = parentOf(i);
    i = parent ? stages.indexOf(parent) : -1;
  }
  if (!user || user.includes('$')) return false;
  const name = user.split(':')[0];
  return (
    !['root', 'containeradministrator'].includes(name.toLowerCase()) &&
    !/^0+$/.test(name)
  );
}

const CI = [
  /^\.github\/workflows\/[^/]+\.ya?ml$/,
  /^\.gitlab-ci\.yml$/,
  /^Jenkinsfile$/,
  /^\.circleci\/config\.yml$/,
  /^azure-pipelines\.ya?ml$/,
  /^\.buildkite\//,
];
const CODEOWNERS = ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS'];
const OWNER = /^(@\S+|[^@\s]+@[^@\s]+\.[^@\s]+)$/;
const SECTION = /^\^?\[[^\]]+\](\[\d+\])?\s*(.*)$/;

function hasCodeownersRule(text: string): boolean {
  let sectionOwners = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (line === '') continue;
    const section = line.match(SECTION);
    if (section) {
      sectionOwners = section[2].split(/\s+/).some(w => OWNER.test(w));
      continue;
    }
    if (
      sectionOwners ||
      line
        .split(/\s+/)
        .slice(1)
        .some(w => OWNER.test(w))
    ) {
      return true;
    }
  }
  return false;
}

const NODE_LOGGERS = ['pino', 'pino-http', 'winston', 'bunyan'];

export function registerOperators(engine: Engine) {
  engine.addOperator(
    'nonEmptyString',
    (v: any) => typeof v === 'string' && v.trim() !== '',
  );
  engine.addOperator('hasStrings', (v: any) => strings(v).length > 0);
  engine.addOperator(
    'inIgnoringCase',
    (v: any, allowed: string[]) =>
      typeof v === 'string' &&
      v.trim() !== '' &&
      allowed.some(a => a.toLowerCase() === v.trim().toLowerCase()),
  );
  engine.addOperator(
    'typeIsNot',
    (v: any, type: string) =>
      typeof v !== 'string' || v.trim().toLowerCase() !== type,
  );
  engine.addOperator(
    'notInIgnoringCase',
    (v: any, wanted: string[]) =>
      typeof v !== 'string' ||
      !wanted.some(a => a.toLowerCase() === v.toLowerCase()),
  );
  engine.addOperator(
    'someMatches',
    (v: any, re: string) =>
      Array.isArray(v) && v.some(p => pattern(re).test(p)),
  );
  engine.addOperator(
    'docsLink',
    (v: any) =>
      Array.isArray(v) &&
      v.some(
        l =>
          typeof l?.url === 'string' &&
          (l.icon?.toLowerCase() === 'docs' ||
            DOCS_TITLE.test(l.title ?? '') ||
            l.url.toLowerCase().includes('/docs')),
      ),
  );
  engine.addOperator(
    'runbookLink',
    (v: any) =>
      Array.isArray(v) &&
      Boolean(v.find(l => /\brunbooks?\b/i.test(l?.title ?? ''))?.url),
  );
  engine.addOperator('healthEndpoints', (v: any, wanted: string) => {
    const { usable, mistakes } = healthEndpoints(v);
    if (wanted === 'none usable') return usable.length === 0;
    return usable.length > 0 && !mistakes;
  });
  engine.addOperator(
    'allUptimeAtLeast',
    (v: any, min: number) =>
      Array.isArray(v) &&
      v.some(e => e.uptime !== undefined) &&
      v.every(e => e.uptime === undefined || e.uptime >= min),
  );
  engine.addOperator(
    'allP95AtMost',
    (v: any, max: number) =>
      Array.isArray(v) &&
      v.some(e => e.p95LatencyMs !== undefined) &&
      v.every(e => e.p95LatencyMs === undefined || e.p95LatencyMs <= max),
  );
  engine.addOperator(
    'deployedWithin',
    (d: any, { now, days }: { now: number; days: number }) => {
      if (typeof d !== 'object' || d === null) return false;
      if (!d.lastDeploymentAt) {
        return now - Date.parse(d.provisionedAt ?? '') <= days * 86400_000;
      }
      const at = Date.parse(d.lastDeploymentAt);
      return !Number.isNaN(at) && Math.max(0, now - at) <= days * 86400_000;
    },
  );
  engine.addOperator(
    'noneOlderThanHours',
    (v: any, { now, hours }: { now: number; hours: number }) =>
      Array.isArray(v) &&
      v.every(e => {
        const age = now - Date.parse(e.openedAt);
        return !Number.isNaN(age) && age <= hours * 3600_000;
      }),
  );
  engine.addOperator('structuredLogging', (r: any) =>
    (r?.paths ?? []).some((path: string) => {
      const text = r.files?.[path];
      if (
        path.slice(path.lastIndexOf('/') + 1) !== 'package.json' ||
        typeof text !== 'string'
      ) {
        return false;
      }
      try {
        const manifest = JSON.parse(text);
        return ['dependencies', 'optionalDependencies', 'peerDependencies']
          .flatMap(f =>
            manifest?.[f] && typeof manifest[f] === 'object'
              ? Object.keys(manifest[f])
              : [],
          )
          .some(name => NODE_LOGGERS.includes(name));
      } catch {
        return NODE_LOGGERS.some(n => pattern(`"${n}"\\s*:`).test(text));
      }
    }),
  );
  engine.addOperator('alertRuleFiles', (files: any) =>
    Object.entries(files ?? {}).some(
      ([path, text]) =>
        (/(^|\/)alerts\//.test(path) ||
          /rules[^/]*\.ya?ml$/i.test(path.slice(path.lastIndexOf('/') + 1))) &&
        /^\s*(-\s*)?alert\s*:\s*\S/m.test(String(text)),
    ),
  );
  engine.addOperator('prometheusRules', (k: any) =>
    sides(k).some(s => s.some(o => o?.kind === 'PrometheusRule')),
  );
  engine.addOperator('exposesMetrics', (k: any) => {
    const scrape = (a: any) =>
      typeof a?.['prometheus.io/scrape'] === 'string' &&
      a['prometheus.io/scrape'].trim().toLowerCase() === 'true';
    return sides(k).some(
      s =>
        s.some(
          o =>
            o?.kind === 'ServiceMonitor' ||
            o?.kind === 'PodMonitor' ||
            (o?.kind === 'Service' && scrape(o.metadata?.annotations)),
        ) ||
        workloadsOf(s).some(
          w =>
            scrape(w.annotations) ||
            containersOf(w.pod).some(c =>
              (Array.isArray(c.ports) ? c.ports : []).some((p: any) =>
                ['metrics', 'http-metrics'].includes(
                  String(p?.name ?? '').toLowerCase(),
                ),
              ),
            ),
        ),
    );
  });
  engine.addOperator('allContainersProbed', (k: any) =>
    everyContainer(
      k,
      c =>
        ['readinessProbe', 'livenessProbe'].every(probe =>
          ['httpGet', 'grpc', 'tcpSocket', 'exec'].some(h => c[probe]?.[h]),
        ),
      { concerns: w => !BATCH_KINDS.has(w.kind) },
    ),
  );
  engine.addOperator('allContainersResourced', (k: any) =>
    everyContainer(k, c =>
      [
        c.resources?.requests?.cpu,
        c.resources?.requests?.memory,
        c.resources?.limits?.cpu,
        c.resources?.limits?.memory,
      ].every(
        v =>
          (typeof v === 'string' && v.trim() !== '') || typeof v === 'number',
      ),
    ),
  );
  engine.addOperator('replicated', (k: any) =>
    everyReplicated(k, ({ object }, objects) => {
      const hpa = autoscalerOf(object, objects);
      return hpa
        ? count(hpa.spec?.minReplicas) >= 2
        : count(object.spec?.replicas) >= 2;
    }),
  );
  engine.addOperator('hasPdb', (k: any) =>
    everyReplicated(k, ({ object, labels }, objects) =>
      objects.some(
        p =>
          p?.kind === 'PodDisruptionBudget' &&
          sameNamespace(p, object) &&
          selects(p.spec?.selector, labels, p.apiVersion === 'policy/v1'),
      ),
    ),
  );
  engine.addOperator('imagesPinned', (k: any) =>
    everyContainer(k, c => imagePinned(c.image), { init: true }),
  );
  engine.addOperator('restricted', (k: any) =>
    everyContainer(
      k,
      (c, pod) => {
        const own = c.securityContext ?? {};
        return (
          own.privileged !== true &&
          (own.runAsNonRoot ?? pod?.securityContext?.runAsNonRoot) === true &&
          own.allowPrivilegeEscalation === false &&
          own.readOnlyRootFilesystem === true &&
          Array.isArray(own.capabilities?.drop) &&
          own.capabilities.drop.includes('ALL')
        );
      },
      { init: true },
    ),
  );
  engine.addOperator('noLiteralSecrets', (k: any) =>
    everyContainer(
      k,
      c => !(Array.isArray(c.env) ? c.env : []).some(literalSecret),
      { init: true },
    ),
  );
  engine.addOperator('portsMatch', (k: any) => {
    let workloads = 0;
    for (const s of sides(k)) {
      const all = workloadsOf(s);
      workloads += all.length;
      const live = all.filter(w => !BATCH_KINDS.has(w.object.kind));
      for (const w of live) {
        for (const c of containersOf(w.pod)) {
          const ports = Array.isArray(c.ports) ? c.ports : [];
          if (!ports.some((p: any) => p?.containerPort !== undefined)) {
            return false;
          }
        }
      }
      for (const svc of s.filter(o => o?.kind === 'Service')) {
        const selector = svc.spec?.selector;
        const selected = live.filter(
          w =>
            sameNamespace(svc, w.object) &&
            typeof selector === 'object' &&
            selector !== null &&
            Object.keys(selector).length > 0 &&
            Object.entries(selector).every(
              ([key, value]) => w.labels[key] === value,
            ),
        );
        if (selected.length === 0) continue;
        const ports = selected.flatMap(w =>
          containersOf(w.pod).flatMap(c =>
            Array.isArray(c.ports) ? c.ports : [],
          ),
        );
        const numbers = new Set(
          ports
            .filter((p: any) => p?.containerPort !== undefined)
            .map((p: any) => Number(p.containerPort)),
        );
        const names = new Set(ports.map((p: any) => p?.name).filter(Boolean));
        for (const p of Array.isArray(svc.spec?.ports) ? svc.spec.ports : []) {
          const target = p?.targetPort ?? p?.port;
          if (target === undefined || target === null || target === '') {
            continue;
          }
          const ok = /^\d+$/.test(String(target))
            ? numbers.has(Number(target))
            : names.has(String(target));
          if (!ok) return false;
        }
      }
    }
    // Jobs only (nothing serving) is not applicable: a pass.
    return workloads > 0;
  });
  engine.addOperator('noDrift', (k: any) => {
    const declared = Array.isArray(k?.declared) ? k.declared : [];
    const live = Array.isArray(k?.live) ? k.live : [];
    const ours = workloadsOf(declared);
    const theirs = workloadsOf(live);
    if (ours.length === 0 || theirs.length === 0) return false;
    const key = (w: Workload) => `${w.object.kind}/${w.object.metadata?.name}`;
    const byContainer = (w: Workload) =>
      new Map([
        ...list(w.pod?.initContainers).map(c => [`init ${c.name}`, c]),
        ...list(w.pod?.containers).map(c => [`app ${c.name}`, c]),
      ] as Array<[string, any]>);
    let compared = 0;
    for (const w of ours) {
      const copies = theirs.filter(t => key(t) === key(w));
      if (copies.length === 0) continue;
      compared += 1;
      const autoscaled =
        autoscalerOf(w.object, declared) !== undefined ||
        copies.some(c => autoscalerOf(c.object, live) !== undefined);
      const mine = byContainer(w);
      for (const copy of copies) {
        const running = byContainer(copy);
        if (running.size !== mine.size) return false;
        for (const [label, c] of mine) {
          const r = running.get(label);
          if (!r || r.image !== c.image) return false;
          if (
            label.startsWith('app ') &&
            (Boolean(c.readinessProbe) !== Boolean(r.readinessProbe) ||
              Boolean(c.livenessProbe) !== Boolean(r.livenessProbe))
          ) {
            return false;
          }
        }
        if (
          REPLICATED_KINDS.has(w.object.kind) &&
          !autoscaled &&
          count(w.object.spec?.replicas) !== count(copy.object.spec?.replicas)
        ) {
          return false;
        }
      }
    }
    return compared > 0;
  });
  engine.addOperator('dockerfiles', (r: any) => {
    const paths = (r?.paths ?? []).filter((p: string) => {
      const name = p.slice(p.lastIndexOf('/') + 1);
      return (
        /^(Dockerfile|Containerfile)(\.[^/]+)?$/.test(name) &&
        !name.endsWith('.dockerignore')
      );
    });
    return (
      paths.length > 0 &&
      paths.every(
        (p: string) =>
          typeof r.files?.[p] === 'string' && dockerfileOk(r.files[p]),
      )
    );
  });
  engine.addOperator('ci', (paths: any) =>
    (paths ?? []).some((p: string) => CI.some(re => re.test(p))),
  );
  engine.addOperator('readme', (r: any, min: number) => {
    const read = (r?.paths ?? []).filter(
      (p: string) =>
        /^readme(\.(md|markdown|rst|txt|adoc))?$/i.test(p) &&
        r.files?.[p] !== undefined,
    );
    return read.some((p: string) => characters(r.files[p]) > min);
  });
  engine.addOperator('codeowners', (r: any) => {
    const path = CODEOWNERS.find(p => r?.paths?.includes(p));
    const text = path && r.files?.[path];
    return typeof text === 'string' && hasCodeownersRule(text);
  });
}

function rule(name: string, conditions: any): RuleProperties {
  return { name, conditions, event: { type: name } };
}

const on = (
  fact: string,
  path: string | undefined,
  operator: string,
  value: unknown = true,
) => ({
  fact,
  ...(path ? { path } : {}),
  operator,
  value,
});

export function buildEquivalentRules(
  options: CheckOptions,
  now: Date,
): RuleProperties[] {
  const t = now.getTime();
  // Production rules are not applicable to other lifecycles: they pass.
  const notProduction = on(
    'entity',
    '$.spec.lifecycle',
    'notInIgnoringCase',
    options.productionLifecycles,
  );
  const k = (name: string, operator: string) =>
    rule(name, { all: [on('kubernetes', undefined, operator)] });
  const production = (name: string, condition: object) =>
    rule(name, { any: [notProduction, condition] });
  const noHealthUrl = on(
    'entity',
    '$.metadata.annotations',
    'healthEndpoints',
    'none usable',
  );
  return [
    rule('catalog.owner', {
      all: [
        on('entity', '$.spec.owner', 'nonEmptyString'),
        on('catalog', '$.ownerExists', 'equal', true),
      ],
    }),
    rule('catalog.description', {
      all: [on('entity', '$.metadata.description', 'nonEmptyString')],
    }),
    rule('catalog.system', {
      all: [on('entity', '$.spec.system', 'nonEmptyString')],
    }),
    rule('catalog.lifecycle', {
      all: [
        on(
          'entity',
          '$.spec.lifecycle',
          'inIgnoringCase',
          options.allowedLifecycles,
        ),
      ],
    }),
    rule('catalog.docs', {
      any: [
        on(
          'entity',
          "$.metadata.annotations['backstage.io/techdocs-ref']",
          'nonEmptyString',
        ),
        on('entity', '$.metadata.links', 'docsLink'),
      ],
    }),
    rule('catalog.dependencies', {
      any: [
        on('entity', '$.spec.dependsOn', 'hasStrings'),
        on('entity', '$.spec.consumesApis', 'hasStrings'),
      ],
    }),
    rule('catalog.provided-apis', {
      any: [
        on('entity', '$.spec.type', 'typeIsNot', 'service'),
        on('entity', '$.spec.providesApis', 'hasStrings'),
      ],
    }),
    rule('health.endpoint-declared', {
      all: [on('entity', '$.metadata.annotations', 'healthEndpoints', 'ok')],
    }),
    rule('health.uptime', {
      any: [
        noHealthUrl,
        on('health', '$.endpoints', 'allUptimeAtLeast', options.uptimeTarget),
      ],
    }),
    rule('health.latency', {
      any: [
        noHealthUrl,
        on('health', '$.endpoints', 'allP95AtMost', options.latencySloMs),
      ],
    }),
    k('observability.metrics', 'exposesMetrics'),
    rule('observability.structured-logging', {
      all: [on('repository', undefined, 'structuredLogging')],
    }),
    rule('observability.alerts', {
      any: [
        on(
          'entity',
          "$.metadata.annotations['opsready.io/runbook-url']",
          'nonEmptyString',
        ),
        on('entity', '$.metadata.links', 'runbookLink'),
        on('kubernetes', undefined, 'prometheusRules'),
        on('repository', '$.files', 'alertRuleFiles'),
      ],
    }),
    k('kubernetes.probes', 'allContainersProbed'),
    k('kubernetes.resources', 'allContainersResourced'),
    production(
      'kubernetes.replicas',
      on('kubernetes', undefined, 'replicated'),
    ),
    production('kubernetes.pdb', on('kubernetes', undefined, 'hasPdb')),
    k('kubernetes.image-pinned', 'imagesPinned'),
    k('kubernetes.security-context', 'restricted'),
    k('kubernetes.no-literal-secrets', 'noLiteralSecrets'),
    k('kubernetes.ports', 'portsMatch'),
    k('kubernetes.drift', 'noDrift'),
    rule('repository.dockerfile', {
      all: [on('repository', undefined, 'dockerfiles')],
    }),
    rule('repository.ci', { all: [on('repository', '$.paths', 'ci')] }),
    rule('repository.readme', {
      all: [on('repository', undefined, 'readme', 200)],
    }),
    rule('repository.codeowners', {
      all: [on('repository', undefined, 'codeowners')],
    }),
    production(
      'delivery.recent-deployment',
      on('delivery', undefined, 'deployedWithin', {
        now: t,
        days: options.deployedWithinDays,
      }),
    ),
    production(
      'delivery.no-stale-critical-errors',
      on('delivery', '$.openCriticalErrors', 'noneOlderThanHours', {
        now: t,
        hours: options.criticalErrorMaxAgeHours,
      }),
    ),
  ];
}
