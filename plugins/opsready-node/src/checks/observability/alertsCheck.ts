import { CheckDefinition, KubernetesObject } from '../types';
import { alertRuleFiles, runbookOf, RUNBOOK_ANNOTATION } from './alertSources';
import { kubernetesObjectSets, objectName } from './kubernetesObjects';

function isPrometheusRule(object: KubernetesObject): boolean {
  return object.kind === 'PrometheusRule';
}

/** @public */
export const alertsCheck: CheckDefinition = {
  id: 'observability.alerts',
  title: 'Alerts or a runbook',
  description:
    'Someone is told when the service breaks, or knows what to do when it does: Prometheus alert rules, or a runbook.',
  category: 'observability',
  severity: 'high',
  weight: 2,
  remediation: [
    'Declare alert rules for the service, e.g. a PrometheusRule next to its manifests (or rules under `alerts/`):',
    '```yaml',
    'apiVersion: monitoring.coreos.com/v1',
    'kind: PrometheusRule',
    'metadata: { name: cart-alerts }',
    'spec:',
    '  groups:',
    '    - name: cart',
    '      rules:',
    '        - alert: CartHighErrorRate',
    '          expr: sum(rate(http_requests_total{job="cart",code=~"5.."}[5m])) > 1',
    '```',
    `and link a runbook on the entity with the \`${RUNBOOK_ANNOTATION}\` annotation or a link titled Runbook.`,
  ].join('\n'),
  appliesTo: { kinds: ['Component'] },
  evaluate(facts) {
    const { entity, repository } = facts;
    const sets = kubernetesObjectSets(facts);
    const rules: string[] = [];
    for (const { where, objects } of sets) {
      const prometheusRules = objects.filter(isPrometheusRule);
      for (const object of prometheusRules) {
        rules.push(`${objectName(object)} ${where}`);
      }
    }
    const ruleFiles = repository ? alertRuleFiles(repository) : [];
    const runbook = runbookOf(entity);
    const found: string[] = [];
    for (const source of [rules, ruleFiles]) {
      for (const where of source) {
        found.push(`alert rules in ${where}`);
      }
    }
    if (runbook) {
      found.push(`a runbook at ${runbook}`);
    }
    const evidence = runbook
      ? { prometheusRules: rules, ruleFiles, runbook }
      : { prometheusRules: rules, ruleFiles };
    if (found.length > 0) {
      return {
        status: 'pass',
        message: `Has ${found.join('; ')}.`,
        evidence,
      };
    }
    const searched = ['the entity'];
    if (repository) {
      searched.push('the repository');
    }
    for (const { where } of sets) {
      searched.push(`Kubernetes objects ${where}`);
    }
    if (!repository && sets.length === 0) {
      return {
        status: 'unknown',
        message:
          'The entity links no runbook, and neither the repository nor any Kubernetes objects could be read to look for alert rules.',
        evidence: { searched },
      };
    }
    return {
      status: 'fail',
      message: `No alert rules and no runbook were found (searched ${searched.join(
        ', ',
      )}); add a PrometheusRule or link a runbook.`,
      evidence: { searched },
    };
  },
};
