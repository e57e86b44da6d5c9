import { KubernetesFake } from './KubernetesFake';
import { KubernetesObject } from './kubernetesWire';

const ID_LABEL = 'backstage.io/kubernetes-id';

/** An ownerReferences list naming `owner` as the controller, as Kubernetes sets it. */
function ownedBy(owner: KubernetesObject) {
  return [
    {
      apiVersion: owner.apiVersion,
      kind: owner.kind,
      name: owner.metadata.name,
      uid: owner.metadata.uid!,
      controller: true,
    },
  ];
}

function pod(
  namespace: string,
  name: string,
  labels: Record<string, string>,
  image: string,
  owner?: KubernetesObject,
): KubernetesObject {
  const started = new Date(Date.now() - 3 * 24 * 3_600_000).toISOString();
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace,
      labels,
      ownerReferences: owner && ownedBy(owner),
    },
    spec: {
      containers: [
        {
          name: 'model',
          image,
          resources: { requests: { cpu: '500m', memory: '1Gi' } },
        },
      ],
    },
    status: {
      phase: 'Running',
      startTime: started,
      conditions: [
        { type: 'Ready', status: 'True', lastTransitionTime: started },
        {
          type: 'ContainersReady',
          status: 'True',
          lastTransitionTime: started,
        },
      ],
      containerStatuses: [
        {
          name: 'model',
          ready: true,
          restartCount: 0,
          image,
          imageID: image,
          started: true,
          state: { running: { startedAt: started } },
        },
      ],
    },
  };
}

/**
 * DEMO DATA: the serving side of the example models. fraud-detector runs as a Seldon Core v1 SeldonDeployment
 * whose single predictor serves the champion (v4); churn-predictor runs as a KServe InferenceService. Both carry
 * the `backstage.io/kubernetes-id` label their Components name, so the Kubernetes tab finds them.
 */
export function seedKubernetes(fake: KubernetesFake) {
  const fraudLabels = {
    [ID_LABEL]: 'fraud-detector',
    'seldon-deployment-id': 'fraud-detector',
  };
  fake.add('machinelearning.seldon.io', 'seldondeployments', {
    apiVersion: 'machinelearning.seldon.io/v1',
    kind: 'SeldonDeployment',
    metadata: {
      name: 'fraud-detector',
      namespace: 'fraud',
      labels: { [ID_LABEL]: 'fraud-detector' },
    },
    spec: {
      protocol: 'v2',
      predictors: [
        {
          name: 'stable',
          replicas: 2,
          traffic: 100,
          labels: { 'mlops.backstage.io/model-version': '4' },
          graph: {
            name: 'classifier',
            type: 'MODEL',
            implementation: 'MLFLOW_SERVER',
            modelUri: 'models:/fraud-detector/4',
            children: [],
          },
        },
      ],
    },
    status: {
      state: 'Available',
      replicas: 2,
      address: {
        url: 'http://fraud-detector-stable.fraud.svc.cluster.local:8000/v2/models/classifier/infer',
      },
      conditions: [
        {
          type: 'Ready',
          status: 'True',
          lastTransitionTime: new Date().toISOString(),
        },
      ],
    },
  });
  const deployment = fake.add('apps', 'deployments', {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: 'fraud-detector-stable-0-classifier',
      namespace: 'fraud',
      labels: fraudLabels,
    },
    // As the API server stores a Deployment: with the defaults it fills in (strategy, revision history, progress
    // deadline), which the Kubernetes tab's drawer shows.
    spec: {
      replicas: 2,
      selector: { matchLabels: fraudLabels },
      strategy: {
        type: 'RollingUpdate',
        rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' },
      },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
      template: {
        metadata: { labels: fraudLabels },
        spec: {
          containers: [
            {
              name: 'model',
              image: 'seldonio/mlserver:1.6.1',
              resources: { requests: { cpu: '500m', memory: '1Gi' } },
            },
          ],
        },
      },
    },
    status: {
      observedGeneration: 1,
      replicas: 2,
      readyReplicas: 2,
      availableReplicas: 2,
      updatedReplicas: 2,
      conditions: [
        {
          type: 'Available',
          status: 'True',
          reason: 'MinimumReplicasAvailable',
          message: 'Deployment has minimum availability.',
        },
        {
          type: 'Progressing',
          status: 'True',
          reason: 'NewReplicaSetAvailable',
          message:
            'ReplicaSet "fraud-detector-stable-0-classifier-7d9f8" has successfully progressed.',
        },
      ],
    },
  });
  const replicaSet = fake.add('apps', 'replicasets', {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: 'fraud-detector-stable-0-classifier-7d9f8',
      namespace: 'fraud',
      labels: fraudLabels,
      ownerReferences: ownedBy(deployment),
    },
    spec: { replicas: 2, selector: { matchLabels: fraudLabels } },
    status: { replicas: 2, readyReplicas: 2, availableReplicas: 2 },
  });
  for (const suffix of ['k2x4p', 'q8r5t']) {
    const name = `fraud-detector-stable-0-classifier-7d9f8-${suffix}`;
    fake.add(
      '',
      'pods',
      pod('fraud', name, fraudLabels, 'seldonio/mlserver:1.6.1', replicaSet),
    );
  }

  const churnLabels = { [ID_LABEL]: 'churn-predictor' };
  fake.add('serving.kserve.io', 'inferenceservices', {
    apiVersion: 'serving.kserve.io/v1beta1',
    kind: 'InferenceService',
    metadata: {
      name: 'churn-predictor',
      namespace: 'growth',
      labels: churnLabels,
      annotations: { 'mlops.backstage.io/model-version': '2' },
    },
    spec: {
      predictor: {
        model: {
          modelFormat: { name: 'lightgbm' },
          storageUri: 'models:/churn-predictor/2',
        },
      },
    },
    status: {
      url: 'http://churn-predictor.growth.example.com',
      conditions: [
        {
          type: 'Ready',
          status: 'True',
          lastTransitionTime: new Date().toISOString(),
        },
      ],
      components: {
        predictor: {
          latestReadyRevision: 'churn-predictor-predictor-00002',
          traffic: [
            {
              revisionName: 'churn-predictor-predictor-00002',
              percent: 100,
              latestRevision: true,
            },
          ],
        },
      },
    },
  });
  fake.add(
    '',
    'pods',
    pod(
      'growth',
      'churn-predictor-predictor-00002-deployment-6c9b7-z7m2d',
      churnLabels,
      'kserve/lgbserver:v0.14.0',
    ),
  );
}
