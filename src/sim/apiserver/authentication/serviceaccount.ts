/**
 * Service-account user names and groups, as k8s.io/apiserver/pkg/authentication/serviceaccount/util.go
 * makes and parses them: the service account `default/web` is the user
 * `system:serviceaccount:default:web` in the groups `system:serviceaccounts` and
 * `system:serviceaccounts:default`. Used by the token authenticator (who you are), impersonation
 * (Impersonate-User of a service account) and RBAC (ServiceAccount subjects).
 */

export const SERVICE_ACCOUNT_USERNAME_PREFIX = 'system:serviceaccount:';
export const SERVICE_ACCOUNT_USERNAME_SEPARATOR = ':';
export const SERVICE_ACCOUNT_GROUP_PREFIX = 'system:serviceaccounts:';
export const ALL_SERVICE_ACCOUNTS_GROUP = 'system:serviceaccounts';

/** user.Info extra keys the service-account authenticator sets for bound tokens (serviceaccount/util.go). */
export const POD_NAME_KEY = 'authentication.kubernetes.io/pod-name';
export const POD_UID_KEY = 'authentication.kubernetes.io/pod-uid';
export const NODE_NAME_KEY = 'authentication.kubernetes.io/node-name';
export const NODE_UID_KEY = 'authentication.kubernetes.io/node-uid';
export const CREDENTIAL_ID_KEY = 'authentication.kubernetes.io/credential-id';

/** MakeUsername: `system:serviceaccount:<namespace>:<name>`. */
export function serviceAccountUsername(namespace: string, name: string): string {
  return SERVICE_ACCOUNT_USERNAME_PREFIX + namespace + SERVICE_ACCOUNT_USERNAME_SEPARATOR + name;
}

/** MakeNamespaceGroupName: `system:serviceaccounts:<namespace>`. */
export function serviceAccountNamespaceGroup(namespace: string): string {
  return SERVICE_ACCOUNT_GROUP_PREFIX + namespace;
}

/** MakeGroupNames: the groups every service account of a namespace is in. */
export function serviceAccountGroups(namespace: string): string[] {
  return [ALL_SERVICE_ACCOUNTS_GROUP, serviceAccountNamespaceGroup(namespace)];
}

/** MatchesUsername: does `username` name the service account namespace/name (without building the string). */
export function matchesServiceAccountUsername(namespace: string, name: string, username: string): boolean {
  if (!username.startsWith(SERVICE_ACCOUNT_USERNAME_PREFIX)) return false;
  let rest = username.slice(SERVICE_ACCOUNT_USERNAME_PREFIX.length);
  if (!rest.startsWith(namespace)) return false;
  rest = rest.slice(namespace.length);
  if (!rest.startsWith(SERVICE_ACCOUNT_USERNAME_SEPARATOR)) return false;
  return rest.slice(SERVICE_ACCOUNT_USERNAME_SEPARATOR.length) === name;
}

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/**
 * SplitUsername: the namespace and name of a service-account user name, or undefined when the name
 * is not one (upstream returns the error `Username must be in the form system:serviceaccount:namespace:name`).
 * The namespace must be a DNS-1123 label and the name a DNS-1123 subdomain, as upstream validates.
 */
export function splitServiceAccountUsername(username: string): { namespace: string; name: string } | undefined {
  if (!username.startsWith(SERVICE_ACCOUNT_USERNAME_PREFIX)) return undefined;
  const parts = username.slice(SERVICE_ACCOUNT_USERNAME_PREFIX.length).split(SERVICE_ACCOUNT_USERNAME_SEPARATOR);
  if (parts.length !== 2) return undefined;
  const [namespace, name] = parts as [string, string];
  if (namespace.length > 63 || !DNS1123_LABEL.test(namespace)) return undefined;
  if (name.length > 253 || !DNS1123_SUBDOMAIN.test(name)) return undefined;
  return { namespace, name };
}
