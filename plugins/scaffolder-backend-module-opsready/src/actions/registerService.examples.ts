import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      "Record the provisioning in OpsReady, with the template's name and version",
    example: yaml.stringify({
      steps: [
        {
          id: 'opsready-register',
          action: 'opsready:service:register',
          name: 'Record the provisioning in OpsReady',
          input: {
            entityRef: '${{ steps.validate.output.entityRef }}',
            repoUrl: '${{ steps.publish.output.remoteUrl }}',
          },
        },
      ],
    }),
  },
  {
    description: 'Name the template and its version explicitly',
    example: yaml.stringify({
      steps: [
        {
          id: 'opsready-register',
          action: 'opsready:service:register',
          input: {
            entityRef: 'component:default/refund-service',
            templateName: 'node-service',
            templateVersion: '1.0.0',
            repoUrl: 'https://github.com/acme/refund-service',
          },
        },
      ],
    }),
  },
];
