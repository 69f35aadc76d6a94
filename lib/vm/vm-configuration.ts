import { IConstruct } from 'constructs';
import { formatProblem, invalidInput } from '../core/errors';
import { regionOf } from '../core/locations';
import {
  checkBoolean, checkGoogleLabels, checkInstance, checkList, checkMachineType, checkResourceName, checkString, checkStringMap, isUnresolved,
} from '../core/validation';
import { ManagedIdentity } from './managed-identity';
import { PartnerMetadata } from './partner-metadata';
import { checkVmServiceAccount, IVmServiceAccount } from './vm-service-account';
import { WorkloadVmOptions } from './workload-vm-options';

/** Checks shared by WorkloadInstanceTemplate and WorkloadInstance; not part of the public API. */

/** The instance metadata key that turns managed workload identity on (seed 003). */
export const ENABLE_WORKLOAD_CERTIFICATE = 'enable-workload-certificate';

/** The options checked, with defaults applied. */
export interface CheckedVmOptions {
  readonly serviceAccount: IVmServiceAccount;
  readonly partnerMetadata: PartnerMetadata;
  readonly machineType: string;
  readonly image: string;
  readonly network: string;
  readonly subnetwork?: string;
  readonly assignExternalIp: boolean;
  readonly scopes: string[];
  readonly tags?: string[];
  readonly labels?: { [key: string]: string };
  /** `enable-workload-certificate=true` and the caller's metadata, keys sorted (X4). */
  readonly metadata: { [key: string]: string };
}

/** Checks the options every workload VM shares (W5, W6) and applies their defaults. */
export function checkVmOptions(scope: IConstruct, options: WorkloadVmOptions): CheckedVmOptions {
  checkVmServiceAccount(scope, 'serviceAccount', options.serviceAccount);
  checkInstance(scope, 'partnerMetadata', options.partnerMetadata, PartnerMetadata,
    'Pass a PartnerMetadata: new PartnerMetadata(scope, id, { identity, issuingPool, keyAlgorithm })');
  const machineType = options.machineType ?? 'e2-medium';
  checkMachineType(scope, 'machineType', machineType);
  const image = options.image ?? 'debian-cloud/debian-12';
  checkString(scope, 'image', image, 'Name a boot image such as "debian-cloud/debian-12" (guest agent 20231103.01 or later)');
  const network = options.network ?? 'default';
  checkString(scope, 'network', network, 'Name the VPC network, e.g. "default", or pass its self link');
  if (options.subnetwork !== undefined) checkString(scope, 'subnetwork', options.subnetwork, 'Name the subnetwork in the VMs\' region, or leave it out');
  const assignExternalIp = options.assignExternalIp ?? false;
  checkBoolean(scope, 'assignExternalIp', assignExternalIp);
  const scopes = options.scopes ?? ['https://www.googleapis.com/auth/cloud-platform'];
  if (checkList(scope, 'scopes', scopes, 'List OAuth scopes, e.g. ["https://www.googleapis.com/auth/cloud-platform"]')) {
    scopes.forEach((s, i) => checkString(scope, `scopes[${i}]`, s, 'Use a scope URL or alias such as "cloud-platform"'));
  }
  if (options.tags !== undefined && checkList(scope, 'tags', options.tags, 'List network tags such as ["mwlid-backend"]')) {
    options.tags.forEach((tag, i) => checkResourceName(scope, `tags[${i}]`, tag));
  }
  checkGoogleLabels(scope, 'labels', options.labels);
  const metadata: Record<string, string> = { [ENABLE_WORKLOAD_CERTIFICATE]: 'true' };
  if (options.metadata !== undefined && options.metadata !== null) {
    const fix = 'Give metadata as a map of strings; enable-workload-certificate is set to "true" for you';
    if (checkStringMap(scope, 'metadata', options.metadata, fix)) {
      if (Object.prototype.hasOwnProperty.call(options.metadata, ENABLE_WORKLOAD_CERTIFICATE)) {
        throw invalidInput(scope, `metadata.${ENABLE_WORKLOAD_CERTIFICATE}`, 'cannot be set: the VMs need it "true" to receive their managed identity',
          options.metadata[ENABLE_WORKLOAD_CERTIFICATE], `Remove ${ENABLE_WORKLOAD_CERTIFICATE} from metadata; it is always "true" (seed 003)`);
      }
      for (const key of Object.keys(options.metadata).sort()) metadata[key] = options.metadata[key];
    }
  }
  return {
    serviceAccount: options.serviceAccount,
    partnerMetadata: options.partnerMetadata,
    machineType, image, network, subnetwork: options.subnetwork, assignExternalIp, scopes,
    tags: options.tags, labels: options.labels,
    metadata: Object.fromEntries(Object.keys(metadata).sort().map((k) => [k, metadata[k]])),
  };
}

/**
 * Seed 003: CA pools issue certificates only to VMs in their own region, so the VMs must run in the region of the
 * issuing pool. Values known only at apply time are not compared (X5).
 */
/**
 * The fields an instance template and an individual VM render alike (W5, W6): network without an external address
 * unless asked, the service account, metadata with `enable-workload-certificate`, the partner metadata, Shielded VM.
 * @internal
 */
export function sharedVmFields(vm: CheckedVmOptions) {
  return {
    networkInterface: [{
      network: vm.network,
      subnetwork: vm.subnetwork,
      accessConfig: vm.assignExternalIp ? [{}] : undefined,
    }],
    serviceAccount: { email: vm.serviceAccount.email, scopes: vm.scopes },
    metadata: vm.metadata,
    partnerMetadata: vm.partnerMetadata.entries,
    shieldedInstanceConfig: { enableSecureBoot: true, enableVtpm: true, enableIntegrityMonitoring: true },
    tags: vm.tags,
    labels: vm.labels,
  };
}

export function checkVmRegion(scope: IConstruct, field: string, location: string, partnerMetadata: PartnerMetadata): void {
  const vmRegion = regionOf(scope, field, location);
  const poolRegion = partnerMetadata.region;
  if (isUnresolved(vmRegion) || isUnresolved(poolRegion) || vmRegion === poolRegion) return;
  throw invalidInput(scope, 'partnerMetadata.issuingPool', `is in region ${poolRegion}, not in the VMs' region ${vmRegion}`, poolRegion,
    `Managed workload identities get certificates only from a CA pool in the VM's own region (seed 003): issue from a subordinate CA pool in ${vmRegion} ` +
    `(one per workload region), or run the VMs in ${poolRegion}`);
}

/**
 * W2: a VM receives the managed identity only if an attestation rule admits its service account. Checked at synth,
 * when the identity is created by this app (an adopted identity's rules are unknown) and the email is known.
 */
export function attestationProblems(scope: IConstruct, options: CheckedVmOptions): string[] {
  const identity = options.partnerMetadata.identity;
  const email = options.serviceAccount.email;
  if (!(identity instanceof ManagedIdentity) || isUnresolved(email) || identity.attests(email)) return [];
  return [formatProblem(scope, 'serviceAccount', `is not admitted by an attestation rule of managed identity "${identity.name}"`, email,
    `VMs running as this account would receive no identity (W2): call identity.allowVmsWithServiceAccount(serviceAccount) for ${identity.node.path}`)];
}
