/**
 * kube-proxy on a worker node as a component (`kube-proxy/<node>`, the kube-proxy DaemonSet's pod
 * there). As kubeadm sets it up, it reads its KubeProxyConfiguration from the mounted `kube-proxy`
 * ConfigMap and authenticates with the projected token of the `kube-system:kube-proxy`
 * ServiceAccount, which `kubeadm:node-proxier` binds to `system:node-proxier`; so it starts once
 * kubeadm's addon phase has written those (KubeProxyAddon), a little after the node boots.
 *
 * The node's netfilter is the node's (the kernel's), not kube-proxy's: the component is handed
 * it, and `kubearch ssh NODE -- iptables-save` reads the same tables.
 *
 * Simplified: the kubelet's projected token is a year-long one minted at start, not an
 * hour-long pod-bound token it refreshes.
 */
import type { Component, ComponentContext } from '../../component';
import type { ServiceAccountTokens } from '../../apiserver/authentication/service-account-token';
import type { KubeProxyAddon } from '../../kubeadm/kube-proxy-addon';
import { KUBE_PROXY_NAMESPACE, KUBE_PROXY_SERVICE_ACCOUNT } from '../../kubeadm/kube-proxy-addon';
import type { Netfilter } from '../netfilter/netfilter';
import { KubeProxy } from './kube-proxy';
import { parseKubeProxyConfiguration } from './kube-proxy-configuration';

/** After the addon is there, how long the pod takes to start (the image is on the node already). */
export const KUBE_PROXY_START_DELAY_MS = 150;
const TOKEN_LIFETIME_SECONDS = 365 * 24 * 3600;
/** labels.NewSelector().Add(noProxyName, noHeadlessEndpoints).String(): requirements sorted by key. */
export const KUBE_PROXY_LABEL_SELECTOR = '!service.kubernetes.io/headless,!service.kubernetes.io/service-proxy-name';

export interface KubeProxyComponent extends Component {
  readonly netfilter: Netfilter;
  /** The running process, once started; undefined before (or when its configuration is invalid). */
  readonly kubeProxy: KubeProxy | undefined;
  /** Why it is not running, when its configuration was refused (kube-proxy exits with this). */
  readonly failure: string | undefined;
}

export interface KubeProxyComponentOptions {
  readonly nodeName: string;
  readonly nodeIP: string;
  readonly netfilter: Netfilter;
  readonly addon: KubeProxyAddon;
  /** The TokenRequest issuer the kubelet asks for the pod's projected token. */
  readonly tokens: Pick<ServiceAccountTokens, 'mint'>;
}

export function kubeProxyComponent(options: KubeProxyComponentOptions): KubeProxyComponent {
  let kubeProxy: KubeProxy | undefined;
  let failure: string | undefined;
  return {
    name: `kube-proxy/${options.nodeName}`,
    kind: 'kube-proxy',
    host: options.nodeName,
    netfilter: options.netfilter,
    get kubeProxy() {
      return kubeProxy;
    },
    get failure() {
      return failure;
    },
    start(ctx: ComponentContext) {
      options.addon.whenReady((inputs) => {
        ctx.engine.schedule(KUBE_PROXY_START_DELAY_MS, `kube-proxy/${options.nodeName}: start`, () => {
          let config;
          try {
            config = parseKubeProxyConfiguration(inputs.configText);
          } catch (e) {
            failure = e instanceof Error ? e.message : String(e);
            return;
          }
          const { token } = options.tokens.mint({
            serviceAccount: { namespace: KUBE_PROXY_NAMESPACE, name: KUBE_PROXY_SERVICE_ACCOUNT, uid: inputs.serviceAccountUid },
            expirationSeconds: TOKEN_LIFETIME_SECONDS,
          });
          const client = ctx.clientAs({ bearerToken: token }, 'kube-proxy');
          // server.go: Services and EndpointSlices without another proxy's name and not headless;
          // the Node informer narrowed to this node.
          const informers = ctx.informersAs(client, { labelSelector: KUBE_PROXY_LABEL_SELECTOR });
          const nodeInformers = ctx.informersAs(client, { fieldSelector: `metadata.name=${options.nodeName}` });
          kubeProxy = new KubeProxy(ctx.engine, informers, nodeInformers, { nodeName: options.nodeName, nodeIP: options.nodeIP, netfilter: options.netfilter, config });
          kubeProxy.start();
        });
      });
    },
  };
}
