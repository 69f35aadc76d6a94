import { IConstruct } from 'constructs';
import { locationalName } from '../core/references';
import { checkGlobalLocation, checkProjectId, checkResourceName } from '../core/validation';

/** Identity of a Cloud Service Mesh resource: project, name and the `global` location Traffic Director reads. */
export interface MeshResourceOptions {
  readonly project: string;
  /** The resource name, e.g. `server-mtls-policy`. */
  readonly name: string;
  /** @default - none */
  readonly description?: string;
  /**
   * Cloud Service Mesh reads these resources only from `global`; any other value is rejected.
   * @default 'global'
   */
  readonly location?: string;
  /** @default - no labels */
  readonly labels?: { [key: string]: string };
}

/** Checks the options and returns the resource's full name `projects/P/locations/global/COLLECTION/NAME`. */
export function meshResourceName(scope: IConstruct, options: MeshResourceOptions, collection: string): string {
  checkProjectId(scope, 'project', options.project);
  checkResourceName(scope, 'name', options.name);
  const location = options.location ?? 'global';
  checkGlobalLocation(scope, 'location', location);
  return locationalName(options.project, location, collection, options.name);
}
