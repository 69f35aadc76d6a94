import { ComputeGlobalForwardingRule } from '@cdktf/provider-google/lib/compute-global-forwarding-rule';
import { ComputeTargetHttpProxy } from '@cdktf/provider-google/lib/compute-target-http-proxy';
import { ComputeTargetHttpsProxy } from '@cdktf/provider-google/lib/compute-target-https-proxy';
import { ComputeUrlMap } from '@cdktf/provider-google/lib/compute-url-map';
import { TerraformResource, Token } from 'cdktf';
import { Construct } from 'constructs';
import { isIP } from 'net';
import { waitFor } from '../../core/dependencies';
import { invalidInput } from '../../core/errors';
import { projectOf } from '../../core/project';
import { computeGlobalName } from '../../core/references';
import { claimUniqueName } from '../../core/unique-names';
import { checkPort, checkProps, checkResourceName, checkString, isUnresolved } from '../../core/validation';
import { IAuthorizationPolicy } from '../policy/authorization-policy';
import { checkServerTlsPolicy, IServerTlsPolicy } from '../policy/server-tls-policy';
import { checkBackendService, IMeshBackendService } from './backend-service';
import { handleUnattachableAuthorization } from './gateway-authorization';

/** Properties of a {@link RoutingRuleMap}. */
export interface RoutingRuleMapProps {
  /**
   * The project the URL map, target proxy and forwarding rule are created in.
   * @default - the project of the stack's Google provider
   */
  readonly project?: string;
  /** e.g. `td-gke-url-map` (L3) or `td-gke-ig-url-map` (L4). */
  readonly urlMapName: string;
  /** e.g. `td-gke-proxy` (L3) or `td-gke-https-proxy` (L4). */
  readonly proxyName: string;
  /** e.g. `td-gke-forwarding-rule` (L3) or `td-gke-gateway-forwarding-rule` (L4). */
  readonly forwardingRuleName: string;
  /** Where every request goes: the URL map's default service. */
  readonly defaultService: IMeshBackendService;
  /** Port the proxies intercept or listen on: 80 (L3) or 8080 (L4). */
  readonly port: number;
  /**
   * VPC network whose proxies the forwarding rule applies to (`network`).
   * @default 'default'
   */
  readonly network?: string;
  /**
   * Destination address the forwarding rule matches (`ip_address`).
   * @default '0.0.0.0' — every destination address, as Traffic Director expects
   */
  readonly address?: string;
  /**
   * Terminate TLS with this policy: the map then uses a target HTTPS proxy with `proxyBind`, the ingress
   * gateway form (L4, S15).
   * @default - a target HTTP proxy for sidecars (L3)
   */
  readonly serverTlsPolicy?: IServerTlsPolicy;
  /**
   * Authorization the seeds attach to the target HTTPS proxy (S16). Terraform cannot attach it; see
   * authorizationEnforcedBy.
   * @default - none
   */
  readonly authorizationPolicy?: IAuthorizationPolicy;
  /** Endpoint authorization policy enforcing authorizationPolicy's hosts at the backends; required with it. @default - none */
  readonly authorizationEnforcedBy?: IAuthorizationPolicy;
}

/**
 * A Traffic Director routing rule map of the load-balancing API: URL map → target proxy → forwarding rule
 * (INTERNAL_SELF_MANAGED on address 0.0.0.0). Sidecar routing (L3) uses a target HTTP proxy; the ingress
 * gateway (L4) a target HTTPS proxy with `proxyBind` and a server TLS policy.
 */
export class RoutingRuleMap extends Construct {
  /** The `google_compute_url_map` sending every request to the default service (escape hatch). */
  public readonly urlMap: ComputeUrlMap;
  /** `google_compute_target_http_proxy` or, with a server TLS policy, `google_compute_target_https_proxy`. */
  public readonly targetProxy: TerraformResource;
  /** The INTERNAL_SELF_MANAGED `google_compute_global_forwarding_rule` (escape hatch). */
  public readonly forwardingRule: ComputeGlobalForwardingRule;

