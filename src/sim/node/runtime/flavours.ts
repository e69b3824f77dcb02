/**
 * The two container runtimes, where they visibly differ: the version the kubelet puts in node
 * status (`<RuntimeName>://<version>`), what `crictl version` prints, the socket, the pause
 * image each defaults to, and the words of a failed pull. Everything else is the CRI both speak.
 */
import type { ImageRef } from './image-ref';

export type RuntimeFlavourName = 'containerd' | 'cri-o';

export interface RuntimeFlavour {
  readonly name: RuntimeFlavourName;
  /** CRI VersionResponse.RuntimeName. */
  readonly runtimeName: string;
  /** CRI VersionResponse.RuntimeVersion, as `crictl version` prints it. */
  readonly runtimeVersion: string;
  /** status.nodeInfo.containerRuntimeVersion: the kubelet drops the leading `v`. */
  readonly nodeRuntimeVersion: string;
  readonly endpoint: string;
  /** The sandbox (pause) image: containerd 1.7 sandbox_image default, CRI-O pause_image. */
  readonly pauseImage: string;
  /** Prefix of container IDs in pod status: `containerd://<64 hex>`. */
  readonly idScheme: string;
  /** A tag or repository the registry does not have. */
  pullNotFound(image: string, ref: ImageRef): string;
}

export const CONTAINERD: RuntimeFlavour = {
  name: 'containerd',
  runtimeName: 'containerd',
  runtimeVersion: 'v1.7.24',
  nodeRuntimeVersion: 'containerd://1.7.24',
  endpoint: 'unix:///run/containerd/containerd.sock',
  pauseImage: 'registry.k8s.io/pause:3.8',
  idScheme: 'containerd',
  pullNotFound: (_image, ref) => {
    const full = `${ref.repository}:${ref.tag ?? 'latest'}`;
    return `rpc error: code = NotFound desc = failed to pull and unpack image "${full}": failed to resolve reference "${full}": ${full}: not found`;
  },
};

export const CRIO: RuntimeFlavour = {
  name: 'cri-o',
  runtimeName: 'cri-o',
  runtimeVersion: '1.32.1',
  nodeRuntimeVersion: 'cri-o://1.32.1',
  endpoint: 'unix:///var/run/crio/crio.sock',
  pauseImage: 'registry.k8s.io/pause:3.10',
  idScheme: 'cri-o',
  pullNotFound: (_image, ref) =>
    `rpc error: code = Unknown desc = initializing source docker://${ref.repository}:${ref.tag ?? 'latest'}: reading manifest ${ref.tag ?? 'latest'} in ${ref.repository}: manifest unknown`,
};

export function runtimeFlavour(name: RuntimeFlavourName): RuntimeFlavour {
  return name === 'cri-o' ? CRIO : CONTAINERD;
}
