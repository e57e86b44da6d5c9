import { Config } from '@backstage/config';
import { InputError, NotFoundError } from '@backstage/errors';
import { MlflowClient, MlflowClientOptions } from './MlflowClient';

/**
 * The MLflow instances configured under `mlops.mlflow.instances`, by name. The only place MLflow URLs come from.
 */
export class MlflowClients {
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

  constructor(private readonly clients: MlflowClient[]) {}

  /** The named instance, or the first configured one when no name is given. */
  get(name?: string): MlflowClient {
    const client = name
      ? this.clients.find(c => c.instanceName === name)
      : this.clients[0];
    if (!client) {
      throw new NotFoundError(
        name
          ? `No MLflow instance named '${name}' is configured (mlops.mlflow.instances)`
          : 'No MLflow instance is configured (mlops.mlflow.instances)',
      );
    }
    return client;
  }
}
