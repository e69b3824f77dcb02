/** A NetAccess for the programs' tests: a fixed name table and a fixed outcome per address. */
import type { Delivery } from '../../../network/dataplane';
import type { NetAccess, ProgramIO } from './net-access';

export function fakeNet(names: Record<string, string>, outcomes: Record<string, Delivery>): NetAccess & { readonly asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    nameserver: '10.96.0.10',
    resolve: (name) => {
      if (/^\d+\.\d+\.\d+\.\d+$/.test(name)) return { name, addresses: [name] };
      const a = names[name];
      return a ? { name: `${name}.default.svc.cluster.local`, addresses: [a] } : undefined;
    },
    connect: (address, port, path) => {
      asked.push(`${address}:${port}${path}`);
      return outcomes[`${address}:${port}`] ?? { outcome: 'timeout', hops: [], reason: 'no route' };
    },
  };
}

export function capture(): ProgramIO & { readonly stdout: string[]; readonly stderr: string[]; readonly files: Map<string, string> } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const files = new Map<string, string>();
  return { stdout, stderr, files, out: (l) => stdout.push(l), err: (l) => stderr.push(l), now: () => 5000, writeFile: (f, t) => files.set(f, t) };
}

export const OK = (body: string, status = 200): Delivery => ({ outcome: 'connected', hops: [], endpoint: { address: '10.244.2.2', port: 80, node: 'node-2' }, response: { status, body } });
export const REFUSED: Delivery = { outcome: 'refused', hops: [], endpoint: { address: '10.244.2.2', port: 81, node: 'node-2' } };
export const REJECTED: Delivery = { outcome: 'rejected', hops: [] };
