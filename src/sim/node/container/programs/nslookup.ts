/**
 * The nslookup of an old busybox (1.2x, as in radial/busyboxplus, which the kubernetes.io pages
 * use): numbered addresses, the name as asked.
 */
export const legacyNslookup: NetworkProgram = (args, io, net) => {
  const [name, server = net.nameserver] = args.filter((a) => !a.startsWith('-'));
  if (name === undefined || server === undefined) {
    const text = name === undefined ? 'BusyBox v1.22.1 (2014-09-13 22:56:08 UTC) multi-call binary.\n\nUsage: nslookup [HOST] [SERVER]\n\nQuery the nameserver for the IP address of the given HOST\noptionally using a specified DNS server' : `nslookup: can't resolve '${name}'`;
    for (const l of text.split('\n')) io.err(l);
    return { status: 1, waitedMs: 0 };
  }
  io.out(`Server:    ${server}`);
  io.out(`Address 1: ${server}`);
  io.out('');
  const answer = net.resolve(name);
  if (!answer) {
    io.err(`nslookup: can't resolve '${name}'`);
    return { status: 1, waitedMs: 0 };
  }
  io.out(`Name:      ${name}`);
  answer.addresses.forEach((a, i) => io.out(`Address ${i + 1}: ${a}`));
  return { status: 0, waitedMs: 0 };
};

/**
 * busybox nslookup (1.36): `nslookup NAME [SERVER]`, asking the pod's nameserver (resolv.conf's,
 * the cluster DNS Service address) with the search list applied. It prints the server, then the
 * answer's name and each address, or `** server can't find NAME: NXDOMAIN` and exits 1.
 */
import type { NetworkProgram } from './net-access';

export const nslookup: NetworkProgram = (args, io, net) => {
  const names = args.filter((a) => !a.startsWith('-'));
  const [name, server = net.nameserver] = names;
  if (name === undefined) {
    for (const l of 'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n\nQuery DNS about HOST'.split('\n')) io.err(l);
    return { status: 1, waitedMs: 0 };
  }
  if (server === undefined) {
    io.err(`nslookup: can't resolve '${name}'`);
    return { status: 1, waitedMs: 0 };
  }
  io.out(`Server:\t\t${server}`);
  io.out(`Address:\t${server}:53`);
  io.out('');
  const answer = net.resolve(name);
  if (!answer) {
    io.out(`** server can't find ${name}: NXDOMAIN`);
    io.out('');
    return { status: 1, waitedMs: 0 };
  }
  io.out(`Name:\t${answer.name}`);
  for (const a of answer.addresses) io.out(`Address: ${a}`);
  io.out('');
  return { status: 0, waitedMs: 0 };
};
