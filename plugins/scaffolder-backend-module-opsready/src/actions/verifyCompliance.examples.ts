import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Fail the run unless the rendered service reaches the highest level',
    example: yaml.stringify({
      steps: [
        {
          id: 'verify',
          action: 'opsready:compliance:verify',
          name: 'Verify the golden checks',
        },
      ],
    }),
  },
  {
    description:
      'Accept silver, for a service rendered into a sub-directory of the workspace',
    example: yaml.stringify({
      steps: [
        {
          id: 'verify',
          action: 'opsready:compliance:verify',
          input: {
            sourcePath: 'service',
            catalogInfoPath: 'catalog-info.yaml',
            minimumLevel: 'silver',
          },
        },
      ],
    }),
  },
];
