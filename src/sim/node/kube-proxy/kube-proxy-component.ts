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
 * Restarting it (`restart`, what `kubectl -n kube-system rollout restart daemonset kube-proxy`
 * does on kubeadm: a new pod) stops the process, its informers and its sync loop, and starts a new
 * one with the config.conf it is handed (the ConfigMap as the new pod mounts it). A new mode
 * cleans up the old mode's leftovers first (cleanup.ts), and its first sync is a full one.
 *
 * Simplified: the kubelet's projected token is a year-long one minted at start, not an
 * hour-long pod-bound token it refreshes.
 */
import type { Component, ComponentContext } from '../../component';
import type { ServiceAccountTokens } from '../../apiserver/authentication/service-account-token';
import type { KubeProxyAddon, KubeProxyPodInputs } from '../../kubeadm/kube-proxy-addon';
import { KUBE_PROXY_NAMESPACE, KUBE_PROXY_SERVICE_ACCOUNT } from '../../kubeadm/kube-proxy-addon';
import type { Netfilter } from '../netfilter/netfilter';
import { KubeProxy } from './kube-proxy';
import { parseKubeProxyConfiguration } from './kube-proxy-configuration';
import type { SharedInformerFactory } from '../../client/shared-informer-factory';
import { cleanupLeftovers } from './cleanup';
import type { ProxyMode } from './config';

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
  /**
   * The process exits and a new one starts a moment later with this config.conf. False when
   * there is nothing to restart yet (kubeadm's addon is not written, so it never started).
   */
  restart(configText: string): boolean;
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
  let context: ComponentContext | undefined;
  let pod: KubeProxyPodInputs | undefined;
  let lastMode: ProxyMode | undefined;
  const factories: SharedInformerFactory[] = [];
  /** Bumped by each restart: a start scheduled before it is for a process that no longer exists. */
  let generation = 0;
  const scheduleLaunch = (ctx: ComponentContext, inputs: KubeProxyPodInputs, configText: string): void => {
    const mine = generation;
    ctx.engine.schedule(KUBE_PROXY_START_DELAY_MS, `kube-proxy/${options.nodeName}: start`, () => mine === generation && launch(ctx, inputs, configText));
  };
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
        pod = inputs;
        scheduleLaunch(ctx, inputs, inputs.configText);
      });
      context = ctx;
    },
    restart(configText: string) {
      const ctx = context;
      const inputs = pod;
      if (!ctx || !inputs) return false;
      stopProcess();
      failure = undefined;
      generation++;
      scheduleLaunch(ctx, inputs, configText);
      return true;
    },
  };

  function stopProcess(): void {
    kubeProxy?.stop();
    for (const f of factories.splice(0)) f.stop();
    kubeProxy = undefined;
  }

  function launch(ctx: ComponentContext, inputs: KubeProxyPodInputs, configText: string): void {
    let config;
    try {
      config = parseKubeProxyConfiguration(configText);
    } catch (e) {
      failure = e instanceof Error ? e.message : String(e);
      return;
    }
    // A node that ran another mode keeps that mode's rules until the new one removes them.
    if (lastMode !== undefined && lastMode !== config.mode) cleanupLeftovers(options.netfilter, lastMode);
    lastMode = config.mode;
    const { token } = options.tokens.mint({
      serviceAccount: { namespace: KUBE_PROXY_NAMESPACE, name: KUBE_PROXY_SERVICE_ACCOUNT, uid: inputs.serviceAccountUid },
      expirationSeconds: TOKEN_LIFETIME_SECONDS,
    });
    const client = ctx.clientAs({ bearerToken: token }, 'kube-proxy');
    // server.go: Services and EndpointSlices without another proxy's name and not headless;
    // the Node informer narrowed to this node.
    const informers = ctx.informersAs(client, { labelSelector: KUBE_PROXY_LABEL_SELECTOR });
    const nodeInformers = ctx.informersAs(client, { fieldSelector: `metadata.name=${options.nodeName}` });
    factories.push(informers, nodeInformers);
    kubeProxy = new KubeProxy(ctx.engine, informers, nodeInformers, { nodeName: options.nodeName, nodeIP: options.nodeIP, netfilter: options.netfilter, config });
    kubeProxy.start();
  }
}
