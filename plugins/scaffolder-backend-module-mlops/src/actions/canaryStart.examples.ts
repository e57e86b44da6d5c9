import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const canaryStartExamples: TemplateExample[] = [
  {
    description:
      'Roll a new version out with the default canary (5% → 25% → 100%) and move on',
    example: yaml.stringify({
      steps: [
        {
          id: 'canary',
          action: 'mlops:canary:start',
          name: 'Start the canary',
          input: {
            entityRef: 'model:default/fraud-detector',
            version: '${{ parameters.version }}',
          },
        },
      ],
    }),
  },
  {
    description:
      'A shorter canary that the task waits for; the task fails if the analysis rolls it back',
    example: yaml.stringify({
      steps: [
        {
          id: 'canary',
          action: 'mlops:canary:start',
          name: 'Canary and wait',
          input: {
            entityRef: 'model:default/fraud-detector',
            version: '${{ parameters.version }}',
            steps: [
              { weight: 10, durationSeconds: 300 },
              { weight: 50, durationSeconds: 600 },
              { weight: 100, durationSeconds: 0 },
            ],
            waitForCompletion: true,
            timeoutMinutes: 60,
          },
        },
      ],
    }),
  },
];
