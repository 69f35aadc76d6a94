import { Testing, TerraformStack } from 'cdktf';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { Construct } from 'constructs';
import { waitFor } from '../../lib/core/dependencies';
import { grantId } from '../../lib/core/ids';
import { resourcesOf, synth, testStack } from '../helpers/synth';

function withProvider(stack: TerraformStack): TerraformStack {
  new GoogleProvider(stack, 'google', {});
  return stack;
}

function account(scope: Construct, id: string): ServiceAccount {
  return new ServiceAccount(scope, id, { accountId: id.toLowerCase().padEnd(6, 'x') });
}

/** The depends_on of the service account whose account_id is `accountId`. */
function dependsOnOf(stack: TerraformStack, accountId: string): unknown {
  const all = Object.values(resourcesOf(synth(stack), 'google_service_account'));
  return all.find((r) => r.account_id === accountId)?.depends_on;
}

describe('waitFor in one stack', () => {
  it('adds depends_on on a producer resource', () => {
    const stack = withProvider(testStack());
    const producer = account(stack, 'producer');
    const consumer = account(stack, 'consumer');
    waitFor(consumer, producer);
    // X7: Terraform accepts only a bare static reference in depends_on, never an interpolation `${…}`.
    expect(dependsOnOf(stack, 'consumer')).toEqual(['google_service_account.producer']);
    expect(dependsOnOf(stack, 'producer')).toBeUndefined();
  });

  it('depends only on the default child of a composite producer', () => {
    const stack = withProvider(testStack());
    const producer = new Construct(stack, 'Pool');
    account(producer, 'Resource');
    account(producer, 'Grant');
    const consumer = account(stack, 'consumer');
    waitFor(consumer, producer);
    const deps = dependsOnOf(stack, 'consumer') as string[];
    expect(deps).toHaveLength(1);
    expect(deps[0]).toMatch(/^google_service_account\.Pool_[A-Za-z0-9_]+$/);
    expect(deps[0]).not.toMatch(/Grant/);
  });

  it('adds nothing for a producer without its own resource (an adopted construct), not even its grants', () => {
    const stack = withProvider(testStack());
    const producer = new Construct(stack, 'Group');
    account(producer, 'grant-like');
    const consumer = account(stack, 'consumer');
    waitFor(consumer, producer);
    expect(dependsOnOf(stack, 'consumer')).toBeUndefined();
  });

  it('depends on the producer\'s default child (the child with id Resource)', () => {
    const stack = withProvider(testStack());
    const producer = new Construct(stack, 'Group');
    account(producer, 'Resource');
    account(producer, 'grant-like');
    const consumer = account(stack, 'consumer');
    waitFor(consumer, producer);
    const deps = dependsOnOf(stack, 'consumer') as string[];
    expect(deps).toHaveLength(1);
    expect(deps[0]).toMatch(/^google_service_account\.Group_[A-Z0-9]+$/);
  });

  it('keeps existing depends_on and never repeats an entry', () => {
    const stack = withProvider(testStack());
    account(stack, 'earlier');
    const producer = account(stack, 'producer');
    const consumer = account(stack, 'consumer');
    consumer.dependsOn = ['google_service_account.earlier'];
    waitFor(consumer, producer);
    waitFor(consumer, producer);
    expect(dependsOnOf(stack, 'consumer')).toEqual(['google_service_account.earlier', 'google_service_account.producer']);
  });

  it('X3/X7: a logical id overridden after the dependency was added is the one depends_on names', () => {
    const stack = withProvider(testStack());
    const producer = account(stack, 'producer');
    const consumer = account(stack, 'consumer');
    waitFor(consumer, producer);
    producer.overrideLogicalId('kept_name');
    expect(dependsOnOf(stack, 'consumer')).toEqual(['google_service_account.kept_name']);
  });

  it('does nothing for an undefined producer or one without resources', () => {
    const stack = withProvider(testStack());
    const consumer = account(stack, 'consumer');
    waitFor(consumer, undefined);
    waitFor(consumer, new Construct(stack, 'Empty'));
    expect(consumer.dependsOn).toBeUndefined();
    expect(dependsOnOf(stack, 'consumer')).toBeUndefined();
  });
});

describe('waitFor across stacks', () => {
  it('adds a stack dependency instead of depends_on (terraform-cdk#3023)', () => {
    const app = Testing.app();
    const caStack = withProvider(new TerraformStack(app, 'ca'));
    const meshStack = withProvider(new TerraformStack(app, 'mesh'));
    const producer = account(caStack, 'producer');
    const consumer = account(meshStack, 'consumer');
    waitFor(consumer, producer);
    expect(meshStack.dependencies).toEqual([caStack]);
    expect(caStack.dependencies).toEqual([]);
    expect(consumer.dependsOn).toBeUndefined();
    expect(dependsOnOf(meshStack, 'consumer')).toBeUndefined();
  });

  it('adds the stack dependency once however often it waits', () => {
    const app = Testing.app();
    const caStack = withProvider(new TerraformStack(app, 'ca'));
    const meshStack = withProvider(new TerraformStack(app, 'mesh'));
    const producer = account(caStack, 'producer');
    waitFor(account(meshStack, 'first'), producer);
    waitFor(account(meshStack, 'second'), producer);
    expect(meshStack.dependencies).toEqual([caStack]);
  });
});

describe('grantId', () => {
  it('derives the construct id from role and member, without the roles/ prefix', () => {
    expect(grantId('roles/privateca.auditor', 'serviceAccount:service-123456789012@container-engine-robot.iam.gserviceaccount.com'))
      .toBe('grant-privateca.auditor-serviceAccount:service-123456789012@container-engine-robot.iam.gserviceaccount.com');
  });

  it('replaces slashes, which construct ids cannot contain', () => {
    expect(grantId('projects/my-project-id/roles/meshReader', 'principalSet://iam.googleapis.com/x'))
      .toBe('grant-projects_my-project-id_roles_meshReader-principalSet:__iam.googleapis.com_x');
  });

  it('differs for a different role or member, so two grants never collide', () => {
    const base = grantId('roles/privateca.auditor', 'user:alice@example.com');
    expect(grantId('roles/privateca.certificateManager', 'user:alice@example.com')).not.toBe(base);
    expect(grantId('roles/privateca.auditor', 'user:bob@example.com')).not.toBe(base);
  });
});
