import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Publish the workspace as a local git repository named after the service',
    example: yaml.stringify({
      steps: [
        {
          id: 'publish',
          action: 'opsready:publish:local',
          name: 'Publish to a local repository',
          input: { repoName: '${{ parameters.name }}' },
        },
      ],
    }),
  },
  {
    description: 'Publish a sub-directory, on a branch named trunk',
    example: yaml.stringify({
      steps: [
        {
          id: 'publish',
          action: 'opsready:publish:local',
          input: {
            repoName: 'refund-service',
            sourcePath: 'service',
            defaultBranch: 'trunk',
            commitMessage: 'Create refund-service',
          },
        },
      ],
    }),
  },
];
