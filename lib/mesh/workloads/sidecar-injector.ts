import { ClusterRoleBindingV1 } from '@cdktf/provider-kubernetes/lib/cluster-role-binding-v1';
import { ClusterRoleV1 } from '@cdktf/provider-kubernetes/lib/cluster-role-v1';
import { ConfigMapV1 } from '@cdktf/provider-kubernetes/lib/config-map-v1';
import { DeploymentV1 } from '@cdktf/provider-kubernetes/lib/deployment-v1';
import { Labels } from '@cdktf/provider-kubernetes/lib/labels';
import { MutatingWebhookConfigurationV1 } from '@cdktf/provider-kubernetes/lib/mutating-webhook-configuration-v1';
import { NamespaceV1 } from '@cdktf/provider-kubernetes/lib/namespace-v1';
import { PodDisruptionBudgetV1 } from '@cdktf/provider-kubernetes/lib/pod-disruption-budget-v1';
import { SecretV1 } from '@cdktf/provider-kubernetes/lib/secret-v1';
import { ServiceAccountV1 } from '@cdktf/provider-kubernetes/lib/service-account-v1';
import { ServiceV1 } from '@cdktf/provider-kubernetes/lib/service-v1';
import { PrivateKey } from '@cdktf/provider-tls/lib/private-key';
import { TlsProvider } from '@cdktf/provider-tls/lib/provider';
import { SelfSignedCert } from '@cdktf/provider-tls/lib/self-signed-cert';
import { Fn, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { invalidInput } from '../../core/errors';
import { contentId } from '../../core/ids';
import { stackProvider } from '../../core/providers';
import { claimUniqueName } from '../../core/unique-names';
import {
  checkImplements, checkInstance, checkIntegerRange, checkKubernetesLabelName, checkProjectNumber, checkProps, checkResourceName, checkString,
} from '../../core/validation';
import { warn } from '../../core/warnings';
import { restrictedSecurityContext } from '../../kubernetes/pod-parts';
import { kubernetesNumber } from '../../kubernetes/values';
import type { IMesh } from '../routing/mesh';
import { checkEnvoyImage, DEFAULT_ENVOY_IMAGE, ENVOY_ADMIN_PORT, ENVOY_UID } from './envoy';
import { injectionTemplate } from './injection-template';
import { renderTemplate } from './template-renderer';

/** The webhook server of the td-sidecar-injector-xdsv3 package (Istio 1.5's standalone injector). */
const DEFAULT_INJECTOR_IMAGE = 'docker.io/istio/sidecar_injector:1.5.8';
/**
 * Google's Envoy bootstrap generator. Google publishes it only untagged (the package pulls it with
 * `imagePullPolicy: Always`); pin it by digest through `bootstrapGeneratorImage` to freeze it.
 */
const DEFAULT_BOOTSTRAP_GENERATOR_IMAGE = 'gcr.io/trafficdirector-prod/xds-client-bootstrap-generator';
/** The iptables init image the package pins; its `istio-iptables` flags are the interception contract below. */
const DEFAULT_INIT_IMAGE = 'docker.io/istio/proxyv2:1.7.0';

const NAMESPACE = 'istio-control';
const NAME = 'istio-sidecar-injector';
const WEBHOOK_CONFIGURATION_NAME = 'istio-sidecar-injector-istio-control';
const SERVICE_ACCOUNT_NAME = 'istio-sidecar-injector-service-account';
const SERVICE_DNS_NAME = `${NAME}.${NAMESPACE}.svc`;
const WEBHOOK_PORT = 9443;
const INJECT_LABEL = 'istio-injection';
const POD_LABELS = { app: 'sidecar-injector', istio: 'sidecar-injector' };
const SELECTOR = { istio: 'sidecar-injector' };

const DISCOVERY_ADDRESS = 'trafficdirector.googleapis.com:443';

/** Properties of a {@link SidecarInjector}. */
export interface SidecarInjectorProps {
  /** Number of the project that holds the Cloud Service Mesh configuration (`TRAFFICDIRECTOR_GCP_PROJECT_NUMBER`). */
  readonly projectNumber: string;

  /**
   * VPC network whose load-balancing API configuration the sidecars request (`TRAFFICDIRECTOR_NETWORK_NAME`).
   * Not allowed with `mesh`: the routing API selects configuration by mesh and leaves the network empty (seed 002).
   * @default 'default', or '' with a mesh
   */
  readonly network?: string;

  /**
   * Routing API mesh the sidecars join (`TRAFFICDIRECTOR_MESH_NAME`, seed 002).
   * @default - none: sidecars take the load-balancing API configuration of `network`
   */
  readonly mesh?: IMesh;

  /**
   * Envoy image of the injected sidecars; a `vX.Y.Z` tag below 1.20.0 is rejected (xDS v3, seed 000).
   * @default 'docker.io/envoyproxy/envoy:v1.34.1'
   */
  readonly envoyImage?: string;

  /**
   * The admission webhook server.
   * @default 'docker.io/istio/sidecar_injector:1.5.8', the image of td-sidecar-injector-xdsv3
   */
  readonly injectorImage?: string;

  /**
   * Init container that writes each sidecar's Envoy bootstrap.
   * @default 'gcr.io/trafficdirector-prod/xds-client-bootstrap-generator' (published untagged by Google; pin by digest to freeze)
   */
  readonly bootstrapGeneratorImage?: string;

  /**
   * Init container that installs the iptables interception rules.
   * @default 'docker.io/istio/proxyv2:1.7.0', the image of td-sidecar-injector-xdsv3
   */
  readonly initImage?: string;

  /**
   * Injector replicas. The webhook fails closed, so pods in injected namespaces cannot be created while no
   * replica is ready; one replica is accepted with a warning.
   * @default 2
   */
  readonly replicas?: number;

  /**
   * Provider for the webhook's serving key and certificate.
   * @default - the stack's TlsProvider, created when the stack has none
   */
  readonly tlsProvider?: TlsProvider;
}

/**
 * The Cloud Service Mesh (Traffic Director) Envoy sidecar injector of seed 000, `td-sidecar-injector-xdsv3`,
 * as typed Kubernetes objects in namespace `istio-control` (S9): a mutating admission webhook that adds an
 * Envoy sidecar, its bootstrap writer and the iptables init container to every pod created in a namespace
 * labelled `istio-injection=enabled` (see {@link enableInjection}).
 *
 * The webhook fails closed (X1): while the injector is unavailable, pods in injected namespaces are not
 * created, rather than created without a sidecar. Its serving certificate is self-signed by Terraform and
 * trusted through the webhook's `caBundle`.
 *
 * @example
 * const sidecarInjector = new mesh.SidecarInjector(k8s, 'SidecarInjector', { projectNumber: '123456789012' });
 * // Pods created in namespace "default" from now on get the Envoy sidecar.
 * sidecarInjector.enableInjection('default');
 */
export class SidecarInjector extends Construct {
  /** `istio-control`, the namespace of every injector object. */
  public readonly namespace: string;
  /** The routing API mesh the sidecars join; undefined with the load-balancing API. */
  public readonly meshName?: string;
  /** The network name in the sidecars' bootstrap ('' with a mesh). */
  public readonly network: string;
  /** Port the sidecars intercept outbound traffic on: the mesh's interception port, 15001 without a mesh (R1). */
  public readonly interceptionPort: number;
  /** Envoy image of the injected sidecars. */
  public readonly envoyImage: string;
  /** The injection template (ConfigMap `istio-sidecar-injector`, key `config`, field `template`). */
  public readonly injectionTemplate: string;

  /** The `istio-control` namespace. */
  public readonly namespaceResource: NamespaceV1;
  /** The injector's Kubernetes service account, `istio-sidecar-injector-service-account`. */
  public readonly serviceAccount: ServiceAccountV1;
  /** Read-only access to the injector's ConfigMap and its own webhook configuration, nothing more. */
  public readonly clusterRole: ClusterRoleV1;
  /** Binds the cluster role to the injector's service account. */
  public readonly clusterRoleBinding: ClusterRoleBindingV1;
  /** ConfigMap `injector-mesh`: discovery address, admin port and proxy metadata of the sidecars. */
  public readonly meshConfigMap: ConfigMapV1;
  /** ConfigMap `istio-sidecar-injector`: the injection template (`config`) and the Helm-era `values`. */
  public readonly injectionConfigMap: ConfigMapV1;
  /**
   * The webhook's ECDSA P-256 serving key (`tls_private_key`). Its PEM is kept in Terraform state, which must
   * therefore be protected like the Secret.
   */
  public readonly privateKey: PrivateKey;
  /**
   * The webhook's self-signed serving certificate for `istio-sidecar-injector.istio-control.svc`, valid for one
   * year; an apply in its last 30 days renews it.
   */
  public readonly certificate: SelfSignedCert;
  /** Secret `istio-sidecar-injector` with `key.pem`, `cert.pem` and `ca-cert.pem`. */
  public readonly certificateSecret: SecretV1;
  /** The `kubernetes_deployment_v1` running the webhook server. */
  public readonly deployment: DeploymentV1;
  /** The in-cluster Service the API server calls the webhook through (port 443). */
  public readonly service: ServiceV1;
  /** Lets node drains take down at most one injector replica at a time, since the webhook fails closed. */
  public readonly podDisruptionBudget: PodDisruptionBudgetV1;
  /** The `kubernetes_mutating_webhook_configuration_v1` (escape hatch). */
  public readonly webhook: MutatingWebhookConfigurationV1;

  constructor(scope: Construct, id: string, props: SidecarInjectorProps) {
    super(scope, id);
    checkProps(this, props, 'Pass { projectNumber }, e.g. { projectNumber: "123456789012" }');
    checkProjectNumber(this, 'projectNumber', props.projectNumber);
    // The injector's objects have fixed names in istio-control: one injector per cluster (its Kubernetes stack).
    claimUniqueName(this, 'id', 'sidecar injector', [TerraformStack.of(this).node.path], `the cluster of stack ${TerraformStack.of(this).node.path}`);
    if (props.mesh !== undefined && props.mesh !== null) {
      checkImplements(this, 'mesh', props.mesh, 'IMesh', ['name', 'resourceName', 'interceptionPort'],
        'Pass the Mesh the sidecars join, e.g. new Mesh(gcpStack, "Mesh", { name: "sidecar-mesh" }), or Mesh.fromMeshAttributes(...)');
    }
    if (props.mesh && props.network !== undefined && props.network !== '') {
      throw invalidInput(this, 'network', 'cannot be combined with mesh', props.network,
        'With the routing API the sidecars select their configuration by mesh and the network stays empty (seed 002); remove network');
    }
    // An empty network is only meaningful with a mesh; Traffic Director may stop accepting it for the load-balancing API.
    if (!props.mesh && props.network !== undefined) checkResourceName(this, 'network', props.network);
    this.network = props.mesh ? '' : props.network ?? 'default';
    this.meshName = props.mesh?.name;
    this.interceptionPort = props.mesh?.interceptionPort ?? 15001;
    this.namespace = NAMESPACE;
    this.envoyImage = props.envoyImage ?? DEFAULT_ENVOY_IMAGE;
    checkEnvoyImage(this, 'envoyImage', this.envoyImage);
    const replicas = props.replicas ?? 2;
    checkIntegerRange(this, 'replicas', replicas, 1, 100);
    if (replicas === 1) {
      warn(this, 'One injector replica: the webhook fails closed (X1), so no pod can be created in an injected ' +
        'namespace while that replica restarts or its node drains. Use replicas >= 2.');
    }

    this.namespaceResource = new NamespaceV1(this, 'Namespace', { metadata: { name: NAMESPACE } });
    const inNamespace = [this.namespaceResource];
    const metadata = (name: string) => ({ name, namespace: NAMESPACE, labels: POD_LABELS });

    this.serviceAccount = new ServiceAccountV1(this, 'ServiceAccount', { metadata: metadata(SERVICE_ACCOUNT_NAME), dependsOn: inNamespace });
    this.clusterRole = new ClusterRoleV1(this, 'ClusterRole', {
      metadata: { name: `${NAME}-${NAMESPACE}`, labels: POD_LABELS },
      // The package also grants `patch` on the webhook so the injector can rewrite its caBundle; the injector is
      // started with --reconcileWebhookConfig=false (Terraform owns the caBundle), so read access is all it keeps.
      rule: [
        { apiGroups: [''], resources: ['configmaps'], resourceNames: [NAME], verbs: ['get', 'list', 'watch'] },
        {
          apiGroups: ['admissionregistration.k8s.io'],
          resources: ['mutatingwebhookconfigurations'],
          resourceNames: [WEBHOOK_CONFIGURATION_NAME],
          verbs: ['get', 'list', 'watch'],
        },
      ],
    });
    this.clusterRoleBinding = new ClusterRoleBindingV1(this, 'ClusterRoleBinding', {
      metadata: { name: `${NAME}-admin-role-binding-${NAMESPACE}`, labels: POD_LABELS },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: `${NAME}-${NAMESPACE}` },
      subject: [{ kind: 'ServiceAccount', name: SERVICE_ACCOUNT_NAME, namespace: NAMESPACE }],
      dependsOn: [this.clusterRole, this.serviceAccount],
    });

    const proxyMetadata: Record<string, string> = {
      TRAFFICDIRECTOR_GCP_PROJECT_NUMBER: props.projectNumber,
      TRAFFICDIRECTOR_NETWORK_NAME: this.network,
      ...(this.meshName !== undefined ? { TRAFFICDIRECTOR_MESH_NAME: this.meshName } : {}),
    };
    this.meshConfigMap = new ConfigMapV1(this, 'MeshConfig', {
      metadata: metadata('injector-mesh'),
      // JSON is YAML, and JSON.stringify needs no YAML library and escapes every value.
      data: {
        mesh: JSON.stringify({
          defaultConfig: { discoveryAddress: DISCOVERY_ADDRESS, proxyAdminPort: ENVOY_ADMIN_PORT, proxyMetadata },
        }, null, 2),
      },
      dependsOn: inNamespace,
    });

    const bootstrapGeneratorImage = props.bootstrapGeneratorImage ?? DEFAULT_BOOTSTRAP_GENERATOR_IMAGE;
    checkString(this, 'bootstrapGeneratorImage', bootstrapGeneratorImage, `Use a container image reference such as "${DEFAULT_BOOTSTRAP_GENERATOR_IMAGE}"`);
    const initImage = props.initImage ?? DEFAULT_INIT_IMAGE;
    checkString(this, 'initImage', initImage, `Use a container image reference such as "${DEFAULT_INIT_IMAGE}"`);
    this.injectionTemplate = renderTemplate(injectionTemplate({
      envoyImage: this.envoyImage,
      bootstrapGeneratorImage,
      initImage,
      withMesh: this.meshName !== undefined,
      interceptionPort: this.interceptionPort,
    }));
    this.injectionConfigMap = new ConfigMapV1(this, 'InjectionConfig', {
      metadata: metadata(NAME),
      data: {
        config: [
          'policy: enabled',
          'alwaysInjectSelector: []',
          'neverInjectSelector: []',
          'template: |',
          ...this.injectionTemplate.split('\n').map((line) => (line ? `  ${line}` : line)),
        ].join('\n'),
        values: JSON.stringify(injectorValues(), null, 2),
      },
      dependsOn: inNamespace,
    });

    if (props.tlsProvider !== undefined) checkInstance(this, 'tlsProvider', props.tlsProvider, TlsProvider, 'Pass the stack\'s TlsProvider, or leave tlsProvider out');
    const injectorImage = props.injectorImage ?? DEFAULT_INJECTOR_IMAGE;
    checkString(this, 'injectorImage', injectorImage, `Use a container image reference such as "${DEFAULT_INJECTOR_IMAGE}"`);
    const tlsProvider = props.tlsProvider ?? stackProvider(this, TlsProvider, (stack) => new TlsProvider(stack, 'tls', {}));
    // ECDSA P-256 rather than the package's RSA 4096: both Go TLS stacks involved (kube-apiserver, injector)
    // support it, Terraform generates it instantly, and it matches the seeds' ec-p256 CAs.
    this.privateKey = new PrivateKey(this, 'ServingKey', { provider: tlsProvider, algorithm: 'ECDSA', ecdsaCurve: 'P256' });
    this.certificate = new SelfSignedCert(this, 'ServingCertificate', {
      provider: tlsProvider,
      privateKeyPem: this.privateKey.privateKeyPem,
      subject: [{ commonName: SERVICE_DNS_NAME }],
      // Kubernetes verifies the SAN, not the common name.
      dnsNames: [SERVICE_DNS_NAME],
      allowedUses: ['digital_signature', 'server_auth'],
      validityPeriodHours: 365 * 24,
      // Terraform plans a new certificate once fewer than 30 days are left, so a regular apply renews it in time.
      earlyRenewalHours: 30 * 24,
    });
    this.certificateSecret = new SecretV1(this, 'CertificateSecret', {
      metadata: metadata(NAME),
      type: 'Opaque',
      // The certificate is self-signed, so it is its own CA certificate.
      data: { 'key.pem': this.privateKey.privateKeyPem, 'cert.pem': this.certificate.certPem, 'ca-cert.pem': this.certificate.certPem },
      dependsOn: inNamespace,
    });

    this.deployment = new DeploymentV1(this, 'Deployment', {
      metadata: metadata(NAME),
      spec: {
        replicas: kubernetesNumber(replicas),
        selector: { matchLabels: SELECTOR },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '100%', maxUnavailable: '25%' } },
        template: {
          metadata: {
            labels: POD_LABELS,
            annotations: {
              'sidecar.istio.io/inject': 'false',
              // A renewed certificate rolls the injector, so it never serves a certificate the caBundle no longer holds.
              'checksum/serving-certificate': Fn.sha256(this.certificate.certPem),
            },
          },
          spec: {
            serviceAccountName: SERVICE_ACCOUNT_NAME,
            nodeSelector: { 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64' },
            container: [{
              name: 'sidecar-injector-webhook',
              image: injectorImage,
              imagePullPolicy: 'IfNotPresent',
              args: [
                '--caCertFile=/etc/istio/certs/ca-cert.pem',
                '--tlsCertFile=/etc/istio/certs/cert.pem',
                '--tlsKeyFile=/etc/istio/certs/key.pem',
                '--injectConfig=/etc/istio/inject/config',
                '--meshConfig=/etc/istio/config/mesh',
                `--port=${WEBHOOK_PORT}`,
                '--healthCheckInterval=2s',
                '--healthCheckFile=/tmp/health',
                // Terraform sets the webhook's caBundle from the same certificate it writes to the Secret. With
                // reconciliation on, the injector would patch the caBundle too, and during a renewal an old replica
                // would write back the old certificate: Terraform and the injector would undo each other forever.
                '--reconcileWebhookConfig=false',
                `--webhookConfigName=${WEBHOOK_CONFIGURATION_NAME}`,
                '--log_output_level=default:info',
              ],
              port: [{ name: 'https-webhook', containerPort: WEBHOOK_PORT }],
              volumeMount: [
                { name: 'config-volume', mountPath: '/etc/istio/config', readOnly: true },
                { name: 'certs', mountPath: '/etc/istio/certs', readOnly: true },
                { name: 'inject-config', mountPath: '/etc/istio/inject', readOnly: true },
                // The health file is the only thing the injector writes.
                { name: 'tmp', mountPath: '/tmp' },
              ],
              livenessProbe: healthProbe(),
              readinessProbe: healthProbe(),
              resources: { requests: { cpu: '10m', memory: '64Mi' } },
              securityContext: restrictedSecurityContext(ENVOY_UID),
            }],
            volume: [
              { name: 'config-volume', configMap: { name: 'injector-mesh' } },
              { name: 'certs', secret: { secretName: NAME } },
              {
                name: 'inject-config',
                configMap: { name: NAME, items: [{ key: 'config', path: 'config' }, { key: 'values', path: 'values' }] },
              },
              { name: 'tmp', emptyDir: {} },
            ],
          },
        },
      },
      dependsOn: [this.serviceAccount, this.clusterRoleBinding, this.meshConfigMap, this.injectionConfigMap, this.certificateSecret],
    });

    this.service = new ServiceV1(this, 'Service', {
      metadata: metadata(NAME),
      spec: {
        type: 'ClusterIP',
        selector: SELECTOR,
        port: [{ name: 'https-webhook', port: 443, targetPort: String(WEBHOOK_PORT), protocol: 'TCP' }],
      },
      dependsOn: inNamespace,
    });

    // maxUnavailable rather than the package's minAvailable 1: it keeps one of two replicas during drains but
    // never blocks a drain when a single replica runs.
    this.podDisruptionBudget = new PodDisruptionBudgetV1(this, 'PodDisruptionBudget', {
      metadata: metadata(NAME),
      spec: { maxUnavailable: '1', selector: { matchLabels: SELECTOR } },
      dependsOn: inNamespace,
    });

    this.webhook = new MutatingWebhookConfigurationV1(this, 'Webhook', {
      metadata: { name: WEBHOOK_CONFIGURATION_NAME, labels: POD_LABELS },
      webhook: [{
        name: 'sidecar-injector.istio.io',
        // The Istio 1.5 injector answers AdmissionReview v1beta1 only.
        admissionReviewVersions: ['v1beta1'],
        sideEffects: 'None',
        // X1: a pod the injector cannot reach is rejected, never created without its sidecar.
        failurePolicy: 'Fail',
        clientConfig: {
          service: { name: NAME, namespace: NAMESPACE, path: '/inject', port: 443 },
          // The provider takes the PEM text and base64-encodes it for the API (expandWebhookClientConfig: []byte(v)).
          caBundle: this.certificate.certPem,
        },
        rule: [{ operations: ['CREATE'], apiGroups: [''], apiVersions: ['v1'], resources: ['pods'] }],
        namespaceSelector: { matchLabels: { [INJECT_LABEL]: 'enabled' } },
      }],
      // Registered only once the injector serves: before that, pod creation in labelled namespaces would fail.
      // On destroy the webhook goes first, for the same reason.
      dependsOn: [this.deployment, this.service],
    });
  }

  /**
   * Labels the existing namespace `istio-injection=enabled`, so pods created in it get the Envoy sidecar
   * (seed 000: `kubectl label namespace default istio-injection=enabled`). Calling it again for the same
   * namespace returns the same label resource.
   */
  public enableInjection(namespace: string): Labels {
    checkKubernetesLabelName(this, 'namespace', namespace);
    const id = contentId(`Injection-${namespace}`);
    const existing = this.node.tryFindChild(id);
    if (existing instanceof Labels) return existing;
    return new Labels(this, id, {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: namespace },
      labels: { [INJECT_LABEL]: 'enabled' },
      // The label may already exist with another field manager (e.g. set with kubectl); enabling injection is the intent.
      force: true,
      // Labelled only once the webhook exists, so no pod is created in the namespace without its sidecar.
      dependsOn: [this.webhook],
    });
  }
}

function healthProbe() {
  return {
    exec: { command: ['/usr/local/bin/sidecar-injector', 'probe', '--probe-path=/tmp/health', '--interval=4s'] },
    initialDelaySeconds: 4,
    periodSeconds: 4,
  };
}


/**
 * Helm values the injector loads next to its template and hands to it as `.Values`. The template below reads
 * none of them; they describe the install for anyone reading the ConfigMap.
 */
function injectorValues() {
  return {
    global: { istioNamespace: NAMESPACE, configNamespace: NAMESPACE, xdsApiVersion: 'v3' },
    sidecarInjectorWebhook: {
      injectLabel: INJECT_LABEL,
      enableNamespacesByDefault: false,
      rewriteAppHTTPProbe: false,
      alwaysInjectSelector: [],
      neverInjectSelector: [],
    },
  };
}
