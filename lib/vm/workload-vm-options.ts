import { GoogleBetaProvider } from '@cdktf/provider-google-beta/lib/provider';
import { PartnerMetadata } from './partner-metadata';
import { IVmServiceAccount } from './vm-service-account';

/** What every VM with a managed workload identity is configured with, in a template (W5) or alone (W6). */
export interface WorkloadVmOptions {
  /**
   * The service account the VMs run as; the managed identity's attestation rule names it (W2). Required:
   * without an attached account a VM receives no managed identity.
   */
  readonly serviceAccount: IVmServiceAccount;

  /** The identity, issuance and trust config (W4): seed 003's CONFIGS.json. */
  readonly partnerMetadata: PartnerMetadata;

  /**
   * The project the VMs are created in.
   * @default - the project of the stack's Google provider
   */
  readonly project?: string;

  /**
   * Compute Engine machine type of the VMs.
   * @default 'e2-medium'
   */
  readonly machineType?: string;

  /**
   * Boot image. It must run the Compute Engine guest agent 20231103.01 or later, which writes the credentials to
   * /var/run/secrets/workload-spiffe-credentials (seed 003); Google's current public images do.
   * @default 'debian-cloud/debian-12'
   */
  readonly image?: string;

  /**
   * VPC network of the VMs' network interface.
   * @default 'default'
   */
  readonly network?: string;

  /**
   * Subnetwork of the VMs' network interface.
   * @default - the network's subnetwork in the VMs' region (auto-mode networks)
   */
  readonly subnetwork?: string;

  /**
   * Give the VMs an external IP address. Off, as no public IP is the secure default (X1): the guest agent reaches
   * the metadata server without one.
   * @default false
   */
  readonly assignExternalIp?: boolean;

  /**
   * OAuth scopes of the attached service account; IAM roles, not scopes, limit what the account can do.
   * @default ['https://www.googleapis.com/auth/cloud-platform'], Google's recommendation for service accounts with narrow roles
   */
  readonly scopes?: string[];

  /** Network tags, e.g. for firewall rules. @default - none */
  readonly tags?: string[];

  /**
   * Google Cloud labels on the VMs.
   * @default - no labels
   */
  readonly labels?: { [key: string]: string };

  /**
   * More instance metadata. `enable-workload-certificate` is always `true` (seed 003) and cannot be set here.
   * @default - none
   */
  readonly metadata?: { [key: string]: string };

  /**
   * The google-beta provider to create the VMs with: `partner_metadata` is only in google-beta.
   * @default - the stack's GoogleBetaProvider, created for the project when the stack has none
   */
  readonly betaProvider?: GoogleBetaProvider;
}
