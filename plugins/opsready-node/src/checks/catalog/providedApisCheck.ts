import { equalIgnoringCase } from '../ignoringCase';
import { CheckDefinition } from '../types';
import { specString, specStringList } from './entitySpec';

/** @public */
export const providedApisCheck: CheckDefinition = {
  id: 'catalog.provided-apis',
  title: 'Provided APIs declared',
  description:
    'A service declares the APIs it provides, so that its consumers find the contract in the catalog.',
  category: 'catalog',
  severity: 'medium',
  weight: 1,
  remediation: [
    'Register the API as an `API` entity (OpenAPI, gRPC, AsyncAPI, GraphQL) and list it:',
    '```yaml',
    'spec:',
    '  providesApis:',
    '    - api:default/cart-api',
    '```',
  ].join('\n'),
  // Every component kind, like the other checks; the type is decided below so
  // that other types get a reason rather than a generic "does not apply".
  appliesTo: { kinds: ['Component'] },
  evaluate({ entity }) {
    const type = specString(entity, 'type');
    if (type === undefined || !equalIgnoringCase(type, 'service')) {
      return {
        status: 'not-applicable',
        message: `Only components of type service are expected to provide APIs; this one is of type ${
          type ?? '(not set)'
        }.`,
        evidence: { type },
      };
    }
    const providesApis = specStringList(entity, 'providesApis');
    if (providesApis.length === 0) {
      return {
        status: 'fail',
        message:
          'Declares no provided API; register the API the service serves and list it in spec.providesApis.',
        evidence: { providesApis },
      };
    }
    return {
      status: 'pass',
      message: `Provides ${providesApis.join(', ')}.`,
      evidence: { providesApis },
    };
  },
};
