import { editManifest } from './editManifest';

const MANIFEST = `# Serving of the fraud model; Argo CD applies this file.
apiVersion: v1
kind: ConfigMap
metadata: {name: fraud-settings, namespace: fraud}
data:
  threshold:   "0.7"   # tuned by the risk team
---
apiVersion: machinelearning.seldon.io/v1
kind: SeldonDeployment
metadata:
  name: fraud-detector
  namespace: fraud   # production
  labels: {team: risk}
spec:
  # the stable predictor first: the portal adds a canary after it
  predictors:
  - name: stable   # the champion
    traffic: 100
    labels:
      mlops.backstage.io/model-version: "4"
    graph:
      name: classifier
      implementation: MLSERVER
      modelUri: 's3://models/fraud-detector/4'

    replicas: 2
---
# the service is another team's
apiVersion: v1
kind: Service
metadata:
  name: fraud-detector
spec:
  ports: [ {port: 80} ]
`;

const ref = {
  apiVersion: 'machinelearning.seldon.io/v1',
  kind: 'SeldonDeployment',
  namespace: 'fraud',
  name: 'fraud-detector',
};

describe('editManifest', () => {
  it('changes only the characters of a changed value', () => {
    const { text, changed } = editManifest<any>(MANIFEST, ref, sdep => {
      sdep.spec.predictors[0].traffic = 75;
      return sdep;
    });
    expect(changed).toBe(true);
    expect(text).toBe(
      MANIFEST.replace('    traffic: 100\n', '    traffic: 75\n'),
    );
  });

  it('adds a list item and a key at their siblings’ indentation, everything else byte for byte', () => {
    const { text, object } = editManifest<any>(MANIFEST, ref, sdep => {
      const stable = sdep.spec.predictors[0];
      sdep.metadata.annotations = { 'mlops.backstage.io/rollout': 'r-1' };
      sdep.spec.predictors = [
        { ...stable, traffic: 75 },
        {
          ...structuredClone(stable),
          name: 'canary',
          traffic: 25,
          labels: { 'mlops.backstage.io/model-version': '5' },
          graph: { ...stable.graph, modelUri: 's3://models/fraud-detector/5' },
        },
      ];
      return sdep;
    });
    expect(object.spec.predictors[1].labels).toEqual({
      'mlops.backstage.io/model-version': '5',
    });
    expect(text).toBe(`# Serving of the fraud model; Argo CD applies this file.
apiVersion: v1
kind: ConfigMap
metadata: {name: fraud-settings, namespace: fraud}
data:
  threshold:   "0.7"   # tuned by the risk team
---
apiVersion: machinelearning.seldon.io/v1
kind: SeldonDeployment
metadata:
  name: fraud-detector
  namespace: fraud   # production
  labels: {team: risk}
  annotations:
    mlops.backstage.io/rollout: r-1
spec:
  # the stable predictor first: the portal adds a canary after it
  predictors:
  - name: stable   # the champion
    traffic: 75
    labels:
      mlops.backstage.io/model-version: "4"
    graph:
      name: classifier
      implementation: MLSERVER
      modelUri: 's3://models/fraud-detector/4'

    replicas: 2
  - name: canary
    traffic: 25
    labels:
      mlops.backstage.io/model-version: "5"
    graph:
      name: classifier
      implementation: MLSERVER
      modelUri: s3://models/fraud-detector/5
    replicas: 2
---
# the service is another team's
apiVersion: v1
kind: Service
metadata:
  name: fraud-detector
spec:
  ports: [ {port: 80} ]
`);
  });

  it('removes a list item and a key with their lines only, and round-trips to the original', () => {
    const step = editManifest<any>(MANIFEST, ref, sdep => {
      sdep.metadata.annotations = { claim: 'x' };
      sdep.spec.predictors.push({ name: 'canary', traffic: 0, graph: {} });
      return sdep;
    }).text;
    const back = editManifest<any>(step, ref, sdep => {
      delete sdep.metadata.annotations;
      sdep.spec.predictors = sdep.spec.predictors.slice(0, 1);
      return sdep;
    });
    expect(back.text).toBe(MANIFEST);
  });

  it('edits a flow collection that changes shape through the tree, keeping the other documents byte for byte', () => {
    const { text, object } = editManifest<any>(MANIFEST, ref, sdep => {
      sdep.metadata.labels.tier = 'gold';
      return sdep;
    });
    expect(object.metadata.labels).toEqual({ team: 'risk', tier: 'gold' });
    const [head] = MANIFEST.split('---\napiVersion: machinelearning');
    expect(text.startsWith(`${head}---\n`)).toBe(true);
    expect(text.endsWith(MANIFEST.slice(MANIFEST.lastIndexOf('---')))).toBe(
      true,
    );
    expect(text).toContain('# the champion');
    expect(text).toContain('# production');
  });

  it('empties a block map as {} on its key’s line', () => {
    const claimed = editManifest<any>(MANIFEST, ref, sdep => {
      sdep.metadata.annotations = { 'mlops.backstage.io/rollout': 'r-1' };
      return sdep;
    }).text;
    const released = editManifest<any>(claimed, ref, sdep => {
      sdep.metadata.annotations = {};
      return sdep;
    });
    expect(released.object.metadata.annotations).toEqual({});
    expect(released.text).toBe(
      MANIFEST.replace(
        '  labels: {team: risk}\n',
        '  labels: {team: risk}\n  annotations: {}\n',
      ),
    );
  });

  it('writes nothing when the change changes nothing', () => {
    const result = editManifest<any>(MANIFEST, ref, sdep => sdep);
    expect(result).toMatchObject({ text: MANIFEST, changed: false });
  });

  it('names a missing or ambiguous object', () => {
    expect(() =>
      editManifest(
        MANIFEST,
        { ...ref, name: 'other' },
        o => o,
        'serving/fraud.yaml',
      ),
    ).toThrow('serving/fraud.yaml has no SeldonDeployment fraud/other');
    expect(() =>
      editManifest(`${MANIFEST}---\n${MANIFEST}`, ref, o => o),
    ).toThrow(/2 documents for SeldonDeployment fraud\/fraud-detector/);
    expect(() => editManifest('a: [', ref, o => o)).toThrow(/not valid YAML/);
  });
});
