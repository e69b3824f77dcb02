/**
 * `kubeadm init`'s addon phase as a component: once kube-apiserver answers, it writes the
 * kube-proxy addon (ServiceAccount, RBAC, ConfigMap) with admin.conf's credentials
 * (`kubernetes-admin`), each object created or, when it exists already, read back; a failed
 * write is tried again a second later, as kubeadm's apiclient retries. Then it publishes what the
 * kube-proxy pods get mounted.
 */
import type { Component, ComponentContext } from '../component';
import type { KubeObject } from '../api/kube-object';
import { resourceForKind } from '../api/resources';
import { resourcePath } from '../client/resource-path';
import { isSuccess } from '../client/sync';
import { KUBECONFIG_USERS, ADMIN_USERNAME, credentialsOf } from '../apiserver/authentication/kubeconfig-users';
import { KUBE_PROXY_CONFIGMAP, KubeProxyAddon, kubeProxyAddonObjects } from './kube-proxy-addon';

/** When kubeadm's addon phase runs: after the control plane is healthy (upload-config, then addons). */
export const KUBEADM_ADDONS_MS = 600;
const RETRY_MS = 1_000;

export interface KubeadmComponent extends Component {
  readonly kubeProxyAddon: KubeProxyAddon;
}

export function kubeadmComponent(clusterCIDR?: string): KubeadmComponent {
  const addon = new KubeProxyAddon();
  const admin = KUBECONFIG_USERS.find((u) => u.name === ADMIN_USERNAME);
  return {
    name: 'kubeadm',
    kind: 'kubeadm',
    host: 'control-plane',
    agent: 'kubeadm',
    ...(admin ? { credentials: credentialsOf(admin) } : {}),
    kubeProxyAddon: addon,
    start(ctx: ComponentContext) {
      const objects = kubeProxyAddonObjects(clusterCIDR);
      const written: KubeObject[] = [];
      const write = (i: number): void => {
        const object = objects[i];
        if (!object) return finish();
        const info = resourceForKind(object.apiVersion, object.kind);
        if (!info) throw new Error(`kubeadm: no resource serves ${object.kind}`);
        const namespace = object.metadata.namespace;
        const retry = () => ctx.engine.schedule(RETRY_MS, `kubeadm: retry ${info.resource} ${object.metadata.name ?? ''}`, () => write(i));
        ctx.client.request('POST', resourcePath(info, { namespace }), { body: object }, (created) => {
          if (isSuccess(created)) {
            written[i] = created.body as KubeObject;
            return write(i + 1);
          }
          if (created.code !== 409) return retry();
          ctx.client.request('GET', resourcePath(info, { namespace, name: object.metadata.name ?? '' }), {}, (got) => {
            if (!isSuccess(got)) return retry();
            written[i] = got.body as KubeObject;
            write(i + 1);
          });
        });
      };
      const finish = () => {
        const account = written.find((o) => o.kind === 'ServiceAccount');
        const configMap = written.find((o) => o.kind === 'ConfigMap' && o.metadata.name === KUBE_PROXY_CONFIGMAP);
        const data = (configMap?.['data'] ?? {}) as Record<string, string>;
        addon.publish({ serviceAccountUid: account?.metadata.uid ?? '', configText: data['config.conf'] ?? '' });
      };
      ctx.engine.schedule(KUBEADM_ADDONS_MS, 'kubeadm: addon phase (kube-proxy)', () => write(0));
    },
  };
}
