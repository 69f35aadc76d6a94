import { Op, Token } from 'cdktf';
import { Construct } from 'constructs';
import { ICaPool } from '../ca/ca-pool';
import { checkPool } from '../ca/certificate-authority';
import { EcdsaCurve, WorkloadKeyAlgorithm } from '../ca/workload-key-algorithm';
import { invalidInput } from '../core/errors';
import { grantId } from '../core/ids';
import { compareText } from '../core/order';
import { SpiffeId, TrustDomain } from '../core/spiffe';
import { checkInstance, checkIntegerRange, checkList, checkProps, isUnresolved } from '../core/validation';
import { warn } from '../core/warnings';
import { CertificateIssuance } from './certificate-issuance';
import { checkManagedIdentity, IManagedIdentity } from './managed-identity';
import { POOL_TRUST_DOMAIN } from './names';
import { WorkloadIdentityPool } from './workload-identity-pool';

/** Properties of {@link PartnerMetadata}. */
export interface PartnerMetadataProps {
  /** The managed identity the VMs receive: `iam.googleapis.com` → `workload-identity` (W4). */
  readonly identity: IManagedIdentity;

  /**
   * The CA pool that issues the VMs' certificates: `certificate-issuance-config` →
   * `primary_certificate_authority_config.certificate_authority_config.ca_pool`. It must be in the VMs' region
   * (seed 003: CA pools serve only VMs of their own region), which the templates and VMs check; typically a
   * CaHierarchy's subordinatePool.
   */
  readonly issuingPool: ICaPool;

  /**
   * The CA pools whose certificates the VMs trust for peers of the identity's trust domain: `trust-config` →
   * `POOL_ID.global.PROJECT_NUMBER.workload.id.goog` → `trust_anchors[].ca_pool`. Partner metadata issuance only.
   * @default [issuingPool], as the seed's CONFIGS.json
   */
  readonly trustAnchors?: ICaPool[];

  /**
   * The key pair the VM generates: `key_algorithm` (`rsa-2048`, `rsa-3072`, `rsa-4096`, `ecdsa-p256` or `ecdsa-p384`).
   * @default WorkloadKeyAlgorithm.ecdsa(EcdsaCurve.P256), as the CAs' ec-p256-sha256 keys and the pool API's default (the seed's example shows rsa-2048)
   */
  readonly keyAlgorithm?: WorkloadKeyAlgorithm;

  /**
   * Where the issuance config lives: in the VMs' partner metadata (seed 003) or on the workload identity pool.
   * @default CertificateIssuance.partnerMetadata()
   */
  readonly issuance?: CertificateIssuance;
}

/** Partner metadata namespace of workload certificates (issuance and trust config). */
const WC_NAMESPACE = 'wc.compute.googleapis.com';
/** Partner metadata namespace of the workload identity. */
const IAM_NAMESPACE = 'iam.googleapis.com';

type Json = string | number | boolean | Json[] | { [key: string]: Json };

/**
 * JSON with object keys in code-point order at every level: the output is byte-identical across synths (X4) and
 * matches how the Compute API hands partner metadata back (Go's encoding/json sorts map keys), so a plan shows no
 * diff from key order alone.
 */
function canonicalJson(value: Json): string {
  const sorted = (v: Json): Json => {
    if (Array.isArray(v)) return v.map(sorted);
    if (typeof v === 'object') {
      return Object.fromEntries(Object.keys(v).sort(compareText).map((k) => [k, sorted(v[k])]));
    }
    return v;
  };
  return JSON.stringify(sorted(value));
}

/**
 * The partner metadata of VMs with managed workload identity (W4): seed 003's `CONFIGS.json`, built from typed
 * references instead of hand-written JSON. Pass it to a WorkloadInstanceTemplate or WorkloadInstance.
 *
 * ```json
 * { "iam.googleapis.com": { "entries": { "workload-identity": "spiffe://POOL_ID.global.PROJECT_NUMBER.workload.id.goog/ns/NS/sa/ID" } },
 *   "wc.compute.googleapis.com": { "entries": {
 *     "certificate-issuance-config": { "key_algorithm": "rsa-2048",
 *       "primary_certificate_authority_config": { "certificate_authority_config": { "ca_pool": "projects/P/locations/REGION/caPools/POOL" } } },
 *     "trust-config": { "POOL_ID.global.PROJECT_NUMBER.workload.id.goog": { "trust_anchors": [{ "ca_pool": "projects/P/locations/REGION/caPools/POOL" }] } } } } }
 * ```
 */