  constructor(scope: Construct, id: string, props: RoutingRuleMapProps) {
    super(scope, id);
    checkProps(this, props, 'Pass { urlMapName, proxyName, forwardingRuleName, defaultService, port }');
    const project = projectOf(this, props.project);
    checkResourceName(this, 'urlMapName', props.urlMapName);
    checkResourceName(this, 'proxyName', props.proxyName);
    checkResourceName(this, 'forwardingRuleName', props.forwardingRuleName);
    checkPort(this, 'port', props.port);
    checkBackendService(this, 'defaultService', props.defaultService);
    if (props.serverTlsPolicy !== undefined) checkServerTlsPolicy(this, 'serverTlsPolicy', props.serverTlsPolicy);
    const network = props.network ?? 'default';
    checkResourceName(this, 'network', network);
    const address = props.address ?? '0.0.0.0';
    checkString(this, 'address', address, 'Use "0.0.0.0", the address Traffic Director expects, or an IPv4 address');
    if (!isUnresolved(address) && isIP(address) !== 4) {
      throw invalidInput(this, 'address', 'is not an IPv4 address', address, 'Use "0.0.0.0", the address Traffic Director expects (L3, L4)');
    }
    const where = `project ${project}`;
    claimUniqueName(this, 'urlMapName', 'URL map', [project, props.urlMapName], where);
    claimUniqueName(this, 'proxyName', 'target proxy', [project, props.proxyName], where);
    claimUniqueName(this, 'forwardingRuleName', 'forwarding rule', [project, props.forwardingRuleName], where);
    // Traffic Director matches INTERNAL_SELF_MANAGED forwarding rules by network, address and port: one rule each.
    claimUniqueName(this, 'port', 'forwarding rule address and port', [project, network, address, String(props.port)], `network ${network}, address ${address}`);

    this.urlMap = new ComputeUrlMap(this, 'UrlMap', {
      project,
      name: props.urlMapName,
      defaultService: props.defaultService.resourceName,
    });
    waitFor(this.urlMap, props.defaultService);
    const urlMap = computeGlobalName(project, 'urlMaps', props.urlMapName);

    if (props.serverTlsPolicy) {
      this.targetProxy = new ComputeTargetHttpsProxy(this, 'TargetProxy', {
        project,
        name: props.proxyName,
        urlMap,
        proxyBind: true,
        serverTlsPolicy: props.serverTlsPolicy.resourceName,
      });
      waitFor(this.targetProxy, props.serverTlsPolicy);
    } else {
      this.targetProxy = new ComputeTargetHttpProxy(this, 'TargetProxy', { project, name: props.proxyName, urlMap });
    }
    waitFor(this.targetProxy, this.urlMap);
    const collection = props.serverTlsPolicy ? 'targetHttpsProxies' : 'targetHttpProxies';

    this.forwardingRule = new ComputeGlobalForwardingRule(this, 'ForwardingRule', {
      project,
      name: props.forwardingRuleName,
      loadBalancingScheme: 'INTERNAL_SELF_MANAGED',
      ipAddress: address,
      portRange: isUnresolved(props.port) ? Token.asString(props.port) : String(props.port),
      network: computeGlobalName(project, 'networks', network),
      target: computeGlobalName(project, collection, props.proxyName),
    });
    waitFor(this.forwardingRule, this.targetProxy);

    if (props.authorizationPolicy) {
      const file = `${props.proxyName}.yaml`;
      handleUnattachableAuthorization(this, {
        description: props.serverTlsPolicy ? `target HTTPS proxy "${props.proxyName}"` : `target HTTP proxy "${props.proxyName}"`,
        resourceType: props.serverTlsPolicy ? 'google_compute_target_https_proxy' : 'google_compute_target_http_proxy',
        resourceName: props.proxyName,
        manualCommands: [
          `gcloud compute ${props.serverTlsPolicy ? 'target-https-proxies' : 'target-http-proxies'} export ${props.proxyName} --global --destination=${file}`,
          `echo "authorizationPolicy: ${props.authorizationPolicy.resourceName}" >> ${file}`,
          `gcloud compute ${props.serverTlsPolicy ? 'target-https-proxies' : 'target-http-proxies'} import ${props.proxyName} --global --source=${file}`,
        ],
      }, props.authorizationPolicy, props.authorizationEnforcedBy);
    }
  }
}
