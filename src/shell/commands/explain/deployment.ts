/**
 * `kubearch explain deployment NAME`: the ReplicaSets a Deployment owns (which is new, which are
 * old, by revision), its rollout bounds (maxSurge / maxUnavailable resolved against the replica
 * count as the deployment controller resolves them), the pods that hold the rollout back and why,
 * and one sentence on what the rollout is waiting for.
 */
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { KubeObject } from '../../../sim/api/kube-object';
import { type ClusterReader, table } from './cluster-reader';
import { isReady, readinessText } from './pod-readiness';

const REVISION = 'deployment.kubernetes.io/revision';

/** intstr.GetScaledValueFromIntOrPercent: a percentage of `total`, rounded up or down. */
function scaled(value: number | string | undefined, fallback: string, total: number, roundUp: boolean): number {
  const v = value ?? fallback;
  if (typeof v === 'number') return v;
  const m = /^(\d+)%$/.exec(v);
  if (!m) return Number(v) || 0;
  const exact = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

function ownedBy(obj: KubeObject, uid: string | undefined): boolean {
  return ((obj.metadata['ownerReferences'] ?? []) as { uid?: string; controller?: boolean }[]).some((r) => r.controller && r.uid === uid);
}

function images(rs: ReplicaSet): string {
  return (rs.spec?.template?.spec?.containers ?? []).map((c) => c.image ?? '').join(',');
}

export function explainDeployment(reader: ClusterReader, namespace: string, name: string): string {
  const obj = reader.get('deployments', namespace, name);
  if (!obj) throw new Error(`deployments.apps "${name}" not found in namespace ${namespace}`);
  const d = obj as unknown as Deployment;
  const replicas = d.spec?.replicas ?? 1;
  const revision = obj.metadata.annotations?.[REVISION] ?? '';
  const s = d.status ?? {};
  const out = [
    `Deployment ${namespace}/${name}: ${replicas} desired, ${s.updatedReplicas ?? 0} updated, ${s.readyReplicas ?? 0} ready, ${s.availableReplicas ?? 0} available${revision ? ` (revision ${revision})` : ''}`,
  ];
  const strategy = d.spec?.strategy?.type ?? 'RollingUpdate';
  let surge = 0;
  let unavailable = 0;
  if (strategy === 'RollingUpdate') {
    surge = scaled(d.spec?.strategy?.rollingUpdate?.maxSurge, '25%', replicas, true);
    unavailable = scaled(d.spec?.strategy?.rollingUpdate?.maxUnavailable, '25%', replicas, false);
    if (surge === 0 && unavailable === 0) unavailable = 1;
    out.push(`Strategy: RollingUpdate, maxSurge ${surge} and maxUnavailable ${unavailable} of ${replicas}: at most ${replicas + surge} pods, at least ${Math.max(0, replicas - unavailable)} available`);
  } else out.push('Strategy: Recreate: every old pod is deleted before the new ReplicaSet is scaled up');
  const owned = reader.list('replicasets', namespace).filter((rs) => ownedBy(rs, obj.metadata.uid));
  owned.sort((a, b) => Number(b.metadata.annotations?.[REVISION] ?? 0) - Number(a.metadata.annotations?.[REVISION] ?? 0));
  const newRS = owned.find((rs) => rs.metadata.annotations?.[REVISION] === revision);
  const rows = owned.map((o) => {
    const rs = o as unknown as ReplicaSet;
    return [o.metadata.name ?? '', o.metadata.annotations?.[REVISION] ?? '', String(rs.spec?.replicas ?? 0), String(rs.status?.replicas ?? 0), String(rs.status?.readyReplicas ?? 0), o === newRS ? 'new' : 'old', images(rs)];
  });
  out.push('ReplicaSets:', ...(rows.length ? table(['NAME', 'REVISION', 'DESIRED', 'CURRENT', 'READY', 'ROLE', 'IMAGES'], rows).map((l) => `  ${l}`) : ['  <none>']));
  const conditions = (s.conditions ?? []).map((c) => `${c.type}=${c.status} (${c.reason ?? ''})`);
  out.push(`Conditions: ${conditions.length ? conditions.join(', ') : '<none>'}`);
  const newPods = newRS ? reader.list('pods', namespace).filter((p) => ownedBy(p, newRS.metadata.uid)) : [];
  const holding = newPods.filter((p) => !isReady(p));
  if (holding.length) out.push('New pods not ready:', ...holding.map((p) => `  ${p.metadata.name ?? ''}: ${readinessText(p)}`));
  out.push('', `Why: ${why(d, obj, replicas, newRS, holding)}`, '');
  return out.join('\n');
}

function why(d: Deployment, obj: KubeObject, replicas: number, newRS: KubeObject | undefined, holding: readonly KubeObject[]): string {
  const s = d.status ?? {};
  const progressing = s.conditions?.find((c) => c.type === 'Progressing');
  const name = obj.metadata.name ?? '';
  if (d.spec?.paused) return `the Deployment is paused: the controller keeps the replica count but rolls out no template change until \`kubectl rollout resume deployment/${name}\`.`;
  if ((s.observedGeneration ?? 0) < ((obj.metadata.generation as number | undefined) ?? 0)) return 'the deployment controller has not yet seen the latest change (status.observedGeneration is behind metadata.generation).';
  const stuck = holding.length ? ` The new pods are held back: ${holding.map((p) => readinessText(p)).filter((v, i, a) => a.indexOf(v) === i).join('; ')}.` : '';
  if (progressing?.reason === 'ProgressDeadlineExceeded') {
    return `the rollout made no progress for progressDeadlineSeconds (${d.spec?.progressDeadlineSeconds ?? 600} s), so the controller marked it failed; it keeps trying, and \`kubectl rollout undo deployment/${name}\` goes back to the previous revision.${stuck}`;
  }
  const updated = s.updatedReplicas ?? 0;
  const available = s.availableReplicas ?? 0;
  const total = s.replicas ?? 0;
  if (updated === replicas && total === replicas && available === replicas) {
    return `the rollout is complete: all ${replicas} replicas run the current template (${newRS?.metadata.name ?? 'the new ReplicaSet'}) and are available.`;
  }
  if (updated < replicas) return `rolling out: ${updated} of ${replicas} replicas run the new template; the controller adds new pods and removes old ones within the bounds above, each step waiting for new pods to become available.${stuck}`;
  if (total > replicas) return `the new ReplicaSet is complete; ${total - replicas} old replica(s) are still terminating.`;
  return `all replicas are updated; ${replicas - available} of them are not available yet (minReadySeconds ${d.spec?.minReadySeconds ?? 0}).${stuck}`;
}
