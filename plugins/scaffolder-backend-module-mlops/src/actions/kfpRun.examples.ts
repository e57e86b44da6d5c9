import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const kfpRunExamples: TemplateExample[] = [
  {
    description:
      "Train with the template's hyperparameters and wait until the Kubeflow run succeeds",
    example: yaml.stringify({
      steps: [
        {
          id: 'train',
          action: 'mlops:kfp:run',
          name: 'Train',
          input: {
            entityRef: 'pipeline:default/fraud-detector-training',
            parameters: { max_depth: 10, eta: 0.05 },
            waitForCompletion: true,
          },
        },
      ],
    }),
  },
  {
    description:
      'Start a run of a given pipeline version, filed under an experiment, without waiting',
    example: yaml.stringify({
      steps: [
        {
          id: 'train',
          action: 'mlops:kfp:run',
          name: 'Start training',
          input: {
            entityRef: 'pipeline:default/fraud-detector-training',
            displayName: 'retrain ${{ parameters.reason }}',
            experiment: 'template-runs',
            pipelineVersionId: '${{ parameters.pipelineVersionId }}',
          },
        },
      ],
    }),
  },
];
