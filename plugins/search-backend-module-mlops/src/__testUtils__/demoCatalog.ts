import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { Entity } from '@backstage/catalog-model';
import { parseEntityYaml } from '@backstage/plugin-catalog-node';
import {
  FeastRegistryFake,
  KfpFake,
  seedFeast,
  seedKfp,
} from '@mlops-portal/sandbox';

const EXAMPLES = resolve(__dirname, '../../../../examples');

/** The entities written in examples/*.yaml, read from the files as the catalog would. */
export function exampleEntities(): Entity[] {
  return readdirSync(EXAMPLES)
    .filter(file => file.endsWith('.yaml'))
    .flatMap(file => {
      const target = resolve(EXAMPLES, file);
      return [
        ...parseEntityYaml(readFileSync(target), { type: 'file', target }),
      ].flatMap(result => {
        if (result.type !== 'entity') {
          throw new Error(`${file}: ${JSON.stringify(result)}`);
        }
        return [
          {
            ...result.entity,
            metadata: { namespace: 'default', ...result.entity.metadata },
          },
        ];
      });
    });
}

const words = (name: string) =>
  name.charAt(0).toUpperCase() + name.slice(1).replace(/[_-]/g, ' ');

/**
 * The demo's FeatureViews and Pipelines, from the sandbox's Feast and Kubeflow seeds, shaped as the catalog's
 * providers ingest them (entity name = upstream name with `-`, title in words) with app-config's owners.
 */
export function ingestedEntities(): Entity[] {
  const entities: Entity[] = [];
  const systems: Record<string, string> = {
    fraud: 'fraud-detection',
    growth: 'customer-growth',
  };
  class RecordingFeast extends FeastRegistryFake {
    applyFeatureView(
      ...[project, seed]: Parameters<FeastRegistryFake['applyFeatureView']>
    ) {
      entities.push({
        apiVersion: 'mlops.backstage.io/v1alpha1',
        kind: 'FeatureView',
        metadata: {
          name: seed.name.replace(/_/g, '-'),
          namespace: 'default',
          title: words(seed.name),
          description: seed.description,
        },
        spec: {
          lifecycle: 'production',
          owner: 'group:default/data-platform',
          system: systems[project],
          entities: seed.entities,
          features: seed.features.map(f => ({
            name: f.name,
            type: f.valueType,
            ...(f.description ? { description: f.description } : {}),
          })),
          feast: { instance: 'default', project, name: seed.name },
        },
      });
      return super.applyFeatureView(project, seed);
    }
  }
  class RecordingKfp extends KfpFake {
    addPipeline(...args: Parameters<KfpFake['addPipeline']>) {
      const [name, description, options] = args;
      entities.push({
        apiVersion: 'mlops.backstage.io/v1alpha1',
        kind: 'Pipeline',
        metadata: {
          name,
          namespace: 'default',
          title: words(name),
          description,
        },
        spec: {
          type: name.endsWith('scoring') ? 'batch-inference' : 'training',
          lifecycle: name.startsWith('churn') ? 'experimental' : 'production',
          owner: name.startsWith('churn')
            ? 'group:default/growth-ml'
            : 'group:default/fraud-ml',
          kubeflow: { instance: 'default', pipelineName: name },
          ...(options?.schedule ? { schedule: options.schedule } : {}),
        },
      });
      return super.addPipeline(...args);
    }
  }
  seedFeast(new RecordingFeast());
  seedKfp(new RecordingKfp());
  return entities;
}

/** What the demo's catalog holds: examples/*.yaml and the ingested FeatureViews and Pipelines. */
export function demoCatalog(): Entity[] {
  return [...exampleEntities(), ...ingestedEntities()];
}
