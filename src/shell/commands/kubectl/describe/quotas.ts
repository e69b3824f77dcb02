/**
 * kubectl describe's LimitRange and ResourceQuota describers (describe.go release 1.32:
 * describeLimitRange, describeQuota) and the two tables `describe namespace` prints with them
 * (DescribeLimitRanges, DescribeResourceQuotas). kubectl walks the resource names of a Go map,
 * in an order that changes from run to run; here they are sorted, which is one of those orders.
 */
import type { LimitRange, LimitRangeSpec, ResourceQuota } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../../../sim/api/kube-object';
import { DescribeWriter, LEVEL_0, LEVEL_1 } from '../printers/describe-writer';
import { canonicalQuantity } from '../printers/quantity';
import { byteOrder } from '../printers/labels';

/** helpTextForResourceQuotaScope */
function scopeHelp(scope: string): string {
  switch (scope) {
    case 'Terminating':
      return 'Matches all pods that have an active deadline. These pods have a limited lifespan on a node before being actively terminated by the system.';
    case 'NotTerminating':
      return 'Matches all pods that do not have an active deadline. These pods usually include long running pods whose container command is not expected to terminate.';
    case 'BestEffort':
      return 'Matches all pods that do not have resource requirements set. These pods have a best effort quality of service.';
    case 'NotBestEffort':
      return 'Matches all pods that have at least one resource requirement set. These pods have a burstable or guaranteed quality of service.';
    default:
      return '';
  }
}

/** describeLimitRangeSpec: one row per limit type and resource, `-` where the item sets nothing. */
function describeLimitRangeSpec(w: DescribeWriter, spec: LimitRangeSpec | undefined, prefix: string): void {
  for (const item of spec?.limits ?? []) {
    const maps = [item.min, item.max, item.defaultRequest, item.default, item.maxLimitRequestRatio];
    const names = new Set(maps.flatMap((m) => Object.keys(m ?? {})));
    for (const r of [...names].sort(byteOrder)) {
      const cells = maps.map((m) => (m?.[r] !== undefined ? canonicalQuantity(String(m[r])) : '-'));
      w.write(LEVEL_0, `${prefix}${item.type}\t${r}\t${cells.join('\t')}\n`);
    }
  }
}

/** DescribeLimitRanges, as `describe namespace` prints it. */
export function describeLimitRanges(w: DescribeWriter, limitRanges: readonly KubeObject[]): void {
  if (limitRanges.length === 0) {
    w.write(LEVEL_0, 'No LimitRange resource.\n');
    return;
  }
  w.write(LEVEL_0, 'Resource Limits\n Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n');
  w.write(LEVEL_0, ' ----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n');
  for (const l of limitRanges) describeLimitRangeSpec(w, (l as unknown as LimitRange).spec, ' ');
}

function writeScopes(w: DescribeWriter, level: number, quota: ResourceQuota, bullet: string): void {
  const scopes = [...(quota.spec?.scopes ?? [])].sort(byteOrder);
  if (scopes.length === 0) return;
  w.write(level, `Scopes:\t${scopes.join(', ')}\n`);
  for (const scope of scopes) {
    const help = scopeHelp(scope);
    if (help) w.write(level, `${bullet}* ${help}\n`);
  }
}

const resourceNames = (quota: ResourceQuota) => Object.keys(quota.status?.hard ?? {}).sort(byteOrder);
const used = (quota: ResourceQuota, r: string) => canonicalQuantity(String(quota.status?.used?.[r] ?? '0'));
const hard = (quota: ResourceQuota, r: string) => canonicalQuantity(String(quota.status?.hard?.[r]));

/** DescribeResourceQuotas, as `describe namespace` prints it (quotas by name). */
export function describeResourceQuotas(w: DescribeWriter, quotas: readonly KubeObject[]): void {
  if (quotas.length === 0) {
    w.write(LEVEL_0, 'No resource quota.\n');
    return;
  }
  w.write(LEVEL_0, 'Resource Quotas\n');
  for (const q of [...quotas].sort((a, b) => byteOrder(a.metadata.name ?? '', b.metadata.name ?? ''))) {
    const quota = q as unknown as ResourceQuota;
    w.write(LEVEL_1, `Name:\t${q.metadata.name ?? ''}\n`);
    writeScopes(w, LEVEL_1, quota, '');
    w.write(LEVEL_1, 'Resource\tUsed\tHard\n');
    w.write(LEVEL_1, '--------\t---\t---\n');
    for (const r of resourceNames(quota)) w.write(LEVEL_1, `${r}\t${used(quota, r)}\t${hard(quota, r)}\n`);
  }
}

/** LimitRangeDescriber: no labels, annotations or events, only the table. */
export function describeLimitRange(obj: KubeObject): string {
  const w = new DescribeWriter();
  w.write(LEVEL_0, `Name:\t${obj.metadata.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${obj.metadata.namespace ?? ''}\n`);
  w.write(LEVEL_0, 'Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n');
  w.write(LEVEL_0, '----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n');
  describeLimitRangeSpec(w, (obj as unknown as LimitRange).spec, '');
  return w.text();
}

/** ResourceQuotaDescriber (describeQuota). */
export function describeQuota(obj: KubeObject): string {
  const quota = obj as unknown as ResourceQuota;
  const w = new DescribeWriter();
  w.write(LEVEL_0, `Name:\t${obj.metadata.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${obj.metadata.namespace ?? ''}\n`);
  writeScopes(w, LEVEL_0, quota, ' ');
  w.write(LEVEL_0, 'Resource\tUsed\tHard\n');
  w.write(LEVEL_0, '--------\t----\t----\n');
  for (const r of resourceNames(quota)) w.write(LEVEL_0, `${r}\t${used(quota, r)}\t${hard(quota, r)}\n`);
  return w.text();
}
