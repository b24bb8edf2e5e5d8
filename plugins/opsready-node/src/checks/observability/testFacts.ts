import { Entity } from '@backstage/catalog-model';
import { evaluateCheck, repositoryFacts, serviceComponent } from '../testFacts';
import {
  CheckDefinition,
  CheckOutcome,
  KubernetesObject,
  ServiceFacts,
} from '../types';

/** Test helper: a service component, with metadata overrides. */
export function component(metadata: Partial<Entity['metadata']> = {}): Entity {
  return serviceComponent({ metadata });
}

/** Test helper: a Deployment whose pod template has the given parts. */
export function deployment(
  template: {
    annotations?: Record<string, string>;
    ports?: Array<{ name?: string; containerPort: number }>;
  } = {},
  name = 'cart',
): KubernetesObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name },
    spec: {
      template: {
        metadata: { annotations: template.annotations },
        spec: {
          containers: [
            {
              name: 'server',
              image: 'cart:1.0.0',
              ports: template.ports ?? [{ name: 'http', containerPort: 8080 }],
            },
          ],
        },
      },
    },
  };
}

/** Test helper: any other Kubernetes object. */
export function object(
  kind: string,
  name: string,
  annotations?: Record<string, string>,
): KubernetesObject {
  return { apiVersion: 'v1', kind, metadata: { name, annotations } };
}

/** Test helper: a repository holding these files (all listed and read). */
export const repository = repositoryFacts;

/** Test helper: evaluates one check over facts, for the default component. */
export function evaluate(
  check: CheckDefinition,
  facts: Partial<ServiceFacts> = {},
): CheckOutcome {
  return evaluateCheck(check, { entity: component(), ...facts });
}
