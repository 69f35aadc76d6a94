import { IConstruct } from 'constructs';
import { invalidInput } from './errors';
import { checkOneOf, checkString, isUnresolved } from './validation';

/**
 * Regions where Certificate Authority Service runs, as listed by seed 000
 * (also `gcloud privateca locations list`). CA pools and CAs outside this list are rejected (S5).
 */
export const CA_SERVICE_REGIONS: readonly string[] = [
  'asia-east1', 'asia-east2', 'asia-northeast1', 'asia-northeast2', 'asia-northeast3',
  'asia-south1', 'asia-south2', 'asia-southeast1', 'asia-southeast2',
  'australia-southeast1', 'australia-southeast2',
  'europe-central2', 'europe-north1', 'europe-southwest1', 'europe-west1', 'europe-west2',
  'europe-west3', 'europe-west4', 'europe-west6', 'europe-west8', 'europe-west9',
  'europe-west10', 'europe-west12',
  'me-central1', 'me-central2', 'me-west1',
  'northamerica-northeast1', 'northamerica-northeast2',
  'southamerica-east1', 'southamerica-west1',
  'us-central1', 'us-east1', 'us-east4', 'us-east5', 'us-south1',
  'us-west1', 'us-west2', 'us-west3', 'us-west4',
];

/** Region check for CA Service pools and CAs against the seed's list (S5). */
export function checkCaServiceRegion(scope: IConstruct, field: string, value: string): void {
  checkOneOf(scope, field, value, CA_SERVICE_REGIONS, 'a CA Service region');
}

/** A Google Cloud region such as `us-east1` (the Compute Engine naming scheme). */
export const REGION = /^[a-z]+-[a-z]+[0-9]+$/;
/** A Google Cloud zone such as `us-east1-b`. */
export const ZONE = /^[a-z]+-[a-z]+[0-9]+-[a-z]$/;

/** Whether `location` is a zone (an unresolved location is taken for one, as the seeds use zonal clusters, X5). */
export function isZone(location: string): boolean {
  return isUnresolved(location) || ZONE.test(location);
}

/** The region of a zone or region; the value itself when it is a token (X5). */
export function regionOf(scope: IConstruct, field: string, location: string): string {
  checkString(scope, field, location, 'Use a zone such as "us-east1-b" or a region such as "us-east1"');
  if (isUnresolved(location) || REGION.test(location)) return location;
  if (ZONE.test(location)) return location.slice(0, location.lastIndexOf('-'));
  throw invalidInput(scope, field, 'is not a Google Cloud zone or region', location,
    'Use a zone such as "us-east1-b" or a region such as "us-east1"');
}

/** Rejects a zone outside `region`. */
export function checkZoneInRegion(scope: IConstruct, field: string, zone: string, region: string): void {
  if (isUnresolved(zone) || isUnresolved(region)) return;
  if (ZONE.test(zone) && zone.startsWith(`${region}-`)) return;
  throw invalidInput(scope, field, `is not a zone of region ${region}`, zone, `Use a zone such as "${region}-b"`);
}
