import { HEALTH_URL_ANNOTATION } from '@opsready/plugin-opsready-common';
import { CheckDefinition } from '../types';
import {
  copied,
  DeclaredEndpoint,
  declaredEndpointsIn,
} from './declaredEndpoints';

function listEndpoints(endpoints: DeclaredEndpoint[]): string {
  return endpoints.map(e => `${e.environment} (${e.url})`).join(', ');
}

/** @public */
export const endpointDeclaredCheck: CheckDefinition = {
  id: 'health.endpoint-declared',
  title: 'Health endpoint declared',
  description:
    'The component declares an http(s) health endpoint, so that OpsReady can probe it and tell whether the service is up.',
  category: 'health',
  severity: 'high',
  weight: 2,
  remediation: [
    `Add the \`${HEALTH_URL_ANNOTATION}\` annotation, and one \`${HEALTH_URL_ANNOTATION}-<environment>\` per further environment if you like:`,
    '```yaml',
    'metadata:',
    '  annotations:',
    `    ${HEALTH_URL_ANNOTATION}: https://cart.example.com/healthz`,
    `    ${HEALTH_URL_ANNOTATION}-staging: https://cart.staging.example.com/healthz`,
    '```',
    'The URL must be absolute and use http or https.',
  ].join('\n'),
  appliesTo: { kinds: ['Component'] },
  evaluate(facts) {
    const derivedEndpoints = declaredEndpointsIn(facts);
    const usable = copied(derivedEndpoints.usable);
    const unusable = copied(derivedEndpoints.unusable);
    const problems = [...derivedEndpoints.problems];
    // What the prober would skip, said in words the owner can fix.
    const mistakes = [
      ...unusable.map(
        e => `${e.environment}: '${e.url}' is not an http(s) URL`,
      ),
      ...problems,
    ];
    const evidence = { endpoints: usable, unusable, problems };
    if (usable.length === 0) {
      return {
        status: 'fail',
        message:
          mistakes.length > 0
            ? `No usable health endpoint is declared: ${mistakes.join('; ')}.`
            : `No health endpoint is declared; add the ${HEALTH_URL_ANNOTATION} annotation with the service's http(s) health URL.`,
        evidence,
      };
    }
    if (mistakes.length > 0) {
      return {
        status: 'warn',
        message: `Declares ${listEndpoints(
          usable,
        )}, but some health annotations are wrong: ${mistakes.join('; ')}.`,
        evidence,
      };
    }
    return {
      status: 'pass',
      message: `Declares ${listEndpoints(usable)}.`,
      evidence,
    };
  },
};
