import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const registryCreateModelExamples: TemplateExample[] = [
  {
    description:
      "Create the new service's registered model in the default MLflow instance, owned by the chosen team",
    example: yaml.stringify({
      steps: [
        {
          id: 'registered-model',
          action: 'mlops:registry:create-model',
          name: 'Create the registered model',
          input: {
            name: '${{ parameters.name }}',
            description: '${{ parameters.description }}',
            owner: '${{ parameters.owner }}',
          },
        },
      ],
    }),
  },
  {
    description: 'Create it in a named MLflow instance',
    example: yaml.stringify({
      steps: [
        {
          id: 'registered-model',
          action: 'mlops:registry:create-model',
          name: 'Create the registered model',
          input: {
            name: '${{ parameters.name }}',
            instance: 'research',
          },
        },
      ],
    }),
  },
];
