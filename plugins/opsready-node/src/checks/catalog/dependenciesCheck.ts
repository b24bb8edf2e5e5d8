import { CheckDefinition } from '../types';
import { specStringList } from './entitySpec';

/** @public */
export const dependenciesCheck: CheckDefinition = {
  id: 'catalog.dependencies',
  title: 'Dependencies declared',
  description:
    'The component says what it depends on, so that an incident can be traced through the system.',
  category: 'catalog',
  severity: 'low',
  weight: 1,
  remediation: [
    'List what the service calls: components and resources in `spec.dependsOn`, APIs in `spec.consumesApis`:',
    '```yaml',
    'spec:',
    '  dependsOn:',
    '    - resource:default/cart-db',
    '  consumesApis:',
    '    - api:default/payments-api',
    '```',
  ].join('\n'),
  appliesTo: { kinds: ['Component'] },
  evaluate({ entity }) {
    const dependsOn = specStringList(entity, 'dependsOn');
    const consumesApis = specStringList(entity, 'consumesApis');
    const all = [...dependsOn, ...consumesApis];
    if (all.length === 0) {
      // A service may truly depend on nothing, so this asks rather than fails.
      return {
        status: 'warn',
        message:
          'Declares no dependencies; if the service calls a database, another service or an API, list it in spec.dependsOn or spec.consumesApis.',
        evidence: { dependsOn, consumesApis },
      };
    }
    return {
      status: 'pass',
      message: `Declares ${all.length} ${
        all.length === 1 ? 'dependency' : 'dependencies'
      }: ${all.join(', ')}.`,
      evidence: { dependsOn, consumesApis },
    };
  },
};
