import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const rolloutStartExamples: TemplateExample[] = [
  {
    description:
      'An A/B test of a new version on 20% of traffic, judged on a 5% baseline success rate and a 1-point effect',
    example: yaml.stringify({
      steps: [
        {
          id: 'abtest',
          action: 'mlops:rollout:start',
          name: 'Start the A/B test',
          input: {
            entityRef: 'model:default/fraud-detector',
            version: '${{ parameters.version }}',
            strategy: 'abtest',
            abTest: {
              candidateShare: 20,
              baselineRate: 0.05,
              minimumDetectableEffect: 0.01,
            },
          },
        },
      ],
    }),
  },
  {
    description:
      'Shadow the new version for 30 minutes and wait for the verdict; a passed shadow moves no alias',
    example: yaml.stringify({
      steps: [
        {
          id: 'shadow',
          action: 'mlops:rollout:start',
          name: 'Shadow the candidate',
          input: {
            entityRef: 'model:default/fraud-detector',
            version: '${{ parameters.version }}',
            strategy: 'shadow',
            shadow: { durationSeconds: 1800, maxPsi: 0.2 },
            waitForCompletion: true,
            timeoutMinutes: 45,
          },
        },
      ],
    }),
  },
  {
    description:
      'A blue-green switch to the challenger alias that keeps the previous version warm for 5 minutes',
    example: yaml.stringify({
      steps: [
        {
          id: 'bluegreen',
          action: 'mlops:rollout:start',
          name: 'Blue-green switch',
          input: {
            entityRef: 'model:default/fraud-detector',
            version: '${{ parameters.version }}',
            alias: 'challenger',
            strategy: 'bluegreen',
            blueGreen: { warmSeconds: 300 },
          },
        },
      ],
    }),
  },
];
