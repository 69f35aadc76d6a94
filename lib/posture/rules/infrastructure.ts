/**
 * CA Service, VPC firewall and Compute Engine rules (X1, X6, E1, E7, W2).
 * @internal
 */
import { PostureSeverity } from '../rule';
import { PostureRule, RuleHit, SOURCES } from '../rule-model';
import type { TfResource } from '../tf-model';
import { blocksAt, boolAt, describe, stringAt, stringsAt, UNKNOWN, valueAt } from '../values';
import { isDefaultServiceAccount } from './gke';

const CA_POOL = 'google_privateca_ca_pool';
const CA = 'google_privateca_certificate_authority';
const FIREWALL = 'google_compute_firewall';
const INSTANCE_TYPES = ['google_compute_instance', 'google_compute_instance_template', 'google_compute_region_instance_template'];

function hit(resource: TfResource, field: string, problem: string, value: unknown, fix?: string): RuleHit {
  return { resource, field, problem, value: describe(value), fix };
}

const OPEN = new Set(['0.0.0.0/0', '::/0']);

/** @internal */
export const INFRASTRUCTURE_RULES: PostureRule[] = [
  {
    id: 'POSTURE-CA-DELETION-PROTECTION',
    title: 'CA pool or certificate authority can be destroyed by accident',
    severity: PostureSeverity.ERROR,
    resourceTypes: [CA_POOL, CA],
    reason: 'Every mesh certificate chains to these CAs: the subordinate pool issues the workloads\' certificates and the root is the trust '
      + 'anchor of the TrustConfig. Destroying or replacing one breaks mTLS between all workloads until every certificate is reissued, and a '
      + 'CA\'s private key cannot be recovered. deletion_protection stops the API call; only lifecycle.prevent_destroy stops Terraform '
      + 'from planning it.',
    source: `${SOURCES.serviceSecurityLb}; ${SOURCES.vmWorkloadIdentity}`,
    fix: 'Set lifecycle { prevent_destroy = true } on CA pools and CAs, and keep deletion_protection = true on CAs (the library does unless allowDestroy: true).',
    relaxedBy: 'CaPool, RootCertificateAuthority, SubordinateCertificateAuthority or CaHierarchy allowDestroy: true',
    check: (ctx) => {
      const hits: RuleHit[] = [];
      for (const r of ctx.all(CA_POOL, CA)) {
        if (boolAt(r.body, 'lifecycle.prevent_destroy') !== true) {
          hits.push(hit(r, 'lifecycle.prevent_destroy', 'is not true, so `terraform destroy` or a replacing change deletes it', valueAt(r.body, 'lifecycle.prevent_destroy')));
        }
        if (r.type === CA && boolAt(r.body, 'deletion_protection') === false) {
          hits.push(hit(r, 'deletion_protection', 'is false', false));
        }
      }
      return hits;
    },
  },
  {
    id: 'POSTURE-NET-FIREWALL-OPEN-INGRESS',
    title: 'Firewall rule allows ingress from the whole internet',
    severity: PostureSeverity.ERROR,
    resourceTypes: [FIREWALL],
    reason: 'Zero trust replaces the perimeter with identity, but VPC firewall rules remain a layer of defence in depth: each should admit '
      + 'only the sources a node needs (Google\'s health checkers, a peer cluster\'s pod range, a service account). A rule open to 0.0.0.0/0 '
      + 'exposes the targeted nodes to the internet. (An ingress rule without any source filter is open to 0.0.0.0/0 too.)',
    source: SOURCES.egress,
    fix: 'Restrict source_ranges to the ranges that need access (e.g. 35.191.0.0/16 and 130.211.0.0/22 for health checks), or use source_tags / source_service_accounts.',
    check: (ctx) => ctx.all(FIREWALL).flatMap((r) => {
      const direction = stringAt(r.body, 'direction');
      if (direction === UNKNOWN || (direction !== undefined && direction !== 'INGRESS')) return [];
      if (boolAt(r.body, 'disabled') === true) return [];
      const allow = blocksAt(r.body, 'allow');
      if (allow === UNKNOWN || allow.length === 0) return [];
      const ranges = stringsAt(r.body, 'source_ranges');
      const tags = stringsAt(r.body, 'source_tags');
      const accounts = stringsAt(r.body, 'source_service_accounts');
      if (ranges === UNKNOWN || tags === UNKNOWN || accounts === UNKNOWN) return [];
      const open = ranges.filter((c) => OPEN.has(c));
      if (open.length > 0) return [hit(r, 'source_ranges', `includes ${open.join(' and ')}`, ranges)];
      if (ranges.length === 0 && tags.length === 0 && accounts.length === 0) {
        return [hit(r, 'source_ranges', 'is not set and neither are source_tags or source_service_accounts, so the rule admits 0.0.0.0/0', undefined)];
      }
      return [];
    }),
  },
  {
    id: 'POSTURE-VM-PUBLIC-IP',
    title: 'VM has a public IP address',
    severity: PostureSeverity.ERROR,
    resourceTypes: INSTANCE_TYPES,
    reason: 'Many organisations\' first requirement is that workloads get no public IP address. VMs reach the internet through Cloud NAT '
      + 'and Google APIs through Private Google Access without one, and nothing on the internet can connect to them.',
    source: SOURCES.egress,
    fix: 'Remove network_interface.access_config (and ipv6_access_config); give the subnet Cloud NAT and Private Google Access.',
    check: (ctx) => ctx.all(...INSTANCE_TYPES).flatMap((r) => {
      const nics = blocksAt(r.body, 'network_interface');
      if (nics === UNKNOWN) return [];
      const hits: RuleHit[] = [];
      nics.forEach((nic, i) => {
        for (const block of ['access_config', 'ipv6_access_config']) {
          const configs = blocksAt(nic, block);
          if (configs === UNKNOWN || (Array.isArray(nic[block]) && (nic[block] as unknown[]).length === 0)) continue;
          if (nic[block] !== undefined) hits.push(hit(r, `network_interface[${i}].${block}`, 'is set, so the VM gets an external IP address', nic[block]));
        }
      });
      return hits;
    }),
  },
  {
    id: 'POSTURE-VM-DEFAULT-SERVICE-ACCOUNT',
    title: 'VM runs as the Compute Engine default service account',
    severity: PostureSeverity.ERROR,
    resourceTypes: INSTANCE_TYPES,
    reason: 'Managed workload identities are granted to VMs by the service account attached to them (the attestation rule). The Compute '
      + 'Engine default service account is attached to every VM that names none, so all of them would get the identity — and it holds '
      + 'Editor on the project.',
    source: SOURCES.vmWorkloadIdentity,
    fix: 'Set service_account.email to a dedicated service account for this workload (VmServiceAccount).',
    check: (ctx) => ctx.all(...INSTANCE_TYPES).flatMap((r) => {
      if (valueAt(r.body, 'service_account') === undefined) return [];
      const email = stringAt(r.body, 'service_account.email');
      return isDefaultServiceAccount(email)
        ? [hit(r, 'service_account.email', email === undefined ? 'is not set, so the VM runs as the Compute Engine default service account' : 'is the Compute Engine default service account', email)]
        : [];
    }),
  },
];
