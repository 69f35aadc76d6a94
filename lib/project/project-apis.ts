import { ProjectService } from '@cdktf/provider-google/lib/project-service';
import { Aspects, IAspect, TerraformIterator, TerraformResource, TerraformStack } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { addDependsOn } from '../core/dependencies';
import { invalidInput } from '../core/errors';
import { contentId } from '../core/ids';
import { projectOf } from '../core/project';
import { claimUniqueName } from '../core/unique-names';
import { checkBoolean, checkList, checkPattern, checkProps, isUnresolved } from '../core/validation';

/** Which API a Google resource type needs, by type prefix; the first match wins. */
const API_OF_RESOURCE_PREFIX: ReadonlyArray<readonly [string, string]> = [
  ['google_container_', 'container.googleapis.com'],
  ['google_compute_', 'compute.googleapis.com'],
  ['google_privateca_', 'privateca.googleapis.com'],
  ['google_network_security_', 'networksecurity.googleapis.com'],
  ['google_network_services_', 'networkservices.googleapis.com'],
  ['google_gke_hub_', 'gkehub.googleapis.com'],
  ['google_project_iam_', 'cloudresourcemanager.googleapis.com'],
  // Service accounts, their IAM bindings and workload identity pools.
  ['google_service_account', 'iam.googleapis.com'],
  ['google_iam_', 'iam.googleapis.com'],
  ['google_dns_', 'dns.googleapis.com'],
];

/** Service Usage service names: `NAME.googleapis.com` (`gcloud services list --available`). */
const SERVICE_NAME = /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)*\.googleapis\.com$/;

/** Properties of {@link ProjectApis}. */
export interface ProjectApisProps {
  /** Project to enable the APIs in. @default - the project of the stack's Google provider */
  readonly project?: string;

  /**
   * Service names to enable.
   * @default ProjectApis.MESH_SECURITY_APIS, the eight APIs of seeds 000 and 002 (S1)
   */
  readonly services?: string[];

  /**
   * Disable the APIs when this stack is destroyed. Off by default: other workloads in the project
   * usually depend on them, and disabling `compute` or `container` would break them.
   * @default false
   */
  readonly disableOnDestroy?: boolean;

  /**
   * Make every Google resource of this stack wait for the API it is served by, so a first
   * `cdktf deploy` does not race the API enablement.
   * @default true
   */
  readonly waitForApis?: boolean;
}

/**
 * Enables the APIs Cloud Service Mesh security needs (S1) as `google_project_service` resources and
 * makes the stack's resources wait for them.
 *
 * @example
 * // The eight APIs of the seeds, in the project of the stack's Google provider.
 * new project.ProjectApis(stack, 'Apis', {});
 */
export class ProjectApis extends Construct {
  /** container, cloudresourcemanager, compute, trafficdirector, networkservices, networksecurity, privateca, gkehub (S1). */
  public static readonly MESH_SECURITY_APIS: string[] = Object.freeze([
    'container.googleapis.com',
    'cloudresourcemanager.googleapis.com',
    'compute.googleapis.com',
    'trafficdirector.googleapis.com',
    'networkservices.googleapis.com',
    'networksecurity.googleapis.com',
    'privateca.googleapis.com',
    'gkehub.googleapis.com',
  ]) as string[];

  /** The project the APIs are enabled in. */
  public readonly project: string;
  private readonly services = new Map<string, ProjectService>();
  /** The for_each resource of a services list known only at apply time. */
  private readonly allServices?: ProjectService;

  constructor(scope: Construct, id: string, props: ProjectApisProps) {
    super(scope, id);
    checkProps(this, props, 'Pass {} to enable the APIs of seeds 000 and 002 in the stack\'s project, or { services: [...] }');
    this.project = projectOf(this, props.project);
    const services = props.services ?? ProjectApis.MESH_SECURITY_APIS;
    const fix = 'List service names such as "privateca.googleapis.com"';
    if (checkList(this, 'services', services, fix)) {
      services.forEach((service, i) => {
        checkPattern(this, `services[${i}]`, service, SERVICE_NAME, 'is not a Google API service name', `${fix}; the name ends in .googleapis.com`);
        if (services.indexOf(service) !== i) {
          throw invalidInput(this, `services[${i}]`, 'is listed twice', service, 'List each API once');
        }
      });
    }
    const disableOnDestroy = props.disableOnDestroy ?? false;
    checkBoolean(this, 'disableOnDestroy', disableOnDestroy);
    const waitForApis = props.waitForApis ?? true;
    checkBoolean(this, 'waitForApis', waitForApis);
    if (isUnresolved(services)) {
      // A list known only at apply time (X5) becomes one resource per element with for_each; every Google resource of
      // the stack then waits for all of them, since which API serves which type cannot be told yet.
      const each = TerraformIterator.fromList(services);
      this.allServices = new ProjectService(this, 'Services', {
        forEach: each, project: this.project, service: each.value, disableOnDestroy, disableDependentServices: false,
      });
    }
    for (const service of isUnresolved(services) ? [] : services) {
      claimUniqueName(this, 'services', 'enabled API', [this.project, service], `project ${this.project}`);
      this.services.set(service, new ProjectService(this, contentId(service), {
        project: this.project,
        service,
        disableOnDestroy,
        disableDependentServices: false,
      }));
    }
    if (waitForApis) {
      Aspects.of(TerraformStack.of(this)).add(new WaitForApis(this));
    }
  }

  /**
   * The `google_project_service` of a service, if this construct enables it; with a services list known only at
   * apply time, the one resource that enables them all.
   */
  public serviceResource(service: string): ProjectService | undefined {
    return this.services.get(service) ?? this.allServices;
  }

  /** The API a Google resource type is served by, or undefined for types this library does not map. */
  public static apiOf(terraformResourceType: string): string | undefined {
    return API_OF_RESOURCE_PREFIX.find(([prefix]) => terraformResourceType.startsWith(prefix))?.[1];
  }
}

class WaitForApis implements IAspect {
  constructor(private readonly apis: ProjectApis) {}

  public visit(node: IConstruct): void {
    if (!(node instanceof TerraformResource) || node instanceof ProjectService) return;
    if (TerraformStack.of(node) !== TerraformStack.of(this.apis)) return;
    const api = ProjectApis.apiOf(node.terraformResourceType);
    const service = api ? this.apis.serviceResource(api) : undefined;
    if (service) addDependsOn(node, service);
  }
}
