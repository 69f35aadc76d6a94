import { CloudBackend, NamedCloudWorkspace, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { TopologyConfig } from './config';

/**
 * A stack of the reference topology: local state by default, a Terraform Cloud workspace
 * (`TFC_WORKSPACE_PREFIX` + stack name) when `TFC_ORGANIZATION` is set.
 */
export function topologyStack(scope: Construct, name: string, config: TopologyConfig): TerraformStack {
  const stack = new TerraformStack(scope, name);
  const cloud = config.terraformCloud;
  if (cloud) {
    new CloudBackend(stack, {
      hostname: cloud.hostname,
      organization: cloud.organization,
      workspaces: new NamedCloudWorkspace(`${cloud.workspacePrefix}${name}`),
    });
  }
  return stack;
}
