import { WorkloadCredentials } from '../core/workload-credentials';
import { kubernetesNumber } from './values';

/**
 * Pod parts the library's proxy workloads share (the ingress gateway's Envoy, the sidecar injector, the egress
 * gateway): one definition of the restricted security context and of the workload-certificates volume.
 */

/**
 * The Kubernetes "restricted" Pod Security Standard for one container: no privilege escalation, no capabilities,
 * a read-only root file system and a fixed non-root UID and GID.
 */
export function restrictedSecurityContext(uid: number) {
  return {
    allowPrivilegeEscalation: false,
    capabilities: { drop: ['ALL'] },
    readOnlyRootFilesystem: true,
    runAsNonRoot: true,
    runAsUser: kubernetesNumber(uid),
    runAsGroup: kubernetesNumber(uid),
  };
}

/** The GKE workload certificates CSI volume: mesh certificates signed by CA Service (S14). */
export const WORKLOAD_CERTIFICATES_VOLUME = {
  name: 'gke-workload-certificates',
  driver: 'workloadcertificates.security.cloud.google.com',
  mountPath: WorkloadCredentials.DIRECTORY,
} as const;

/** The pod volume of the GKE workload certificates (S14). */
export function workloadCertificatesVolume() {
  return { name: WORKLOAD_CERTIFICATES_VOLUME.name, csi: { driver: WORKLOAD_CERTIFICATES_VOLUME.driver } };
}

/** The container mount of the GKE workload certificates, read-only. */
export function workloadCertificatesMount() {
  return { name: WORKLOAD_CERTIFICATES_VOLUME.name, mountPath: WORKLOAD_CERTIFICATES_VOLUME.mountPath, readOnly: true };
}
