import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: 'Verify the fix that the generate step made',
    example: yaml.stringify({
      steps: [
        {
          id: 'verify',
          action: 'opsready:fix:verify',
          name: 'Verify the fix',
          input: {
            checkIds: '${{ parameters.checkIds }}',
            baseline: "${{ steps['generate'].output.baseline }}",
            scoreBefore: "${{ steps['generate'].output.scoreBefore }}",
            levelBefore: "${{ steps['generate'].output.levelBefore }}",
          },
        },
      ],
    }),
  },
];
