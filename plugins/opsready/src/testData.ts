import { Entity } from '@backstage/catalog-model';
import { EntityEvaluation } from '@opsready/plugin-opsready-common';

export const checkoutservice: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkoutservice', namespace: 'default' },
  spec: {
    type: 'service',
    lifecycle: 'production',
    owner: 'group:default/payments',
  },
};

export const evaluation: EntityEvaluation = {
  entityRef: 'component:default/checkoutservice',
  score: 60,
  level: 'bronze',
  nextLevel: {
    name: 'silver',
    minScore: 75,
    pointsNeeded: 15,
    blockingChecks: [],
  },
  evaluatedAt: new Date(Date.now() - 5 * 60_000).toISOString(),
  checks: [
    {
      id: 'catalog.owner',
      title: 'Owner set',
      description: 'Every component names the team that answers for it.',
      category: 'catalog',
      severity: 'high',
      weight: 3,
      remediation: 'Set `spec.owner`.',
      result: {
        checkId: 'catalog.owner',
        status: 'pass',
        message: 'Owned by group:default/payments.',
      },
    },
    {
      id: 'catalog.description',
      title: 'Description',
      description: 'A one-line description.',
      category: 'catalog',
      severity: 'low',
      weight: 1,
      remediation: 'Add `metadata.description`.',
      result: {
        checkId: 'catalog.description',
        status: 'fail',
        message: 'No description is set.',
      },
    },
  ],
};
