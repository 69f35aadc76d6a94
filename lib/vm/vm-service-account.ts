import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { Construct, IConstruct } from 'constructs';
import { invalidInput } from '../core/errors';
import { IamMember } from '../core/iam-member';
import { projectOf } from '../core/project';
import { claimUniqueName } from '../core/unique-names';
import { checkImplements, checkPattern, checkProps, checkServiceAccountEmail, checkString, isUnresolved } from '../core/validation';

/** The service account VMs run as: managed identities are attested by it (W2). Created by this app or adopted. */
export interface IVmServiceAccount extends IConstruct {
  /** `NAME@PROJECT_ID.iam.gserviceaccount.com`. */
  readonly email: string;
  /** The account as an IAM member, `serviceAccount:EMAIL`. */
  readonly member: IamMember;
}

/** Attributes of an existing account, for {@link VmServiceAccount.fromServiceAccountAttributes}. */
export interface VmServiceAccountAttributes {
  /** The account's email. */
  readonly email: string;
}

/** Properties of a {@link VmServiceAccount}. */
export interface VmServiceAccountProps {
  /**
   * The project the account is created in.
   * @default - the project of the stack's Google provider
   */
  readonly project?: string;
  /** The account ID: 6-30 lowercase letters, digits and hyphens, starting with a letter. */
  readonly accountId: string;
  /**
   * Display name of the service account.
   * @default 'Managed workload identity VMs'
   */
  readonly displayName?: string;
  /**
   * Description of the service account.
   * @default - a sentence naming its purpose
   */
  readonly description?: string;
}

/** Service account IDs (IAM): 6-30 characters, lowercase letters, digits and hyphens, starting with a letter. */
const ACCOUNT_ID = /^[a-z]([-a-z0-9]{4,28}[a-z0-9])$/;

/**
 * A dedicated service account for VMs that receive managed workload identities (W2). Seed 003:
 * `gcloud iam service-accounts create SERVICE_ACCOUNT_NAME`. It holds no roles: the VMs' certificates are issued to
 * the managed identity (whose principal set holds the CA Service roles), not to the account.
 */
export class VmServiceAccount extends Construct implements IVmServiceAccount {
  /** Adopts an existing service account. */
  public static fromServiceAccountAttributes(scope: Construct, id: string, attrs: VmServiceAccountAttributes): IVmServiceAccount {
    return new ImportedVmServiceAccount(scope, id, attrs);
  }

  /** The project of the account. */
  public readonly project: string;
  public readonly email: string;
  public readonly member: IamMember;
  /** The `google_service_account` (escape hatch). */
  public readonly resource: ServiceAccount;

  constructor(scope: Construct, id: string, props: VmServiceAccountProps) {
    super(scope, id);
    checkProps(this, props, 'Pass { accountId }, e.g. { accountId: "mwlid-backend" }');
    this.project = projectOf(this, props.project);
    checkPattern(this, 'accountId', props.accountId, ACCOUNT_ID, 'is not a valid service account ID',
      'Use 6-30 lowercase letters, digits and hyphens, starting with a letter, e.g. "mwlid-backend"');
    if (props.displayName !== undefined) checkString(this, 'displayName', props.displayName, 'Give a display name of at most 100 characters');
    if (props.description !== undefined) checkString(this, 'description', props.description, 'Describe the account in a sentence');
    claimUniqueName(this, 'accountId', 'service account', [this.project, props.accountId], `project ${this.project}`);
    this.resource = new ServiceAccount(this, 'Resource', {
      project: this.project,
      accountId: props.accountId,
      displayName: props.displayName ?? 'Managed workload identity VMs',
      description: props.description ?? 'Attached to VMs that receive managed workload identities (mTLS certificates from CA Service); holds no roles.',
    });
    // Formatted rather than read from the resource: the email is known at synth time, so attestation rules and
    // templates show it in plans and the W2 cross-check can compare it.
    this.email = `${props.accountId}@${this.project}.iam.gserviceaccount.com`;
    this.member = IamMember.serviceAccount(this.email);
  }
}

class ImportedVmServiceAccount extends Construct implements IVmServiceAccount {
  public readonly email: string;
  public readonly member: IamMember;

  constructor(scope: Construct, id: string, attrs: VmServiceAccountAttributes) {
    super(scope, id);
    checkProps(this, attrs, 'Pass { email } of the existing account');
    checkServiceAccountEmail(this, 'email', attrs.email);
    this.email = attrs.email;
    this.member = IamMember.serviceAccount(attrs.email);
  }
}

/** The members every IVmServiceAccount has; the VMs need one (W2), so a missing account is named with that reason. */
export function checkVmServiceAccount(scope: IConstruct, field: string, account: unknown): void {
  const fix = 'Managed workload identities are attested by the VM\'s attached service account (seed 003): pass a ' +
    'VmServiceAccount, or VmServiceAccount.fromServiceAccountAttributes(scope, id, { email }) for an existing one';
  if (account === undefined || account === null) throw invalidInput(scope, field, 'is required', account, fix);
  checkImplements(scope, field, account, 'IVmServiceAccount', ['email', 'member'], fix);
  const email = (account as IVmServiceAccount).email;
  if (!isUnresolved(email)) checkServiceAccountEmail(scope, `${field}.email`, email);
}
