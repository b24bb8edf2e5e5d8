import { alertsCheck } from './alertsCheck';
import {
  component,
  deployment,
  evaluate,
  object,
  repository,
} from './testFacts';

const rules = `groups:
  - name: cart
    rules:
      - alert: CartDown
        expr: up{job="cart"} == 0
`;

describe('observability.alerts', () => {
  it('passes a PrometheusRule among the Kubernetes objects', () => {
    expect(
      evaluate(alertsCheck, {
        kubernetes: {
          live: [deployment(), object('PrometheusRule', 'cart-alerts')],
        },
      }),
    ).toEqual({
      status: 'pass',
      message: 'Has alert rules in PrometheusRule/cart-alerts in the cluster.',
      evidence: {
        prometheusRules: ['PrometheusRule/cart-alerts in the cluster'],
        ruleFiles: [],
      },
    });
  });

  it.each([
    'alerts/cart.yaml',
    'deploy/alerts/cart.yml',
    'monitoring/cart-rules.yaml',
    'prometheus.rules.yml',
  ])('passes alert rules in %s', path => {
    expect(
      evaluate(alertsCheck, { repository: repository({ [path]: rules }) }),
    ).toMatchObject({
      status: 'pass',
      message: `Has alert rules in ${path}.`,
      evidence: { ruleFiles: [path] },
    });
  });

  it('does not count a rules file with recording rules only', () => {
    const recording =
      'groups:\n  - name: cart\n    rules:\n      - record: job:rate5m\n        expr: rate(x[5m])\n';
    expect(
      evaluate(alertsCheck, {
        repository: repository({ 'recording-rules.yaml': recording }),
      }).status,
    ).toBe('fail');
  });

  it('does not count an alert rule in a file that is not a rules file', () => {
    expect(
      evaluate(alertsCheck, {
        repository: repository({ 'config/app.yaml': rules }),
      }).status,
    ).toBe('fail');
  });

  it('passes a runbook annotation, even with nothing else to read', () => {
    expect(
      evaluate(alertsCheck, {
        entity: component({
          annotations: {
            'opsready.io/runbook-url': 'https://wiki.example.com/cart/runbook',
          },
        }),
      }),
    ).toEqual({
      status: 'pass',
      message: 'Has a runbook at https://wiki.example.com/cart/runbook.',
      evidence: {
        prometheusRules: [],
        ruleFiles: [],
        runbook: 'https://wiki.example.com/cart/runbook',
      },
    });
  });

  it('passes a link titled runbook, and lists everything found', () => {
    expect(
      evaluate(alertsCheck, {
        entity: component({
          links: [
            { url: 'https://grafana.example.com/cart', title: 'Dashboard' },
            { url: 'https://ops.example.com/cart', title: 'On-call Runbook' },
          ],
        }),
        repository: repository({ 'alerts/cart.yaml': rules }),
      }).message,
    ).toBe(
      'Has alert rules in alerts/cart.yaml; a runbook at https://ops.example.com/cart.',
    );
  });

  it('fails when the sources it could read hold neither, and says what was searched', () => {
    expect(
      evaluate(alertsCheck, {
        repository: repository({ 'README.md': '# cart' }),
        kubernetes: { declared: [deployment()] },
      }),
    ).toEqual({
      status: 'fail',
      message:
        'No alert rules and no runbook were found (searched the entity, the repository, Kubernetes objects in the manifests); add a PrometheusRule or link a runbook.',
      evidence: {
        searched: [
          'the entity',
          'the repository',
          'Kubernetes objects in the manifests',
        ],
      },
    });
  });

  it('is unknown without a runbook when neither the repository nor Kubernetes could be read', () => {
    expect(evaluate(alertsCheck)).toEqual({
      status: 'unknown',
      message:
        'The entity links no runbook, and neither the repository nor any Kubernetes objects could be read to look for alert rules.',
      evidence: { searched: ['the entity'] },
    });
  });
});
