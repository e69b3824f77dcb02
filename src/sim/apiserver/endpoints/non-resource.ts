/**
 * The paths kube-apiserver serves outside the resource API: the version (`kubectl version`),
 * the health checks (`kubectl get --raw /healthz`), and discovery of the API groups. Everything
 * else outside /api and /apis is a 404.
 */
import { OTHER_VERSIONS, RESOURCES } from '../../api/resources';
import { GIT_COMMIT, KUBE_APISERVER_VERSION } from '../../api/versions';

export interface NonResourceResponse {
  readonly code: number;
  readonly body: unknown;
}

/** version.Info of the simulated server; the build fields say it is simulated rather than invent a commit. */
function versionInfo(): object {
  const [major, minor] = KUBE_APISERVER_VERSION.replace(/^v/, '').split('.');
  return {
    major,
    minor,
    gitVersion: KUBE_APISERVER_VERSION,
    gitCommit: GIT_COMMIT,
    gitTreeState: 'clean',
    buildDate: '1970-01-01T00:00:00Z',
    goVersion: 'simulated',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}

function groupVersions(): object[] {
  const groups = new Map<string, string>();
  for (const r of RESOURCES) if (r.group) groups.set(r.group, r.version);
  // The preferred version first, then the others the group serves (autoscaling: v2, v1).
  const others = (name: string) => [...new Set(OTHER_VERSIONS.filter((r) => r.group === name).map((r) => r.version))];
  return [...groups].map(([name, version]) => ({
    name,
    versions: [version, ...others(name)].map((v) => ({ groupVersion: `${name}/${v}`, version: v })),
    preferredVersion: { groupVersion: `${name}/${version}`, version },
  }));
}

export function nonResourceResponse(method: string, path: string): NonResourceResponse | undefined {
  if (method !== 'GET') return undefined;
  switch (path) {
    case '/version':
      return { code: 200, body: versionInfo() };
    case '/healthz':
    case '/livez':
    case '/readyz':
      return { code: 200, body: 'ok' };
    case '/api':
      return { code: 200, body: { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '10.0.0.2:6443' }] } };
    case '/apis':
      return { code: 200, body: { kind: 'APIGroupList', apiVersion: 'v1', groups: groupVersions() } };
    default:
      return undefined;
  }
}
