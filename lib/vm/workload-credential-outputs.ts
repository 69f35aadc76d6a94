import { TerraformOutput } from 'cdktf';
import { Construct } from 'constructs';
import { WorkloadCredentials } from '../core/workload-credentials';
import { checkInstance, checkPattern, checkProps, isUnresolved } from '../core/validation';
import { PartnerMetadata } from './partner-metadata';
import { WorkloadCertificateEndpoints } from './workload-certificate-endpoints';

/** Properties of {@link WorkloadCredentialOutputs}. */
export interface WorkloadCredentialOutputsProps {
  /** The VMs' partner metadata: their identity and trust domain. */
  readonly partnerMetadata: PartnerMetadata;
  /**
   * The Terraform output's name, unique in the stack.
   * @default - `workload_identity_NAMESPACE_IDENTITY`, from the identity's namespace and ID
   */
  readonly outputName?: string;
}

/** Terraform output names (HCL identifiers). */
const OUTPUT_NAME = /^[a-zA-Z_][a-zA-Z0-9_-]*$/;

/**
 * W8: what the workload on the VMs needs, as one Terraform output (`terraform output -json NAME`): its SPIFFE ID and
 * trust domain, the credential files the guest agent writes, and the metadata server endpoints with the seed's
 * advice (poll every 5 minutes; read key and certificate from one response).
 */
export class WorkloadCredentialOutputs extends Construct {
  /** The output (escape hatch). */
  public readonly output: TerraformOutput;

  constructor(scope: Construct, id: string, props: WorkloadCredentialOutputsProps) {
    super(scope, id);
    checkProps(this, props, 'Pass { partnerMetadata }');
    checkInstance(this, 'partnerMetadata', props.partnerMetadata, PartnerMetadata, 'Pass the VMs\' PartnerMetadata');
    const metadata = props.partnerMetadata;
    const identity = metadata.identity;
    const name = props.outputName
      ?? (isUnresolved(identity.namespace.name) || isUnresolved(identity.name) ? undefined
        : `workload_identity_${identity.namespace.name}_${identity.name}`.replace(/-/g, '_'));
    if (props.outputName !== undefined) {
      checkPattern(this, 'outputName', props.outputName, OUTPUT_NAME, 'is not a Terraform output name',
        'Use letters, digits, underscores and hyphens, starting with a letter or underscore');
    }
    this.output = new TerraformOutput(this, 'Output', {
      description: `W8: managed workload identity ${identity.name}: SPIFFE ID, credential files and metadata endpoints (seed 003)`,
      value: {
        spiffe_id: metadata.spiffeId.uri,
        trust_domain: metadata.trustDomain.name,
        credential_files: {
          directory: WorkloadCredentials.DIRECTORY,
          certificates: WorkloadCredentials.CERTIFICATES,
          private_key: WorkloadCredentials.PRIVATE_KEY,
          ca_certificates: WorkloadCredentials.CA_CERTIFICATES,
          minimum_guest_agent_version: WorkloadCertificateEndpoints.MINIMUM_GUEST_AGENT_VERSION,
        },
        metadata_endpoints: {
          config_status: WorkloadCertificateEndpoints.CONFIG_STATUS,
          workload_identities: WorkloadCertificateEndpoints.WORKLOAD_IDENTITIES,
          trust_anchors: WorkloadCertificateEndpoints.TRUST_ANCHORS,
          header: WorkloadCertificateEndpoints.METADATA_FLAVOR_HEADER,
          poll_interval_seconds: WorkloadCertificateEndpoints.POLL_INTERVAL_SECONDS,
          advice: 'Poll every 5 minutes; read certificatePem and privateKeyPem from the same workload-identities response.',
        },
      },
    });
    if (name !== undefined) this.output.overrideLogicalId(name);
  }
}
