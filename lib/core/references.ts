/**
 * Resource names the APIs expect in references. The library formats them from plain strings, so a
 * reference reads the same in every stack and matches the seeds' `projects/P/locations/global/...` form.
 */

/** `projects/P/locations/L/COLLECTION/NAME` (Network Security, Network Services, CA Service). */
export function locationalName(project: string, location: string, collection: string, name: string): string {
  return `projects/${project}/locations/${location}/${collection}/${name}`;
}

/** `projects/P/locations/L/caPools/POOL`. */
export function caPoolName(project: string, location: string, pool: string): string {
  return locationalName(project, location, 'caPools', pool);
}

/** `//privateca.googleapis.com/projects/P/locations/L/caPools/POOL`, the URI form of WorkloadCertificateConfig and TrustConfig (S7). */
export function caPoolUri(project: string, location: string, pool: string): string {
  return `//privateca.googleapis.com/${caPoolName(project, location, pool)}`;
}

/** `projects/P/global/COLLECTION/NAME` (global Compute Engine resources). */
export function computeGlobalName(project: string, collection: string, name: string): string {
  return `projects/${project}/global/${collection}/${name}`;
}

/** `projects/P/zones/Z/COLLECTION/NAME` (zonal Compute Engine resources such as NEGs). */
export function computeZonalName(project: string, zone: string, collection: string, name: string): string {
  return `projects/${project}/zones/${zone}/${collection}/${name}`;
}

/** `projects/P/locations/L/clusters/NAME`: the GKE cluster ID Terraform reports. */
export function gkeClusterName(project: string, location: string, name: string): string {
  return locationalName(project, location, 'clusters', name);
}
