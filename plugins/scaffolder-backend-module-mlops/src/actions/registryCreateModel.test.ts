import { createRegistryCreateModelAction } from './registryCreateModel';
import { actionHarness } from '../__testUtils__/actionHarness';

jest.setTimeout(60_000);

/* mlops:registry:create-model against the real mlops backend and the sandbox's MLflow over HTTP. */
describe('mlops:registry:create-model', () => {
  const t = actionHarness(deps => createRegistryCreateModelAction(deps));
  const registeredModel = async (name: string) => {
    const response = await fetch(
      `${t.sandboxUrl}/mlflow/api/2.0/mlflow/registered-models/get?name=${name}`,
    );
    return { status: response.status, body: (await response.json()) as any };
  };

  it('creates the registered model as the template user, tagged with creator and owner', async () => {
    const output = await t.run({
      name: 'churn-uplift',
      description: 'Uplift model for churn offers',
      owner: 'group:default/growth-ml',
    });
    expect(output).toEqual({ instance: 'default', outcome: 'created' });
    const { status, body } = await registeredModel('churn-uplift');
    expect(status).toBe(200);
    expect(body.registered_model.description).toBe(
      'Uplift model for churn offers',
    );
    expect(body.registered_model.tags).toEqual(
      expect.arrayContaining([
        { key: 'backstage.io/created-by', value: 'user:default/mock' },
        { key: 'backstage.io/owner', value: 'group:default/growth-ml' },
      ]),
    );
  });

  it('checks the name in a dry run and creates nothing', async () => {
    const output = await t.run({ name: 'churn-uplift' }, true);
    expect(output).toEqual({ instance: 'default', outcome: 'would-create' });
    expect((await registeredModel('churn-uplift')).status).toBe(404);
  });

  it('refuses a name MLflow already holds, in a dry run too, naming the instance', async () => {
    for (const dryRun of [false, true]) {
      await expect(t.run({ name: 'fraud-detector' }, dryRun)).rejects.toThrow(
        "MLflow instance 'default' already has a registered model named 'fraud-detector'",
      );
    }
  });

  it('refuses a name that is not an entity name, before calling MLflow', async () => {
    await expect(t.run({ name: 'Fraud Detector' })).rejects.toThrow(
      /lower-case letters, digits/,
    );
  });
});
