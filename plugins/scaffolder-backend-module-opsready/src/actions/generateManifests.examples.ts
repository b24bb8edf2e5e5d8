import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Generate Kubernetes manifests and a Helm chart for a standard-tier service',
    example: yaml.stringify({
      steps: [
        {
          id: 'manifests',
          action: 'opsready:manifests:generate',
          name: 'Generate Kubernetes manifests and Helm chart',
          input: {
            name: '${{ parameters.name }}',
            owner: '${{ parameters.owner }}',
            system: '${{ parameters.system }}',
            tier: '${{ parameters.tier }}',
            port: '${{ parameters.port }}',
            image: 'registry.example.com/${{ parameters.name }}:0.1.0',
          },
        },
      ],
    }),
  },
  {
    description: 'Put the manifests under deploy/ and the chart under helm/',
    example: yaml.stringify({
      steps: [
        {
          id: 'manifests',
          action: 'opsready:manifests:generate',
          input: {
            name: 'refund-service',
            tier: 'critical',
            port: 8080,
            image: 'registry.example.com/refund-service:1.0.0',
            namespace: 'payments',
            manifestsPath: 'deploy',
            chartPath: 'helm/refund-service',
          },
        },
      ],
    }),
  },
];
