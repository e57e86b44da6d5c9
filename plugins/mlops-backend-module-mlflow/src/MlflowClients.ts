import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { NamedInstances } from '@mlops-portal/plugin-mlops-node';
import { MlflowClient, MlflowClientOptions } from './MlflowClient';

/**
 * The MLflow instances configured under `mlops.mlflow.instances`, by name. The only place MLflow URLs come from.
 *
 * @public
 */
export class MlflowClients extends NamedInstances<MlflowClient> {
  /** A client for each instance under `mlops.mlflow.instances`, in config order; an `InputError` for an unknown `auth.type`. */
  static fromConfig(config: Config): MlflowClients {
    const instances =
      config.getOptionalConfigArray('mlops.mlflow.instances') ?? [];
    return new MlflowClients(
      instances.map(instance => {
        const auth = instance.getOptionalConfig('auth');
        const type = auth?.getString('type');
        let authOptions: MlflowClientOptions['auth'];
        if (type === 'basic') {
          authOptions = {
            type,
            username: auth!.getString('username'),
            password: auth!.getString('password'),
          };
        } else if (type === 'bearer') {
          authOptions = { type, token: auth!.getString('token') };
        } else if (type !== undefined) {
          throw new InputError(
            `mlops.mlflow.instances[${instance.getString(
              'name',
            )}].auth.type must be basic or bearer, not '${type}'`,
          );
        }
        return new MlflowClient({
          name: instance.getString('name'),
          baseUrl: instance.getString('baseUrl'),
          auth: authOptions,
          timeoutMs: instance.getOptionalNumber('timeoutMs'),
          maxAttempts: instance.getOptionalNumber('maxAttempts'),
        });
      }),
    );
  }

  private constructor(clients: MlflowClient[]) {
    super(clients, 'MLflow', 'mlops.mlflow.instances');
  }
}
