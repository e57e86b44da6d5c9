import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const registryPromoteExamples: TemplateExample[] = [
  {
    description:
      'Point the challenger alias at the version a training run just registered',
    example: yaml.stringify({
      steps: [
        {
          id: 'promote',
          action: 'mlops:registry:promote',
          name: 'Promote to challenger',
          input: {
            entityRef: 'model:default/fraud-detector',
            alias: 'challenger',
            version: '${{ parameters.version }}',
            reason: 'Retrained on November data; shadow it as challenger',
          },
        },
      ],
    }),
  },
];
