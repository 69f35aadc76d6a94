import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { invalidInput } from './errors';
import { findStackProvider } from './providers';
import { checkProjectId } from './validation';

/**
 * The project a construct's resources go in: `explicit` when given, else the `project` of its stack's (unaliased)
 * Google provider — the one per-stack setting, as aws-cdk's `Stack.of(this).account`. Checked here, once for
 * every construct.
 */
export function projectOf(scope: IConstruct, explicit: string | undefined, field = 'project'): string {
  const project = explicit ?? stackProject(scope);
  if (project === undefined) {
    throw invalidInput(scope, field, 'is not set and the stack\'s Google provider has no project', explicit,
      'Pass project, or set it once for the stack: new GoogleProvider(stack, "google", { project: "my-project-id" })');
  }
  checkProjectId(scope, field, project);
  return project;
}

function stackProject(scope: IConstruct): string | undefined {
  return findStackProvider(TerraformStack.of(scope), GoogleProvider, isDefault)?.project;
}

/** The stack's default Google provider is its unaliased one. */
const isDefault = (provider: GoogleProvider): boolean => provider.alias === undefined;
