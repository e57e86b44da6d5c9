import {
  AuditorService,
  AuthService,
  CacheService,
  LoggerService,
  PermissionsService,
  RootConfigService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { Knex } from 'knex';
import { ModelEntities } from './ModelEntities';
import { ModelRegistries } from './ModelRegistries';
import { PrometheusClients } from './prometheus/PrometheusClients';
import { ServingPlatforms } from './ServingPlatforms';

/** What every capability is built from: the plugin's core services, its database and its extension points. */
export type PluginDeps = {
  config: RootConfigService;
  logger: LoggerService;
  auth: AuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  scheduler: SchedulerService;
  cache: CacheService;
  catalog: CatalogService;
  knex: Knex;
  models: ModelEntities;
  prometheus: PrometheusClients;
  platforms: ServingPlatforms;
  registries: ModelRegistries;
};
