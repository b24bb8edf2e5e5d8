import { parse } from 'yaml';
import {
  demoAlertRules,
  latencyObjectives,
  renderSkeleton,
} from './alertRules';

const TEMPLATE = `groups:
  - name: \${{ values.name }}
    rules:
      - alert: HighErrorRate
        expr: rate(x{service="\${{ values.name }}"}[5m]) > 0.05
        for: 5m
        annotations:
          description: '{% raw %}{{ $value }} \${{ values.name }}{% endraw %}'
      - alert: HighLatency
        expr: |
          histogram_quantile(0.95, y{service="\${{ values.name }}"})
            > 0.2
        for: 5m
`;

describe('the demo copy of the template alert rules', () => {
  it('renders values outside raw blocks and keeps raw blocks as they are', () => {
    expect(
      renderSkeleton(
        'a ${{ values.name }} {% raw %}{{ $v }} ${{ x }}{% endraw %}',
        {
          name: 'cart',
        },
      ),
    ).toBe('a cart {{ $v }} ${{ x }}');
  });

  it('refuses what it cannot render, naming it', () => {
    expect(() => renderSkeleton('${{ values.port }}', { name: 'a' })).toThrow(
      'No value for values.port',
    );
    expect(() =>
      renderSkeleton('${{ values.name | dump }}', { name: 'a' }),
    ).toThrow(/Cannot render/);
  });

  it("has one group per service, on each service's latency objective, with the demo's for:", () => {
    const rules = parse(
      demoAlertRules(
        TEMPLATE,
        [
          { name: 'frontend', latencyObjectiveMs: 300 },
          { name: 'cartservice', latencyObjectiveMs: 200 },
        ],
        '1m',
      ),
    );
    expect(rules.groups.map((g: any) => g.name)).toEqual([
      'frontend',
      'cartservice',
    ]);
    const [frontend, cart] = rules.groups;
    expect(frontend.rules.map((r: any) => r.for)).toEqual(['1m', '1m']);
    expect(frontend.rules[1].expr).toMatch(
      /service="frontend"[\s\S]*> 0\.3\n$/,
    );
    expect(cart.rules[1].expr).toMatch(/> 0\.2\n$/);
    expect(frontend.rules[0].annotations.description).toBe(
      '{{ $value }} ${{ values.name }}',
    );
  });

  it('fails loudly when the template latency rule changes its threshold', () => {
    expect(() =>
      demoAlertRules(
        TEMPLATE.replace('> 0.2', '> 0.25'),
        [{ name: 'a', latencyObjectiveMs: 300 }],
        '1m',
      ),
    ).toThrow(/HighLatency/);
  });

  it('reads the latency objectives from catalog files', () => {
    expect(
      latencyObjectives([
        `kind: Component
metadata:
  name: frontend
  annotations:
    opsready.io/slo: |
      availability: 99.5%
      latency: p95 < 300ms
---
kind: Component
metadata:
  name: paymentservice
  annotations:
    opsready.io/slo: |
      availability: 99.95%
---
kind: System
metadata:
  name: shop
`,
      ]),
    ).toEqual({ frontend: 300 });
  });
});
