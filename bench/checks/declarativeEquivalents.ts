import { DeclarativeCheckSpec } from '@opsready/plugin-opsready-node';

/*
 * Declarative checks written as a team would write, in app-config, the
 * rules of a few built-in checks, so that the bench can time the one
 * against the other. They are close, not identical: a condition reads a
 * path or a pattern, where the built-in check also parses what it reads
 * (Dockerfile stages, CODEOWNERS rules). `declarative.ts` counts the
 * verdicts that differ over the fleet and prints them.
 */

const common: Pick<
  DeclarativeCheckSpec,
  'description' | 'severity' | 'weight' | 'remediation' | 'appliesTo'
> = {
  description: 'Bench equivalent of a built-in check.',
  severity: 'medium',
  weight: 1,
  remediation: 'See the built-in check.',
  appliesTo: { kinds: ['Component'] },
};

const resource = (group: string, name: string) => ({
  kubernetes: {
    path: `spec.template.spec.containers[*].resources.${group}.${name}`,
  },
});

/** Built-in check id → its declarative equivalent. */
export const declarativeEquivalents: Record<string, DeclarativeCheckSpec> = {
  'catalog.description': {
    ...common,
    id: 'bench.description',
    title: 'Description',
    category: 'catalog',
    condition: { entity: { path: 'metadata.description', matches: '\\S' } },
  },
  'repository.codeowners': {
    ...common,
    id: 'bench.codeowners',
    title: 'CODEOWNERS',
    category: 'repository',
    condition: {
      file: {
        path: '{.github/,,docs/}CODEOWNERS',
        matches: '^\\s*[^#\\s]\\S*\\s+@',
      },
    },
  },
  'repository.dockerfile': {
    ...common,
    id: 'bench.dockerfile',
    title: 'Dockerfile runs as a user, from pinned images',
    category: 'repository',
    condition: {
      all: [
        {
          file: { path: 'Dockerfile', matches: '^USER\\s+(?!root\\b|0\\b)\\S' },
        },
        // A tag without a digit (latest, nonroot, slim) floats, as the
        // built-in check warns; it fails here, a condition cannot warn.
        {
          not: {
            file: {
              path: 'Dockerfile',
              matches: '^FROM\\s+[^\\s@]+:[^\\d\\s@]*(\\s|$)',
            },
          },
        },
      ],
    },
  },
  'kubernetes.resources': {
    ...common,
    id: 'bench.resources',
    title: 'CPU and memory requests and limits',
    category: 'kubernetes',
    condition: {
      all: [
        resource('requests', 'cpu'),
        resource('requests', 'memory'),
        resource('limits', 'cpu'),
        resource('limits', 'memory'),
      ],
    },
  },
  'observability.structured-logging': {
    ...common,
    id: 'bench.logging',
    title: 'Structured logging',
    category: 'observability',
    condition: {
      any: ['pino', 'pino-http', 'winston', 'bunyan'].map(library => ({
        file: {
          path: 'package.json',
          yaml: { path: `dependencies["${library}"]` },
        },
      })),
    },
  },
};
