import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: 'Record the pull request that fixes the checks',
    example: yaml.stringify({
      steps: [
        {
          id: 'record',
          action: 'opsready:fix:record',
          name: 'Record the proposed fix',
          input: {
            entityRef: '${{ parameters.entityRef }}',
            checkIds: '${{ parameters.checkIds }}',
            url: "${{ steps['pull-request'].output.remoteUrl }}",
            title: "${{ steps['generate'].output.title }}",
            branch: "${{ steps['generate'].output.branchName }}",
          },
        },
      ],
    }),
  },
];
