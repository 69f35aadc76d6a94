import { PrivatecaCaPoolIamMember } from '@cdktf/provider-google/lib/privateca-ca-pool-iam-member';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { Construct } from 'constructs';
import { invalidInput } from '../core/errors';
import { IamMember } from '../core/iam-member';
import { grantOnProject } from '../core/iam-grant';
import { checkCaServiceRegion } from '../core/locations';
import { projectOf } from '../core/project';
import { contentId } from '../core/ids';
import { checkBoolean, checkCaServiceId, checkInstance, checkIntegerRange, checkKnownList, checkNotEmpty, checkProps, checkString } from '../core/validation';
import { CaPool, CaPoolTier, ICaPool } from './ca-pool';
import { checkCertificateAuthority, ICertificateAuthority } from './certificate-authority';
import { CaKeyAlgorithm } from './key-algorithm';
import { RootCertificateAuthority } from './root-certificate-authority';
import { SubordinateCertificateAuthority } from './subordinate-certificate-authority';

/** Properties of a {@link CaHierarchy}. */
export interface CaHierarchyProps {
  /**
   * The project the pools and CAs are created in (and where the CA manager and admin roles are granted).
   * @default - the project of the stack's Google provider
   */
  readonly project?: string;

  /** Subject organization of both CAs (`O=`), e.g. `TestCorpLLC`. */
  readonly organization: string;

  /** Region of the subordinate pool; put it in the cluster's region for performance (seed 000). */
  readonly subordinateLocation: string;
  /** e.g. `td-ca-pool`. */
  readonly subordinatePoolId: string;
  /** e.g. `td-ca`. */
  readonly subordinateCaId: string;

  /**
   * Generations of the subordinate CA to run side by side. Generation 1 is the original CA (ID without
   * suffix, Terraform address unchanged); generation N ≥ 2 has the ID `ID-gN`. Rotate by going from [1] to
   * [1, 2], moving issuance to the new CA, then to [2] with `allowDestroy` for the retired one.
   * @default [1]
   */
  readonly subordinateGenerations?: number[];

  /**
   * An existing root CA to issue the subordinate from, instead of creating one (S5).
   * @default - a root pool and root CA are created from rootPoolId and rootCaId
   */
  readonly existingRoot?: ICertificateAuthority;

  /**
   * Region of the root pool, when the hierarchy creates it.
   * @default - subordinateLocation
   */
  readonly rootLocation?: string;
  /** Required unless existingRoot is given, e.g. `td-sec-pool`. */
  readonly rootPoolId?: string;
  /** Required unless existingRoot is given, e.g. `pkcs2-ca`. */
  readonly rootCaId?: string;

  /** Key algorithm of both CAs. @default CaKeyAlgorithm.EC_P256_SHA256 */
  readonly keyAlgorithm?: CaKeyAlgorithm;

  /**
   * Let `cdktf destroy` delete the pools and CAs this construct creates (X6). Demos only.
   * @default false
   */
  readonly allowDestroy?: boolean;
}

/**
 * The CA hierarchy of seeds 000 and 002 (S5): an ENTERPRISE root pool with a self-signed root CA
 * (or an adopted root), and a DEVOPS subordinate pool whose CA issues the workload certificates.
 *
 * @example
 * const hierarchy = new ca.CaHierarchy(stack, 'Ca', {
 *   organization: 'TestCorpLLC',
 *   rootPoolId: 'td-sec-pool',
 *   rootCaId: 'pkcs2-ca',
 *   subordinatePoolId: 'td-ca-pool',
 *   subordinateCaId: 'td-ca',
 *   subordinateLocation: 'us-east1',
 * });
 * // Let GKE issue mesh certificates: auditor on the root pool, certificateManager on the subordinate pool.
 * hierarchy.grantMeshCertificateIssuance(core.IamMember.gkeServiceAgent('123456789012'));
 */
export class CaHierarchy extends Construct {
  /** The project of the pools and CAs this construct creates. */
  public readonly project: string;
  /** The root pool (created or adopted): the trust anchor a cluster's TrustConfig points at (S7). */
  public readonly rootPool: ICaPool;
  /** The root CA (created or adopted) that signs the subordinate CAs. */
  public readonly rootCa: ICertificateAuthority;
  /** The pool workloads get certificates from: WorkloadCertificateConfig's issuer (S7). */
  public readonly subordinatePool: CaPool;
  /** The subordinate CAs in the subordinate pool, one per generation in `subordinateGenerations`. */
  public readonly subordinateCas: SubordinateCertificateAuthority[];

