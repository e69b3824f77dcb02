/**
 * The release the simulated cluster is, in one place: kube-apiserver's `/version`, the kubelet's
 * and kube-proxy's nodeInfo, and the components' user agents all report it, as every binary of
 * one real release does.
 */

/** The Kubernetes release (version.Info.gitVersion of every component). */
export const KUBERNETES_VERSION = 'v1.32.4';

/** kube-apiserver's gitVersion (`kubectl version`'s Server Version). */
export const KUBE_APISERVER_VERSION = KUBERNETES_VERSION;

/** The kubelet's (and kube-proxy's) version, in Node status.nodeInfo and user agents. */
export const KUBELET_VERSION = KUBERNETES_VERSION;

/** version.Info.gitCommit: the build fields say the server is simulated rather than invent a commit. */
export const GIT_COMMIT = 'kubearch-simulated';
