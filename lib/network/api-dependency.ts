import { Aspects, IAspect, TerraformResource, TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { addDependsOn } from '../core/dependencies';
import { isUnresolved } from '../core/validation';
import { ProjectApis } from '../project/project-apis';

/**
 * Makes `resource` wait for the `google_project_service` of `api` when a ProjectApis of its stack enables that API
 * in the resource's project: for the APIs ProjectApis cannot tell from the resource type (`dns.googleapis.com` for
 * `google_dns_*`, `mesh.googleapis.com` for the `servicemesh` fleet feature), so a first deploy does not race the
 * enablement. Checked at synth, so the ProjectApis may be created before or after the resource.
 * @internal
 */
export function waitForApi(resource: TerraformResource, project: string, api: string): void {
  Aspects.of(resource).add(new WaitForApi(resource, project, api));
}

class WaitForApi implements IAspect {
  constructor(private readonly resource: TerraformResource, private readonly project: string, private readonly api: string) {}

  public visit(node: IConstruct): void {
    if (node !== this.resource) return;
    const stack = TerraformStack.of(this.resource);
    for (const apis of stack.node.findAll().filter((c): c is ProjectApis => c instanceof ProjectApis)) {
      if (!isUnresolved(apis.project) && !isUnresolved(this.project) && apis.project !== this.project) continue;
      const service = apis.serviceResource(this.api);
      if (service) addDependsOn(this.resource, service);
    }
  }
}
