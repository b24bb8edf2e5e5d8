import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: "Add CODEOWNERS and a README to a service's repository",
    example: yaml.stringify({
      steps: [
        {
          id: 'generate',
          action: 'opsready:fix:generate',
          name: 'Generate the fix',
          input: {
            entityRef: 'component:default/cart',
            checkIds: ['repository.codeowners', 'repository.readme'],
          },
        },
      ],
    }),
  },
  {
    description:
      'Set the owner and the system of a service in its catalog-info.yaml',
    example: yaml.stringify({
      steps: [
        {
          id: 'generate',
          action: 'opsready:fix:generate',
          input: {
            entityRef: '${{ parameters.entityRef }}',
            checkIds: ['catalog.owner', 'catalog.system'],
            values: {
              owner: 'group:default/payments',
              system: 'system:default/checkout',
            },
          },
        },
      ],
    }),
  },
];