export class PartnerMetadata extends Construct {
  /** `wc.compute.googleapis.com`: certificate issuance and trust config. */
  public static readonly WORKLOAD_CERTIFICATES_NAMESPACE = WC_NAMESPACE;
  /** `iam.googleapis.com`: the workload identity. */
  public static readonly IAM_NAMESPACE = IAM_NAMESPACE;

  /** The managed identity the VMs receive. */
  public readonly identity: IManagedIdentity;
  /** The CA pool that issues the VMs' certificates. */
  public readonly issuingPool: ICaPool;
  /** The CA pools the VMs trust for peers of the identity's trust domain (partner metadata issuance). */
  public readonly trustAnchors: ICaPool[];
  /** The key algorithm of the key pair each VM generates. */
  public readonly keyAlgorithm: WorkloadKeyAlgorithm;
  /** Where the issuance config lives: the VMs' partner metadata or the workload identity pool. */
  public readonly issuance: CertificateIssuance;
  /** The VMs' region: the issuing pool's location. */
  public readonly region: string;
  /** The identity's SPIFFE ID, `workload-identity` (W1). */
  public readonly spiffeId: SpiffeId;
  /** The identity's trust domain, the `trust-config` key. */
  public readonly trustDomain: TrustDomain;
  /**
   * The provider's `partner_metadata` map: namespace → JSON of `{ "entries": … }`, keys in stable order (X4).
   */
  public readonly entries: { [namespace: string]: string };
  /** The whole document as `gcloud … --partner-metadata-from-file CONFIGS.json` reads it. */
  public readonly json: string;

  constructor(scope: Construct, id: string, props: PartnerMetadataProps) {
    super(scope, id);
    checkProps(this, props, 'Pass { identity, issuingPool }, e.g. { identity: namespace.addManagedIdentity(...), issuingPool: hierarchy.subordinatePool }');
    checkManagedIdentity(this, 'identity', props.identity);
    checkPool(this, 'issuingPool', props.issuingPool);
    this.identity = props.identity;
    this.issuingPool = props.issuingPool;
    this.region = props.issuingPool.location;
    this.keyAlgorithm = props.keyAlgorithm ?? WorkloadKeyAlgorithm.ecdsa(EcdsaCurve.P256);
    checkInstance(this, 'keyAlgorithm', this.keyAlgorithm, WorkloadKeyAlgorithm,
      'Use WorkloadKeyAlgorithm.rsa(2048), rsa(3072), rsa(4096), ecdsa(EcdsaCurve.P256) or ecdsa(EcdsaCurve.P384)');
    this.issuance = props.issuance ?? CertificateIssuance.partnerMetadata();
    checkInstance(this, 'issuance', this.issuance, CertificateIssuance,
      'Use CertificateIssuance.partnerMetadata() (seed 003) or CertificateIssuance.workloadIdentityPool({ lifetimeDays, rotationWindowPercentage })');

    const pool = props.identity.namespace.pool;
    this.trustDomain = pool.trustDomain;
    this.spiffeId = props.identity.spiffeId;
    this.checkIdentityFormats();

    const trustAnchors = props.trustAnchors ?? [props.issuingPool];
    if (checkList(this, 'trustAnchors', trustAnchors, 'List the CA pools peers\' certificates chain to, e.g. [hierarchy.subordinatePool]')) {
      if (trustAnchors.length === 0) {
        throw invalidInput(this, 'trustAnchors', 'must not be empty', trustAnchors,
          'List at least the issuing pool: VMs with no trust anchors reject every peer certificate');
      }
      trustAnchors.forEach((anchor, i) => checkPool(this, `trustAnchors[${i}]`, anchor));
    }
    this.trustAnchors = [...trustAnchors];

    const identityEntries: Json = { entries: { 'workload-identity': this.spiffeId.uri } };
    const document: { [namespace: string]: Json } = { [IAM_NAMESPACE]: identityEntries };
    if (this.issuance.onPool) {
      this.configureIssuanceOnPool(props);
    } else {
      document[WC_NAMESPACE] = {
        entries: {
          'certificate-issuance-config': {
            primary_certificate_authority_config: { certificate_authority_config: { ca_pool: props.issuingPool.resourceName } },
            key_algorithm: this.keyAlgorithm._renderForVm(this, 'keyAlgorithm'),
          },
          'trust-config': {
            [this.trustDomain.name]: { trust_anchors: this.trustAnchors.map((anchor) => ({ ca_pool: anchor.resourceName })) },
          },
        },
      };
    }
    this.entries = Object.fromEntries(Object.keys(document).sort().map((namespace) => [namespace, canonicalJson(document[namespace])]));
    this.json = JSON.stringify(JSON.parse(canonicalJson(document)), null, 2);

    if (props.issuingPool.holdsRootCa) {
      warn(this, `Workload certificates are issued from pool "${props.issuingPool.name}", which holds a root CA: ` +
        'allowed but discouraged (seed 003 issues from a subordinate CA pool); use a CaHierarchy\'s subordinatePool.');
    }
    this.node.addValidation({ validate: () => this.warnUnauthorizedPools() });
  }

