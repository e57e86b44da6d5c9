import { createPermission } from '@backstage/plugin-permission-common';
import { RESOURCE_TYPE_CATALOG_ENTITY } from '@backstage/plugin-catalog-common/alpha';

/*
 * Every state-changing MLOps action is a resource permission on the catalog entity it acts on, so a policy can
 * answer with catalog conditions such as "is owner of the Model" (isEntityOwner) without new rules.
 */

/**
 * Move an alias (e.g. champion) of a Model's registered model to another version.
 *
 * @public
 */
export const mlopsModelPromotePermission = createPermission({
  name: 'mlops.model.promote',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Approve or reject another person's request to move a protected alias (e.g. champion) of a Model.
 *
 * @public
 */
export const mlopsModelApprovePermission = createPermission({
  name: 'mlops.model.approve',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Move an alias of a Model back to the version it pointed at before the last promotion.
 *
 * @public
 */
export const mlopsModelRollbackPermission = createPermission({
  name: 'mlops.model.rollback',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Start, advance or abort a canary rollout of a Model's serving resource.
 *
 * @public
 */
export const mlopsRolloutManagePermission = createPermission({
  name: 'mlops.rollout.manage',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Start a run of a Pipeline (including retraining a Model on drift).
 *
 * @public
 */
export const mlopsPipelineRunPermission = createPermission({
  name: 'mlops.pipeline.run',
  attributes: { action: 'create' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Create a registered model in an MLflow instance (the "Create new ML service" template does, for the new
 * service). Not tied to an entity: the Model entity does not exist yet.
 *
 * @public
 */
export const mlopsRegisteredModelCreatePermission = createPermission({
  name: 'mlops.registry.model.create',
  attributes: { action: 'create' },
});

/**
 * All permissions of the MLOps Portal, for registering with the permission framework.
 *
 * @public
 */
export const mlopsPermissions = [
  mlopsModelPromotePermission,
  mlopsModelApprovePermission,
  mlopsModelRollbackPermission,
  mlopsRolloutManagePermission,
  mlopsPipelineRunPermission,
  mlopsRegisteredModelCreatePermission,
];
