/*
 * The golden template's alert rules (templates/node-service/skeleton/
 * prometheus/alerts.yaml) as the demo's Prometheus evaluates them: rendered
 * once per demo service, with each service's latency objective and with
 * `for:` short enough to fire while someone watches the demo.
 */
import { parse, parseAllDocuments, stringify } from 'yaml';

const RAW = /\{%\s*raw\s*%\}([\s\S]*?)\{%\s*endraw\s*%\}/g;
const VALUE = /\$\{\{\s*values\.([a-zA-Z_]+)\s*\}\}/g;

/**
 * Renders a skeleton file the way the scaffolder's nunjucks does for the
 * plain `${{ values.x }}` and `{% raw %}` it uses; anything else in it
 * (filters, other tags) is refused rather than passed through unrendered.
 */
export function renderSkeleton(
  text: string,
  values: Record<string, string>,
): string {
  const parts = text.split(RAW);
  return parts
    .map((part, index) => {
      // split() with a group: odd parts are the insides of raw blocks.
      if (index % 2 === 1) return part;
      const rendered = part.replace(VALUE, (_whole, key: string) => {
        if (!(key in values)) {
          throw new Error(`No value for values.${key}`);
        }
        return values[key];
      });
      if (/\$\{\{|\{%/.test(rendered)) {
        throw new Error(
          `Cannot render "${/(\$\{\{|\{%)[^\n]*/.exec(rendered)![0]}"`,
        );
      }
      return rendered;
    })
    .join('');
}

/** The template's objective, which its alerts.yaml's latency rule uses. */
const TEMPLATE_LATENCY_THRESHOLD = /> 0\.2\s*$/;

export interface AlertedService {
  name: string;
  /** The p95 objective of its `opsready.io/slo`, in ms. */
  latencyObjectiveMs: number;
}

interface Rule {
  alert: string;
  expr: string;
  for?: string;
}

/**
 * One rule file with the template's groups for each service: its latency
 * rule on the service's own objective, every rule's `for:` set to `forDuration`.
 */
export function demoAlertRules(
  templateText: string,
  services: AlertedService[],
  forDuration: string,
): string {
  const groups = services.flatMap(service => {
    const rendered = parse(
      renderSkeleton(templateText, { name: service.name }),
    );
    return (rendered.groups as Array<{ name: string; rules: Rule[] }>).map(
      group => ({
        ...group,
        rules: group.rules.map(rule => {
          let expr = rule.expr;
          if (rule.alert === 'HighLatency') {
            if (!TEMPLATE_LATENCY_THRESHOLD.test(expr)) {
              throw new Error(
                `The template's HighLatency rule no longer ends in "> 0.2": ${expr}`,
              );
            }
            expr = expr.replace(
              TEMPLATE_LATENCY_THRESHOLD,
              `> ${service.latencyObjectiveMs / 1000}\n`,
            );
          }
          return { ...rule, expr, for: forDuration };
        }),
      }),
    );
  });
  return stringify({ groups }, { lineWidth: 0 });
}

const LATENCY = /latency:\s*p95\s*<\s*(\d+(?:\.\d+)?)\s*ms/;

/**
 * The p95 latency objectives the catalog files declare (`opsready.io/slo`),
 * by component name; components without one are left out.
 */
export function latencyObjectives(
  catalogTexts: string[],
): Record<string, number> {
  const objectives: Record<string, number> = {};
  for (const text of catalogTexts) {
    for (const document of parseAllDocuments(text)) {
      const entity = document.toJSON();
      const slo = entity?.metadata?.annotations?.['opsready.io/slo'];
      const match = typeof slo === 'string' ? LATENCY.exec(slo) : null;
      if (entity?.kind === 'Component' && match) {
        objectives[entity.metadata.name] = Number(match[1]);
      }
    }
  }
  return objectives;
}