  /** The trust domain and SPIFFE ID have the forms seed 003 gives; values known only at apply time pass (X5). */
  private checkIdentityFormats(): void {
    const trustDomain = this.trustDomain.name;
    if (!isUnresolved(trustDomain) && !POOL_TRUST_DOMAIN.test(trustDomain)) {
      throw invalidInput(this, 'identity.namespace.pool.trustDomain', 'is not the trust domain of a workload identity pool', trustDomain,
        'Managed workload identities live in POOL_ID.global.PROJECT_NUMBER.workload.id.goog; pass an identity of a WorkloadIdentityPool');
    }
    this.spiffeId.validate(this, 'identity.spiffeId');
    const uri = this.spiffeId.uri;
    if (isUnresolved(uri)) return;
    if (this.spiffeId.trustDomain !== trustDomain && !isUnresolved(trustDomain)) {
      throw invalidInput(this, 'identity.spiffeId', `is not in the trust domain of its pool (${trustDomain})`, uri,
        'Pass an identity of the pool whose trust domain the VMs use');
    }
    if (!/^spiffe:\/\/[^/]+\/ns\/[^/]+\/sa\/[^/]+$/.test(uri)) {
      throw invalidInput(this, 'identity.spiffeId', 'names a managed identity outside any namespace', uri,
        'Use spiffe://POOL_ID.global.PROJECT_NUMBER.workload.id.goog/ns/NAMESPACE/sa/MANAGED_IDENTITY');
    }
  }

  /** The newer alternative: the pool's `inline_certificate_issuance_config` (see CertificateIssuance). */
  private configureIssuanceOnPool(props: PartnerMetadataProps): void {
    const pool = props.identity.namespace.pool;
    if (!(pool instanceof WorkloadIdentityPool)) {
      throw invalidInput(this, 'issuance', `configures the workload identity pool "${pool.name}", which this app does not create`, 'workloadIdentityPool',
        'Issuance on the pool changes the pool\'s own settings, so the pool must be a WorkloadIdentityPool of this app; ' +
        'use CertificateIssuance.partnerMetadata() for an adopted pool');
    }
    if (props.trustAnchors !== undefined && props.trustAnchors !== null) {
      throw invalidInput(this, 'trustAnchors', 'applies only to partner metadata issuance', props.trustAnchors.map((a) => a?.name),
        'With issuance on the pool, the pool\'s CA pools are the trust anchors of its trust domain: leave trustAnchors out, ' +
        'or use CertificateIssuance.partnerMetadata()');
    }
    const lifetimeDays = this.issuance.lifetimeDays as number;
    const rotation = this.issuance.rotationWindowPercentage as number;
    checkIntegerRange(this, 'issuance.lifetimeDays', lifetimeDays, 1, 30,
      'Use 1 to 30 days: the pool issues certificates living 86400s (24 hours) to 2592000s (30 days)');
    checkIntegerRange(this, 'issuance.rotationWindowPercentage', rotation, 50, 80,
      'Use 50 to 80: rotation starts when that percentage of the lifetime has passed');
    pool._addCertificateIssuance(this, {
      region: props.issuingPool.location,
      caPool: props.issuingPool.resourceName,
      keyAlgorithm: this.keyAlgorithm._renderForWorkloadIdentityPool(this, 'keyAlgorithm'),
      lifetime: isUnresolved(lifetimeDays) ? `${Token.asString(Op.mul(lifetimeDays, 86400))}s` : `${lifetimeDays * 86400}s`,
      rotationWindowPercentage: rotation,
    });
  }

  /**
   * The pool's managed identities need `workloadCertificateRequester` and `poolReader` on the issuing pool (W3);
   * a missing grant may be made elsewhere, so it is a warning, not an error.
   */
  private warnUnauthorizedPools(): string[] {
    const pool = this.identity.namespace.pool;
    const missing = WorkloadIdentityPool.CERTIFICATE_REQUEST_ROLES.filter((role) => !this.issuingPool.node.tryFindChild(grantId(role, pool.principalSet.member)));
    if (missing.length > 0) {
      warn(this, `W3: CA pool "${this.issuingPool.name}" grants ${missing.join(' and ')} to the managed identities of pool ` +
        `"${pool.name}" nowhere in this app; without them VMs get no certificate. Call pool.authorizeCertificateRequests(issuingPool), ` +
        'or make sure the grants exist.');
    }
    return [];
  }
}
