import { TerraformStack } from 'cdktf';
import { WorkloadKeyAlgorithm } from '../../lib/ca';
import { SpiffeId, TrustDomain } from '../../lib/core';
import {
  AttestationRule, CertificateIssuance, ManagedIdentity, PartnerMetadata, VmServiceAccount, WorkloadCredentialOutputs, WorkloadIdentityNamespace,
  WorkloadIdentityPool, WorkloadInstance, WorkloadInstanceGroup, WorkloadInstanceTemplate,
} from '../../lib/vm';
import { wrongTypeDefects, WrongTypeSubject } from '../helpers/wrong-types';
import { demo, Demo, PROJECT_NUMBER, SPIFFE_ID, TRUST_DOMAIN } from './fixtures';

/**
 * X2 for callers without a type checker (JavaScript, and Python/Java/Go/.NET through jsii): every prop of every vm
 * construct, given `undefined`, `null` or a value of the wrong type, either still synthesizes or is rejected with the
 * library's ValidationError in the one error shape — never a TypeError.
 */

type Subject = WrongTypeSubject<Demo>;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const any = (props: Record<string, unknown>): any => props;

function metadata(d: Demo): PartnerMetadata {
  return new PartnerMetadata(d.stack, 'Metadata', { identity: d.identity, issuingPool: d.hierarchy.subordinatePool, keyAlgorithm: WorkloadKeyAlgorithm.rsa(2048) });
}

function template(d: Demo): WorkloadInstanceTemplate {
  return new WorkloadInstanceTemplate(d.stack, 'Template', { namePrefix: 'mwlid-backend', serviceAccount: d.serviceAccount, partnerMetadata: metadata(d) });
}

const SUBJECTS: readonly Subject[] = [
  {
    name: 'WorkloadIdentityPool',
    valid: () => ({ projectNumber: PROJECT_NUMBER, name: 'other-pool' }),
    optional: () => ({ project: 'my-project-id', displayName: 'Pool', description: 'd', disabled: false, allowDestroy: false }),
    build: (d, p) => new WorkloadIdentityPool(d.stack, 'Subject', any(p)),
  },
  {
    name: 'WorkloadIdentityPool.fromWorkloadIdentityPoolAttributes',
    valid: () => ({ projectNumber: PROJECT_NUMBER, name: 'other-pool' }),
    optional: () => ({ project: 'my-project-id' }),
    build: (d, p) => WorkloadIdentityPool.fromWorkloadIdentityPoolAttributes(d.stack, 'Subject', any(p)),
  },
  {
    name: 'WorkloadIdentityPool.fromTrustDomain',
    valid: () => ({ trustDomain: TrustDomain.of(TRUST_DOMAIN) }),
    build: (d, p) => WorkloadIdentityPool.fromTrustDomain(d.stack, 'Subject', any(p)),
  },
  {
    name: 'WorkloadIdentityNamespace',
    valid: (d) => ({ pool: d.pool, name: 'payments' }),
    optional: () => ({ description: 'd', disabled: false }),
    build: (d, p) => new WorkloadIdentityNamespace(d.stack, 'Subject', any(p)),
  },
  {
    name: 'ManagedIdentity',
    valid: (d) => ({ namespace: d.namespace, name: 'frontend' }),
    optional: (d) => ({ description: 'd', disabled: false, attestationRules: [AttestationRule.attachedServiceAccount(PROJECT_NUMBER, d.serviceAccount.email)] }),
    build: (d, p) => new ManagedIdentity(d.stack, 'Subject', any(p)),
  },
  {
    name: 'ManagedIdentity.fromSpiffeId',
    valid: (d) => ({ pool: d.pool, spiffeId: SpiffeId.of(SPIFFE_ID) }),
    build: (d, p) => ManagedIdentity.fromSpiffeId(d.stack, 'Subject', any(p)),
  },
  {
    name: 'VmServiceAccount',
    valid: () => ({ accountId: 'mwlid-other' }),
    optional: () => ({ project: 'my-project-id', displayName: 'x', description: 'y' }),
    build: (d, p) => new VmServiceAccount(d.stack, 'Subject', any(p)),
  },
  {
    name: 'PartnerMetadata',
    valid: (d) => ({ identity: d.identity, issuingPool: d.hierarchy.subordinatePool }),
    optional: (d) => ({ trustAnchors: [d.hierarchy.subordinatePool], keyAlgorithm: WorkloadKeyAlgorithm.rsa(2048), issuance: CertificateIssuance.partnerMetadata() }),
    build: (d, p) => new PartnerMetadata(d.stack, 'Subject', any(p)),
  },
  {
    name: 'WorkloadInstanceTemplate',
    valid: (d) => ({ namePrefix: 'mwlid-backend', serviceAccount: d.serviceAccount, partnerMetadata: metadata(d) }),
    optional: () => ({
      description: 'd', region: 'us-east1', machineType: 'e2-small', image: 'debian-cloud/debian-12', network: 'default', subnetwork: 'default',
      assignExternalIp: false, scopes: ['cloud-platform'], tags: ['mwlid'], labels: { app: 'mwlid' }, metadata: { 'enable-oslogin': 'TRUE' },
    }),
    build: (d, p) => new WorkloadInstanceTemplate(d.stack, 'Subject', any(p)),
  },
  {
    name: 'WorkloadInstanceGroup',
    valid: (d) => ({ template: template(d), name: 'mwlid-backend', zone: 'us-east1-b' }),
    optional: () => ({ targetSize: 2, baseInstanceName: 'mwlid', maxSurge: 1 }),
    build: (d, p) => new WorkloadInstanceGroup(d.stack, 'Subject', any(p)),
  },
  {
    name: 'WorkloadInstance',
    valid: (d) => ({ name: 'mwlid-client', zone: 'us-east1-b', serviceAccount: d.serviceAccount, partnerMetadata: metadata(d) }),
    optional: () => ({ deletionProtection: false, machineType: 'e2-small', assignExternalIp: false, tags: ['mwlid'] }),
    build: (d, p) => new WorkloadInstance(d.stack, 'Subject', any(p)),
  },
  {
    name: 'WorkloadCredentialOutputs',
    valid: (d) => ({ partnerMetadata: metadata(d) }),
    optional: () => ({ outputName: 'credentials' }),
    build: (d, p) => new WorkloadCredentialOutputs(d.stack, 'Subject', any(p)),
  },
  {
    name: 'ManagedIdentity.allowVmsWithServiceAccount',
    valid: (d) => ({ serviceAccount: d.serviceAccount }),
    build: (d, p) => d.identity.allowVmsWithServiceAccount(any(p)?.serviceAccount),
  },
  {
    name: 'WorkloadIdentityPool.authorizeCertificateRequests',
    valid: (d) => ({ caPool: d.hierarchy.rootPool }),
    build: (d, p) => d.pool.authorizeCertificateRequests(any(p)?.caPool),
  },
];

describe('X2: every vm prop given undefined, null or a wrong type', () => {
  it.each(SUBJECTS.map((s) => [s.name, s] as const))('%s: accepted or rejected in the one error shape, never a crash', (_name, subject) => {
    expect(wrongTypeDefects(subject, demo, (d) => d.stack as TerraformStack)).toEqual({ valid: 'accepted', defects: [] });
  });
});
