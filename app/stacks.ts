import { App, CloudBackend, LocalBackend, NamedCloudWorkspace, TerraformStack } from 'cdktf';
import { TopologyConfig } from './config';

/**
 * A stack of the reference topology: a Terraform Cloud workspace (`TFC_WORKSPACE_PREFIX` + stack name) when
 * `TFC_ORGANIZATION` is set, else local state in `terraform.<stack>.tfstate` beside the output folder (beside
 * cdktf.json for the default `cdktf.out`).
 *
 * cdktf's default local backend writes the absolute path of the checkout into every stack, so two checkouts
 * synthesize different files (X4). This path is relative to the folder Terraform runs in, `<outdir>/stacks/<stack>`:
 * the same file as cdktf's default, and never inside the output folder, which every synth replaces.
 */
export function topologyStack(app: App, name: string, config: Pick<TopologyConfig, 'terraformCloud'>): TerraformStack {
  const stack = new TerraformStack(app, name);
  const cloud = config.terraformCloud;
  if (cloud) {
    new CloudBackend(stack, {
      hostname: cloud.hostname,
      organization: cloud.organization,
      workspaces: new NamedCloudWorkspace(`${cloud.workspacePrefix}${name}`),
    });
  } else {
    new LocalBackend(stack, { path: `../../../terraform.${name}.tfstate` });
  }
  return stack;
}
