/**
 * How `kubearch explain` reads the cluster: GETs and LISTs through kube-apiserver as the current
 * kubeconfig user, as kubectl would (so they show in the requests panel, and RBAC applies), from
 * the operator's machine only.
 */
import type { KubeObject } from '../../../sim/api/kube-object';
import { findResource } from '../../../sim/api/resources';
import { resourcePath } from '../../../sim/client/resource-path';
import type { CommandContext } from '../../types';
import { requestSync } from '../kubectl/request-sync';

export interface ClusterReader {
  /** The object, undefined when it does not exist; throws ReadError on any other failure. */
  get(resource: string, namespace: string | undefined, name: string): KubeObject | undefined;
  list(resource: string, namespace: string | undefined, labelSelector?: string): KubeObject[];
}

export class ReadError extends Error {}

export function clusterReader(ctx: CommandContext): ClusterReader | string {
  const host = ctx.host;
  if (host.kind !== 'operator') return 'run it on the operator machine (it reads through kube-apiserver with your kubeconfig)';
  const context = host.kubeconfig.context();
  const client = context ? host.apiserver.clientFor(context.user) : undefined;
  if (!context || !client) return 'the kubeconfig has no usable user';
  const send = (resource: string, namespace: string | undefined, name?: string, labelSelector?: string) => {
    const info = findResource(resource);
    if (!info) throw new ReadError(`${resource} are not served`);
    const path = resourcePath(info, { namespace: info.namespaced ? namespace : undefined, name, ...(labelSelector !== undefined ? { query: { labelSelector } } : {}) });
    return requestSync(ctx.clock, client, 'GET', path);
  };
  return {
    get(resource, namespace, name) {
      const r = send(resource, namespace, name);
      if (r.code === 404) return undefined;
      if (r.code !== 200) throw new ReadError(`reading ${resource} ${name}: ${(r.body as { message?: string }).message ?? r.code}`);
      return r.body as KubeObject;
    },
    list(resource, namespace, labelSelector) {
      const r = send(resource, namespace, undefined, labelSelector);
      if (r.code !== 200) throw new ReadError(`listing ${resource}: ${(r.body as { message?: string }).message ?? r.code}`);
      return (r.body as { items?: KubeObject[] }).items ?? [];
    },
  };
}

/** A small aligned table, columns separated by three spaces, as the other explain views print. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd((widths[i] ?? 0) + 3))).join('').trimEnd();
  return [line(header), ...rows.map(line)];
}
