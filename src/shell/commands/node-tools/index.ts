/**
 * The commands found on a node's PATH, as `kubearch ssh NODE -- COMMAND` runs them with the node
 * as their host. A node tool the simulator gains (iptables-save once kube-proxy runs) is one
 * more entry here. There is no kubectl: a node has no kubeconfig for it.
 */
import type { Command } from '../../types';
import { crictl } from './crictl';
import { curlCommand } from './curl';
import { conntrackCommand, ipsetCommand, iptablesCommand, iptablesSaveCommand, ipvsadmCommand } from './netfilter-tools';

export const nodeTools: Readonly<Record<string, Command>> = {
  crictl,
  'iptables-save': iptablesSaveCommand,
  iptables: iptablesCommand,
  ipvsadm: ipvsadmCommand,
  ipset: ipsetCommand,
  conntrack: conntrackCommand,
  curl: curlCommand,
};
