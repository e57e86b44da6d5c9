import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  createPermission,
  isResourcePermission,
  PermissionCondition,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { PolicyQueryUser } from '@backstage/plugin-permission-node';
import { permissionRules } from '@backstage/plugin-catalog-backend/alpha';
import { mlopsPermissions } from '@mlops-portal/plugin-mlops-common';
import { MlopsPortalPermissionPolicy } from './MlopsPortalPermissionPolicy';

/** A catalog entity, as the catalog's rules take it. */
type Entity = Parameters<typeof permissionRules.isEntityOwner.apply>[0];

const AMIRA = 'user:default/amira.haddad';
const FRAUD_ML = 'group:default/fraud-ml';

/** A signed-in user as the permission backend hands them to the policy. */
function user(userEntityRef: string, groups: string[]): PolicyQueryUser {
  const ownershipEntityRefs = [userEntityRef, ...groups];
  return {
    credentials: {
      $$type: '@backstage/BackstageCredentials',
      principal: { type: 'user', userEntityRef },
    } as BackstageCredentials,
    info: { userEntityRef, ownershipEntityRefs },
  };
}

/** A Model entity as the catalog stores it, with its ownedBy relation. */
function model(name: string, owner: string): Entity {
  return {
    apiVersion: 'mlops.backstage.io/v1alpha1',
    kind: 'Model',
    metadata: { name, namespace: 'default' },
    spec: { owner },
    relations: [{ type: 'ownedBy', targetRef: owner }],
  };
}

/** Whether `decision` lets the caller act on `entity`, applying a conditional decision as the catalog does. */
function allows(decision: PolicyDecision, entity: Entity): boolean {
  if (decision.result !== AuthorizeResult.CONDITIONAL) {
    return decision.result === AuthorizeResult.ALLOW;
  }
  const condition = decision.conditions as PermissionCondition;
  const rule = Object.values(permissionRules).find(
    r => r.name === condition.rule,
  );
  if (!rule) {
    throw new Error(`not a catalog rule: ${JSON.stringify(condition)}`);
  }
  return rule.apply(entity, condition.params as any);
}

const fraudDetector = model('fraud-detector', FRAUD_ML);
const churnPredictor = model('churn-predictor', 'group:default/growth-ml');

const entityPermissions = mlopsPermissions.filter(p =>
  isResourcePermission(p, 'catalog-entity'),
);

/* The example portal's policy (packages/backend/src/permissions): owners may act, others may not. */
describe('MlopsPortalPermissionPolicy', () => {
  const policy = new MlopsPortalPermissionPolicy();

  it('covers every state-changing mlops action as a permission on the catalog entity', () => {
    expect(entityPermissions.map(p => p.name).sort()).toEqual([
      'mlops.model.approve',
      'mlops.model.promote',
      'mlops.model.rollback',
      'mlops.pipeline.run',
      'mlops.rollout.manage',
    ]);
  });

  describe.each(entityPermissions.map(p => [p.name, p] as const))(
    '%s',
    (_name, permission) => {
      it('is a catalog condition: the entity is owned by one of the user’s ownership refs', async () => {
        const decision = await policy.handle(
          { permission },
          user(AMIRA, [FRAUD_ML]),
        );
        expect(decision).toEqual({
          result: AuthorizeResult.CONDITIONAL,
          pluginId: 'catalog',
          resourceType: 'catalog-entity',
          conditions: {
            rule: 'IS_ENTITY_OWNER',
            resourceType: 'catalog-entity',
            params: { claims: [AMIRA, FRAUD_ML] },
          },
        });
      });

      it('allows the owners of the entity and denies everyone else', async () => {
        const amira = await policy.handle(
          { permission },
          user(AMIRA, [FRAUD_ML]),
        );
        expect(allows(amira, fraudDetector)).toBe(true);
        expect(allows(amira, churnPredictor)).toBe(false);

        const mallory = await policy.handle(
          { permission },
          user('user:default/mallory', ['group:default/marketing']),
        );
        expect(allows(mallory, fraudDetector)).toBe(false);
        expect(allows(mallory, churnPredictor)).toBe(false);

        // A user who owns the entity directly (not through a group) may act too.
        const direct = await policy.handle(
          { permission },
          user('user:default/solo', []),
        );
        expect(allows(direct, model('solo-model', 'user:default/solo'))).toBe(
          true,
        );
      });

      it('owns nothing for a caller without a user identity', async () => {
        const decision = await policy.handle({ permission });
        expect(decision).toMatchObject({
          result: AuthorizeResult.CONDITIONAL,
          conditions: { params: { claims: [] } },
        });
        expect(allows(decision, fraudDetector)).toBe(false);
      });
    },
  );

  it('allows mlops.registry.model.create, a basic permission, to every signed-in user (scaffolder README)', async () => {
    const create = mlopsPermissions.find(
      p => p.name === 'mlops.registry.model.create',
    )!;
    expect(isResourcePermission(create)).toBe(false);
    expect(
      await policy.handle(
        { permission: create },
        user('user:default/mallory', []),
      ),
    ).toEqual({ result: AuthorizeResult.ALLOW });
  });

  it('allows permissions of other plugins to signed-in users', async () => {
    const catalogRead = createPermission({
      name: 'catalog.entity.read',
      attributes: { action: 'read' },
      resourceType: 'catalog-entity',
    });
    const scaffolderRun = createPermission({
      name: 'scaffolder.task.create',
      attributes: { action: 'create' },
    });
    for (const permission of [catalogRead, scaffolderRun]) {
      expect(
        await policy.handle({ permission }, user('user:default/mallory', [])),
      ).toEqual({ result: AuthorizeResult.ALLOW });
    }
  });
});
