import { workloadCertificatesMount, workloadCertificatesVolume } from '../../kubernetes/pod-parts';
import { ENVOY_UID } from './envoy';
import { TemplateAction, TemplateCondition, TemplateNode } from './template-renderer';

/** What the injection template is built from. */
export interface InjectionTemplateOptions {
  readonly envoyImage: string;
  readonly bootstrapGeneratorImage: string;
  readonly initImage: string;
  /** Whether sidecars join a service-routing API mesh (the bootstrap generator then gets the mesh name). */
  readonly withMesh: boolean;
  /** Port Envoy intercepts outbound traffic on: the mesh's interception port (R1), 15001 by default. */
  readonly interceptionPort: number;
}

/**
 * Bootstrap-generator flag that selects a service-routing API mesh. Unverified: no copy of the current
 * package template was available; the name follows td-grpc-bootstrap's `--config-mesh` in this
 * generator's snake_case flag style.
 */
const MESH_FLAG = 'config_mesh';

const q = (text: string) => `\`${text}\``;
/** A pod annotation, or `fallback` when the pod does not carry it. */
const annotation = (key: string, fallback: string) => `annotation .ObjectMeta ${q(key)} ${q(fallback)}`;
const hasAnnotation = (key: string) => `isset .ObjectMeta.Annotations ${q(key)}`;
const annotationIsTrue = (key: string) => `eq (${annotation(key, 'false')}) ${q('true')}`;
/**
 * `--flag=VALUE` from a template expression. `printf "%q"` makes the result one Go-quoted string, which is also
 * a valid YAML double-quoted scalar, so annotation values with quotes (proxyMetadata JSON) cannot break the YAML.
 */
const flagFrom = (flag: string, expression: string, verb = '%s') =>
  new TemplateAction(`{{ ${expression} | printf "--${flag}=${verb}" | printf "%q" }}`);
const valueFrom = (expression: string) => new TemplateAction(`{{ ${expression} | printf "%q" }}`);
const proxyMetadata = (key: string) => `.ProxyConfig.ProxyMetadata.${key}`;

const MANAGED_CERTS = '$managedCerts';

/**
 * The pod patch the injector applies. It follows the injection contract of Google's td-sidecar-injector-xdsv3
 * package (same containers, volumes, annotations and bootstrap-generator flags), written from typed parts here:
 *
 * - `envoy`: the sidecar; it reads the bootstrap from the shared `envoy-bootstrap` volume and, for pods annotated
 *   `cloud.google.com/enableManagedCerts: "true"`, the GKE mesh certificates from the `gke-workload-certificates`
 *   CSI volume.
 * - `td-bootstrap-writer`: writes that bootstrap from the mesh ConfigMap (project, network, mesh) and the pod's
 *   `cloud.google.com/*` annotations (inbound ports, proxy metadata, managed certificates).
 * - `istio-init`: redirects the pod's traffic to Envoy on the interception port (15001 by default), except Envoy's own (UID 1337), the metadata
 *   server (169.254.169.254/32) and inbound ports not listed in `cloud.google.com/includeInboundPorts`.
 *
 * Everything known at synth time is decided here; the Go-template conditionals left depend on the pod.
 */
export function injectionTemplate(images: InjectionTemplateOptions): TemplateNode[] {
  const bootstrapVolume = 'envoy-bootstrap';
  const envoy = {
    name: 'envoy',
    image: images.envoyImage,
    imagePullPolicy: 'IfNotPresent',
    args: ['-c', '/etc/envoy/envoy.yaml'],
    // The image's entrypoint starts Envoy as this UID, which the iptables rules exempt.
    env: [{ name: 'ENVOY_UID', value: String(ENVOY_UID) }],
    resources: { limits: { cpu: '2', memory: '1Gi' }, requests: { cpu: '100m', memory: '128Mi' } },
    volumeMounts: [
      { name: bootstrapVolume, mountPath: '/etc/envoy' },
      new TemplateCondition(MANAGED_CERTS, [workloadCertificatesMount()]),
    ],
  };
  const bootstrapWriter = {
    name: 'td-bootstrap-writer',
    image: images.bootstrapGeneratorImage,
    imagePullPolicy: images.bootstrapGeneratorImage.includes('@') || /:[^/]+$/.test(images.bootstrapGeneratorImage) ? 'IfNotPresent' : 'Always',
    args: [
      flagFrom('project_number', proxyMetadata('TRAFFICDIRECTOR_GCP_PROJECT_NUMBER')),
      flagFrom('network_name', proxyMetadata('TRAFFICDIRECTOR_NETWORK_NAME')),
      ...(images.withMesh ? [flagFrom(MESH_FLAG, proxyMetadata('TRAFFICDIRECTOR_MESH_NAME'))] : []),
      '--bootstrap_file_output_path=/var/lib/data/envoy.yaml',
      flagFrom('traffic_director_url', '.ProxyConfig.DiscoveryAddress'),
      flagFrom('envoy_admin_port', '.ProxyConfig.ProxyAdminPort', '%d'),
      new TemplateCondition(hasAnnotation('cloud.google.com/includeInboundPorts'), [
        flagFrom('inbound_backend_ports', annotation('cloud.google.com/includeInboundPorts', '')),
      ]),
      new TemplateCondition(annotationIsTrue('cloud.google.com/forwardPodLabels'), [
        flagFrom('proxy_metadata', 'toJSON .ObjectMeta.Labels'),
      ], new TemplateCondition(hasAnnotation('cloud.google.com/proxyMetadata'), [
        flagFrom('proxy_metadata', annotation('cloud.google.com/proxyMetadata', '{}')),
      ])),
      new TemplateCondition(MANAGED_CERTS, ['--use_workload_certificates']),
    ],
    volumeMounts: [{ name: bootstrapVolume, mountPath: '/var/lib/data' }],
  };
  const iptables = {
    name: 'istio-init',
    image: images.initImage,
    imagePullPolicy: 'IfNotPresent',
    args: [
      'istio-iptables',
      '-p', String(images.interceptionPort),
      '-u', String(ENVOY_UID),
      '-m', 'REDIRECT',
      '-i', valueFrom(annotation('cloud.google.com/includeOutboundCIDRs', '*')),
      '-b', valueFrom(annotation('cloud.google.com/includeInboundPorts', '')),
      '-x', valueFrom(annotation('cloud.google.com/excludeOutboundCIDRs', '169.254.169.254/32')),
      '-d', valueFrom(annotation('cloud.google.com/excludeInboundPorts', '')),
      '-o', valueFrom(annotation('cloud.google.com/excludeOutboundPorts', '')),
    ],
    resources: { limits: { cpu: '100m', memory: '50Mi' }, requests: { cpu: '10m', memory: '10Mi' } },
    // iptables needs root with NET_ADMIN and NET_RAW; nothing else is granted.
    securityContext: {
      allowPrivilegeEscalation: false,
      capabilities: { add: ['NET_ADMIN', 'NET_RAW'], drop: ['ALL'] },
      privileged: false,
      readOnlyRootFilesystem: false,
      runAsGroup: 0,
      runAsNonRoot: false,
      runAsUser: 0,
    },
  };
  return [
    new TemplateAction(`{{- ${MANAGED_CERTS} := ${annotationIsTrue('cloud.google.com/enableManagedCerts')} }}`),
    {
      containers: [envoy],
      initContainers: [bootstrapWriter, iptables],
      volumes: [
        { name: bootstrapVolume, emptyDir: {} },
        new TemplateCondition(MANAGED_CERTS, [workloadCertificatesVolume()]),
      ],
    },
  ];
}
