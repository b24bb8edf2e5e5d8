import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: 'Validate a new service before generating anything',
    example: yaml.stringify({
      steps: [
        {
          id: 'validate',
          action: 'opsready:service:validate',
          name: 'Validate the service',
          input: {
            name: '${{ parameters.name }}',
            owner: '${{ parameters.owner }}',
            port: '${{ parameters.port }}',
            tier: '${{ parameters.tier }}',
          },
        },
      ],
    }),
  },
];