  constructor(scope: Construct, id: string, props: CaHierarchyProps) {
    super(scope, id);
    checkProps(this, props, 'Pass { organization, subordinateLocation, subordinatePoolId, subordinateCaId, rootPoolId, rootCaId }');
    this.project = projectOf(this, props.project);
    checkString(this, 'organization', props.organization, 'Set the subject organization (O=) of both CAs, e.g. "TestCorpLLC"');
    // Checked under the names set here, before the pools and CAs check them again under their own.
    checkCaServiceId(this, 'subordinatePoolId', props.subordinatePoolId);
    checkCaServiceId(this, 'subordinateCaId', props.subordinateCaId);
    // Checked here so an inherited location is reported under the field the user set.
    checkCaServiceRegion(this, 'subordinateLocation', props.subordinateLocation);
    if (props.rootLocation !== undefined) checkCaServiceRegion(this, 'rootLocation', props.rootLocation);
    const allowDestroy = props.allowDestroy ?? false;
    checkBoolean(this, 'allowDestroy', allowDestroy);
    const keyAlgorithm = props.keyAlgorithm ?? CaKeyAlgorithm.EC_P256_SHA256;
    checkInstance(this, 'keyAlgorithm', keyAlgorithm, CaKeyAlgorithm, 'Use a CaKeyAlgorithm constant, e.g. CaKeyAlgorithm.EC_P256_SHA256');

    if (props.existingRoot !== undefined && props.existingRoot !== null) {
      checkCertificateAuthority(this, 'existingRoot', props.existingRoot);
      this.rootCa = props.existingRoot;
      this.rootPool = props.existingRoot.pool;
    } else {
      const rootPoolId = this.required('rootPoolId', props.rootPoolId);
      const rootCaId = this.required('rootCaId', props.rootCaId);
      checkCaServiceId(this, 'rootPoolId', rootPoolId);
      checkCaServiceId(this, 'rootCaId', rootCaId);
      this.rootPool = new CaPool(this, 'RootPool', {
        project: this.project,
        location: props.rootLocation ?? props.subordinateLocation,
        name: rootPoolId,
        tier: CaPoolTier.ENTERPRISE,
        allowDestroy,
      });
      this.rootCa = new RootCertificateAuthority(this, 'RootCa', {
        pool: this.rootPool,
        name: rootCaId,
        organization: props.organization,
        keyAlgorithm,
        maxChainLength: 1,
        allowDestroy,
      });
    }

    this.subordinatePool = new CaPool(this, 'SubordinatePool', {
      project: this.project,
      location: props.subordinateLocation,
      name: props.subordinatePoolId,
      tier: CaPoolTier.DEVOPS,
      allowDestroy,
    });
    const generations = props.subordinateGenerations ?? [1];
    checkKnownList(this, 'subordinateGenerations', generations, 'each generation is a CA of its own, so their number decides the resources');
    checkNotEmpty(this, 'subordinateGenerations', generations, 'Keep at least one subordinate CA generation, e.g. [1]');
    generations.forEach((g, i) => checkIntegerRange(this, `subordinateGenerations[${i}]`, g, 1, 999));
    const duplicate = generations.find((g, i) => generations.indexOf(g) !== i);
    if (duplicate !== undefined) {
      throw invalidInput(this, 'subordinateGenerations', `lists generation ${duplicate} twice`, generations,
        'List each generation once, e.g. [1, 2] while rotating from the original CA to generation 2');
    }
    this.subordinateCas = generations.map((generation) => new SubordinateCertificateAuthority(this,
      generation === 1 ? 'SubordinateCa' : contentId(`SubordinateCa-g${generation}`), {
        pool: this.subordinatePool,
        issuer: this.rootCa,
        name: props.subordinateCaId,
        generation,
        organization: props.organization,
        keyAlgorithm,
        allowDestroy,
      }));
  }

  /**
   * Lets GKE issue mesh certificates from this hierarchy (S6): `roles/privateca.auditor` on the root pool
   * and `roles/privateca.certificateManager` on the subordinate pool, for the GKE service agent
   * (`IamMember.gkeServiceAgent(projectNumber)`).
   */
  public grantMeshCertificateIssuance(gkeServiceAgent: IamMember): PrivatecaCaPoolIamMember[] {
    return [this.rootPool.grantAuditor(gkeServiceAgent), this.subordinatePool.grantCertificateManager(gkeServiceAgent)];
  }

  /** `roles/privateca.caManager` on the project, for whoever creates pools and CAs (S6). */
  public grantCaManager(member: IamMember): ProjectIamMember {
    return grantOnProject(this, this.project, 'roles/privateca.caManager', member);
  }

  /** `roles/privateca.admin` on the project, for whoever changes the pools' IAM policies (S6). */
  public grantCaAdmin(member: IamMember): ProjectIamMember {
    return grantOnProject(this, this.project, 'roles/privateca.admin', member);
  }

  private required(field: string, value: string | undefined): string {
    if (typeof value === 'string' && value !== '') return value;
    throw invalidInput(this, field, 'is required when no existing root is given', value,
      `Set ${field}, or pass existingRoot: RootCertificateAuthority.fromCertificateAuthorityAttributes(...) to adopt a root CA`);
  }
}
