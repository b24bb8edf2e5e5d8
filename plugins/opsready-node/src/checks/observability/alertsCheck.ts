import { CheckDefinition } from '../types';
import { alertRuleFiles, runbookOf, RUNBOOK_ANNOTATION } from './alertSources';
import { kubernetesObjectSets, objectName } from './kubernetesObjects';

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
  evaluate({ entity, kubernetes, repository }) {
    const sets = kubernetesObjectSets({ entity, kubernetes });
    const rules = sets.flatMap(({ where, objects }) =>
      objects
        .filter(object => object.kind === 'PrometheusRule')
        .map(object => `${objectName(object)} ${where}`),
    );
    const ruleFiles = repository ? alertRuleFiles(repository) : [];
    const runbook = runbookOf(entity);
    const found = [
      ...rules.map(rule => `alert rules in ${rule}`),
      ...ruleFiles.map(path => `alert rules in ${path}`),
      ...(runbook ? [`a runbook at ${runbook}`] : []),
    ];
    const evidence = {
      prometheusRules: rules,
      ruleFiles,
      ...(runbook ? { runbook } : {}),
    };
    if (found.length > 0) {
      return {
        status: 'pass',
        message: `Has ${found.join('; ')}.`,
        evidence,
      };
    }
    const searched = [
      'the entity',
      ...(repository ? ['the repository'] : []),
      ...sets.map(({ where }) => `Kubernetes objects ${where}`),
    ];
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
