import { crdSchemaFor } from './crdSchemas';
import type { KubernetesObject } from './kubernetesWire';
import { applyStructuralSchema } from './structuralSchema';

export type CustomResourceVerdict =
  | { valid: true; object: KubernetesObject; warnings: string[] }
  | {
      valid: false;
      message: string;
      details: {
        name?: string;
        group: string;
        kind: string;
        causes: Array<{ reason: string; message: string }>;
      };
    };

/**
 * An API server's verdict on writing `body` as `group/version/plural`, for the custom resources the stand-in has
 * a CRD schema of: the object to store (unknown fields pruned) and its warnings, or the `Invalid` message and
 * causes to answer 422 with. `strict` is `?fieldValidation=Strict`: unknown fields are errors, not warnings.
 * Resources without a CRD schema pass unchanged.
 */
export function validateCustomResource(
  resource: { group: string; version: string; plural: string },
  body: KubernetesObject,
  strict: boolean,
): CustomResourceVerdict {
  const crd = crdSchemaFor(resource.group, resource.plural);
  if (!crd) {
    return { valid: true, object: body, warnings: [] };
  }
  const errors: string[] = [];
  if (
    body.apiVersion !== `${crd.group}/${resource.version}` ||
    body.kind !== crd.kind
  ) {
    errors.push(
      `apiVersion/kind: Invalid value: "${body.apiVersion}/${body.kind}": must be ${crd.group}/${resource.version} ${crd.kind}`,
    );
  }
  if (resource.version !== crd.version) {
    errors.push(
      `apiVersion: Invalid value: "${resource.version}": this stand-in serves ${crd.kind} only at ${crd.version}`,
    );
  }
  const result = applyStructuralSchema(crd.openAPIV3Schema, body);
  errors.push(...result.errors);
  const unknown = result.unknownFields.map(f => `unknown field "${f}"`);
  if (strict && unknown.length) {
    errors.push(`strict decoding error: ${unknown.join(', ')}`);
  }
  if (errors.length) {
    return {
      valid: false,
      message: `${crd.kind}.${crd.group} "${
        body.metadata?.name ?? ''
      }" is invalid: ${errors.join(', ')}`,
      details: {
        name: body.metadata?.name,
        group: crd.group,
        kind: crd.kind,
        causes: errors.map(message => ({
          reason: 'FieldValueInvalid',
          message,
        })),
      },
    };
  }
  return {
    valid: true,
    object: result.pruned as KubernetesObject,
    warnings: unknown,
  };
}
