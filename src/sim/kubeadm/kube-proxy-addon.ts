/**
 * kubeadm's kube-proxy addon (cmd/kubeadm/app/phases/addons/proxy/proxy.go and manifests.go):
 * the objects `kubeadm init` writes for kube-proxy with admin.conf: the `kube-proxy`
 * ServiceAccount in kube-system, the ClusterRoleBinding `kubeadm:node-proxier` giving it
 * `system:node-proxier`, the Role and RoleBinding `kube-proxy` that let joining nodes read the
 * ConfigMap, and the ConfigMap `kube-proxy` itself (`config.conf`, `kubeconfig.conf`).
 *
 * Not written: the `kube-proxy` DaemonSet. Its pods are what kube-proxy/<node> stands for; the
 * DaemonSet controller would make them and the kubelets run them as containers beside the
 * simulated processes, a second kube-proxy on each node. What the kubelet gives that pod (the ConfigMap mounted at /var/lib/kube-proxy and
 * the ServiceAccount's projected token) is handed over through `KubeProxyAddon` instead.
 */
import type { KubeObject } from '../api/kube-object';
import { APISERVER_ADDRESS, APISERVER_PORT } from '../apiserver/bootstrap/post-start-hooks';
import { DEFAULT_CLUSTER_CIDR, kubeadmKubeProxyConfigText, kubeadmKubeProxyKubeconfigText } from '../node/kube-proxy/kube-proxy-configuration';

export const KUBE_PROXY_NAMESPACE = 'kube-system';
export const KUBE_PROXY_SERVICE_ACCOUNT = 'kube-proxy';
export const KUBE_PROXY_CONFIGMAP = 'kube-proxy';

/** The objects, in the order kubeadm creates them (ServiceAccount and RBAC first, then the ConfigMap). */
export function kubeProxyAddonObjects(clusterCIDR = DEFAULT_CLUSTER_CIDR): KubeObject[] {
  return [
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: KUBE_PROXY_SERVICE_ACCOUNT, namespace: KUBE_PROXY_NAMESPACE } },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: 'kubeadm:node-proxier' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'system:node-proxier' },
      subjects: [{ kind: 'ServiceAccount', name: KUBE_PROXY_SERVICE_ACCOUNT, namespace: KUBE_PROXY_NAMESPACE }],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: { name: 'kube-proxy', namespace: KUBE_PROXY_NAMESPACE },
      rules: [{ apiGroups: [''], resources: ['configmaps'], resourceNames: [KUBE_PROXY_CONFIGMAP], verbs: ['get'] }],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'kube-proxy', namespace: KUBE_PROXY_NAMESPACE },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'kube-proxy' },
      subjects: [{ kind: 'Group', name: 'system:bootstrappers:kubeadm:default-node-token' }],
    },
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: KUBE_PROXY_CONFIGMAP, namespace: KUBE_PROXY_NAMESPACE, labels: { app: 'kube-proxy' } },
      data: {
        'config.conf': kubeadmKubeProxyConfigText(clusterCIDR),
        'kubeconfig.conf': kubeadmKubeProxyKubeconfigText(`https://${APISERVER_ADDRESS}:${APISERVER_PORT}`),
      },
    },
  ];
}

/** What the kubelet hands each kube-proxy pod once kubeadm has written the addon. */
export interface KubeProxyPodInputs {
  /** The ServiceAccount's uid, for the projected token the kubelet asks TokenRequest for. */
  readonly serviceAccountUid: string;
  /** The ConfigMap's `config.conf`, as mounted at /var/lib/kube-proxy/config.conf. */
  readonly configText: string;
}

/** The hand-over between kubeadm's addon phase and the kube-proxy processes (see the header). */
export class KubeProxyAddon {
  private inputs: KubeProxyPodInputs | undefined;
  private readonly waiting: ((inputs: KubeProxyPodInputs) => void)[] = [];

  publish(inputs: KubeProxyPodInputs): void {
    this.inputs = inputs;
    for (const w of this.waiting.splice(0)) w(inputs);
  }

  /** Calls back once the addon is written (at once if it is). */
  whenReady(callback: (inputs: KubeProxyPodInputs) => void): void {
    if (this.inputs) callback(this.inputs);
    else this.waiting.push(callback);
  }
}
