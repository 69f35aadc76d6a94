import { IConstruct } from 'constructs';
import { invalidInput } from '../../core/errors';
import { checkString, isUnresolved } from '../../core/validation';
import { compareVersions } from '../../core/versions';

/** What the injected sidecars and the standalone ingress gateway share: the Envoy release, its admin port and UID. */

/** Envoy 1.34.1, a supported release well above the 1.20.0 minimum of seed 000. */
export const DEFAULT_ENVOY_IMAGE = 'docker.io/envoyproxy/envoy:v1.34.1';

/** Envoy's admin port; 15001 (outbound) and 15006 (inbound) are taken by interception. */
export const ENVOY_ADMIN_PORT = 15000;

/** Envoy runs as this UID, so the iptables rules can exempt its own traffic and it can read the certificates. */
export const ENVOY_UID = 1337;

const MINIMUM_ENVOY_VERSION = [1, 20, 0];

/** Rejects an Envoy image whose tag is a version below 1.20.0 (xDS v3, seed 000); digests and custom tags pass. */
export function checkEnvoyImage(scope: IConstruct, field: string, image: string): void {
  checkString(scope, field, image, `Use an Envoy image such as "${DEFAULT_ENVOY_IMAGE}"`);
  if (isUnresolved(image)) return;
  const version = envoyVersionOf(image);
  if (!version || compareVersions(version, MINIMUM_ENVOY_VERSION) >= 0) return;
  throw invalidInput(scope, field, `is Envoy ${version.join('.')}, older than ${MINIMUM_ENVOY_VERSION.join('.')}`, image,
    `Cloud Service Mesh needs Envoy 1.20.0 or later for xDS v3 (seed 000); use e.g. "${DEFAULT_ENVOY_IMAGE}"`);
}

function envoyVersionOf(image: string): number[] | undefined {
  const withoutDigest = image.split('@')[0];
  const lastSegment = withoutDigest.slice(withoutDigest.lastIndexOf('/') + 1);
  const colon = lastSegment.indexOf(':');
  if (colon < 0) return undefined;
  const match = /^v(\d+)\.(\d+)(?:\.(\d+))?(?:-.*)?$/.exec(lastSegment.slice(colon + 1));
  return match ? [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)] : undefined;
}
