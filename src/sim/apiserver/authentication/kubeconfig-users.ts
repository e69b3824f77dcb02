/**
 * The users of the simulator's kubeconfig (`kubectl config get-users`, `kubectl --user`): the
 * cluster admin as kubeadm's admin.conf sets it up (client certificate `CN=kubernetes-admin,
 * O=system:masters`), and the lab users alice and bob, who authenticate with bearer tokens from
 * the apiserver's static token file and belong to no group beyond `system:authenticated`, so
 * they can do nothing until a lab binds them a role. The admin has a token-file line too, because
 * the shell's kubectl sends every user's bearer token (the tokens are short so labs can type them).
 *
 * Data only: the cluster assembly signs the admin certificate with its CA and loads the token
 * file entries into the token-file authenticator; the shell looks users up by name.
 *
 * (kubeadm ≥ 1.29 puts admin.conf in `kubeadm:cluster-admins` and keeps `system:masters` for
 * super-admin.conf; the simulator keeps the older, better-known setup.)
 */
import { SYSTEM_MASTERS } from '../request-types';
import type { ClientCertificate, Credentials } from './authenticator';
import type { StaticTokenEntry } from './token-file';

export interface KubeconfigUser {
  /** users[].name in the kubeconfig: what `kubectl --user` selects. */
  readonly name: string;
  /** The user name the apiserver authenticates these credentials as. */
  readonly username: string;
  readonly uid: string;
  /** Groups the credential carries (system:authenticated is added by the apiserver, not listed here). */
  readonly groups: readonly string[];
  /** The user's line in the apiserver's `--token-auth-file`. */
  readonly token: string;
  /** Set when the kubeconfig uses a client certificate instead of the token (admin.conf). */
  readonly clientCertificate?: ClientCertificate;
}

export const ADMIN_USERNAME = 'kubernetes-admin';

export const KUBECONFIG_USERS: readonly KubeconfigUser[] = [
  {
    name: ADMIN_USERNAME,
    username: ADMIN_USERNAME,
    uid: '1000',
    groups: [SYSTEM_MASTERS],
    token: 'admin-token',
    clientCertificate: { commonName: ADMIN_USERNAME, organizations: [SYSTEM_MASTERS] },
  },
  { name: 'alice', username: 'alice', uid: '1001', groups: [], token: 'alice-token' },
  { name: 'bob', username: 'bob', uid: '1002', groups: [], token: 'bob-token' },
];

export function kubeconfigUser(name: string): KubeconfigUser | undefined {
  return KUBECONFIG_USERS.find((u) => u.name === name);
}

/** What kubectl sends for this user: the client certificate when the kubeconfig has one, else the token. */
export function credentialsOf(user: KubeconfigUser): Credentials {
  return user.clientCertificate ? { clientCertificate: user.clientCertificate } : { bearerToken: user.token };
}

/** The rows of the apiserver's static token file for these users. */
export function kubeconfigTokenFileEntries(users: readonly KubeconfigUser[] = KUBECONFIG_USERS): StaticTokenEntry[] {
  return users.map((u) => ({ token: u.token, user: u.username, uid: u.uid, groups: u.groups }));
}
