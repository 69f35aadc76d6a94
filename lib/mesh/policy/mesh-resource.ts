import { IConstruct } from 'constructs';
import { projectOf } from '../../core/project';
import { locationalName } from '../../core/references';
import { claimUniqueName } from '../../core/unique-names';
import { checkGlobalLocation, checkGoogleLabels, checkProps, checkResourceName, checkString } from '../../core/validation';

/** Identity of a Cloud Service Mesh resource: project, name and the `global` location Traffic Director reads. */
export interface MeshResourceOptions {
  /**
   * The project the resource is created in.
   * @default - the project of the stack's Google provider
   */
  readonly project?: string;
  /** The resource name, e.g. `server-mtls-policy`. */
  readonly name: string;
  /**
   * Free-text description of the resource (`description`).
   * @default - none
   */
  readonly description?: string;
  /**
   * Cloud Service Mesh reads these resources only from `global`; any other value is rejected.
   * @default 'global'
   */
  readonly location?: string;
  /**
   * Google Cloud labels on the resource.
   * @default - no labels
   */
  readonly labels?: { [key: string]: string };
}

/** Project, location, name and full name of a Cloud Service Mesh resource. */
export interface MeshResourceIdentity {
  /** The project that owns the resource. */
  readonly project: string;
  /** The resource's location: always `global` for Cloud Service Mesh. */
  readonly location: string;
  /** The resource name. */
  readonly name: string;
  /** `projects/P/locations/global/COLLECTION/NAME`. */
  readonly resourceName: string;
}

/**
 * Checks the options once for every mesh resource and returns its identity. A resource this app creates claims its
 * name in its collection (`what`), so a second one of the same name fails synth; an adopted one (`what` undefined)
 * only refers to it.
 */
export function meshResource(scope: IConstruct, options: MeshResourceOptions, collection: string, what?: string): MeshResourceIdentity {
  checkProps(scope, options, 'Pass the resource\'s props, e.g. { name: "server-mtls-policy" }');
  const project = projectOf(scope, options.project);
  checkResourceName(scope, 'name', options.name);
  const location = options.location ?? 'global';
  checkGlobalLocation(scope, 'location', location);
  if (options.description !== undefined && options.description !== null) {
    checkString(scope, 'description', options.description, 'Describe the resource in one sentence');
  }
  checkGoogleLabels(scope, 'labels', options.labels);
  if (what !== undefined) claimUniqueName(scope, 'name', what, [project, location, collection, options.name], `project ${project}`);
  return { project, location, name: options.name, resourceName: locationalName(project, location, collection, options.name) };
}

/** Attributes of an existing Cloud Service Mesh resource, for the `from…Attributes` factories. */
export interface MeshResourceAttributes {
  /**
   * The project that owns the resource.
   * @default - the project of the stack's Google provider
   */
  readonly project?: string;
  /** The resource name. */
  readonly name: string;
}
