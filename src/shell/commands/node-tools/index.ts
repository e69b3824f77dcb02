/**
 * The commands found on a node's PATH, as `kubearch ssh NODE -- COMMAND` runs them with the node
 * as their host. A node tool the simulator gains (iptables-save once kube-proxy runs) is one
 * more entry here. There is no kubectl: a node has no kubeconfig for it.
 */
import { fail, type Command } from '../../types';
import { crictl } from './crictl';

/** A node tool whose subject is not simulated yet: it answers that, rather than "command not found". */
function awaitingKubeProxy(name: string): Command {
  return () => fail(`kubearch ssh: ${name} on a node is not simulated yet: kube-proxy does not run on the nodes yet`);
}

export const nodeTools: Readonly<Record<string, Command>> = {
  crictl,
  ...Object.fromEntries(['iptables-save', 'iptables', 'ipvsadm', 'ipset', 'conntrack', 'curl'].map((name) => [name, awaitingKubeProxy(name)])),
};
