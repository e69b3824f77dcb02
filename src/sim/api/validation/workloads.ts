/**
 * Workload validation (pkg/apis/apps/validation and pkg/apis/batch/validation): Deployments,
 * ReplicaSets, StatefulSets, DaemonSets and Jobs. A selector is required and must not be empty,
 * must select the template's labels (`spec.template.metadata.labels: Invalid value:
 * map[string]string{...}: `selector` does not match template `labels``), replicas ≥ 0, the
 * template is a valid pod template with the restartPolicy the controller supports, and the
 * selector is immutable in apps/v1.
 */
import { FieldPath, forbidden, goLiteral, goQuote, goStringMap, invalid, notSupported, required, type FieldError } from '../field-errors';
import type { KubeObject } from '../kube-object';
import { goLabelSelector, labelSelectorAsSelector, validateLabelSelector, type LabelSelector } from '../labels/label-selector';
import { nameIsDNSLabel, nameIsDNSSubdomain } from './name-rules';
import { deepEqual, validateAnnotations, validateImmutableField, validateLabels, validateNonnegative, validateObjectMeta, validateObjectMetaUpdate } from './object-meta';
import { validatePodTemplateSpec } from './pod';
import { isObject, num, obj, str, strMap, type JsonObject } from './json-access';

type Kind = 'Deployment' | 'ReplicaSet' | 'StatefulSet' | 'DaemonSet' | 'Job';

const specPath = FieldPath.root('spec');

/** fmt's %#v of an intstr.IntOrString (its String method has a pointer receiver, so fmt does not use it). */
function goIntOrString(v: unknown): ReturnType<typeof goLiteral> {
  return typeof v === 'string'
    ? goLiteral(`intstr.IntOrString{Type:1, IntVal:0, StrVal:${goQuote(v)}}`)
    : goLiteral(`intstr.IntOrString{Type:0, IntVal:${typeof v === 'number' ? v : 0}, StrVal:""}`);
}

/** ValidatePositiveIntOrPercent. */
function validatePositiveIntOrPercent(v: unknown, path: FieldPath): FieldError[] {
  if (typeof v === 'string') {
    return /^[0-9]+%$/.test(v)
      ? []
      : [invalid(path, goIntOrString(v), "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%' or '93%', regex used for validation is '[0-9]+%')")];
  }
  if (typeof v === 'number') return validateNonnegative(v, path);
  return [];
}

const intOrPercentValue = (v: unknown): number => (typeof v === 'number' ? v : typeof v === 'string' ? parseInt(v, 10) || 0 : 0);

function validateDeploymentStrategy(strategy: JsonObject, path: FieldPath): FieldError[] {
  const type = str(strategy['type']);
  const rolling = strategy['rollingUpdate'];
  if (type === 'Recreate') {
    return rolling !== undefined && rolling !== null ? [forbidden(path.child('rollingUpdate'), "may not be specified when strategy `type` is 'Recreate'")] : [];
  }
  if (type === 'RollingUpdate') {
    if (!isObject(rolling)) return [required(path.child('rollingUpdate'), 'this should be defaulted and never be nil')];
    const rp = path.child('rollingUpdate');
    const errs = [...validatePositiveIntOrPercent(rolling['maxUnavailable'], rp.child('maxUnavailable')), ...validatePositiveIntOrPercent(rolling['maxSurge'], rp.child('maxSurge'))];
    if (intOrPercentValue(rolling['maxUnavailable']) === 0 && intOrPercentValue(rolling['maxSurge']) === 0) {
      errs.push(invalid(rp.child('maxUnavailable'), goIntOrString(rolling['maxUnavailable']), 'may not be 0 when `maxSurge` is 0'));
    }
    const mu = rolling['maxUnavailable'];
    if (typeof mu === 'string' && /^[0-9]+%$/.test(mu) && parseInt(mu, 10) > 100) errs.push(invalid(rp.child('maxUnavailable'), goIntOrString(mu), 'must not be greater than 100%'));
    return errs;
  }
  return [notSupported(path.child('type'), type, ['Recreate', 'RollingUpdate'])];
}

/** The `selector` is required and must not be empty (Deployment, ReplicaSet, StatefulSet). */
function validateRequiredSelector(kind: Kind, ps: LabelSelector | undefined): FieldError[] {
  if (!ps) return [required(specPath.child('selector'))];
  const errs = validateLabelSelector(ps, specPath.child('selector'));
  if (Object.keys(ps.matchLabels ?? {}).length + (ps.matchExpressions ?? []).length === 0) {
    errs.push(invalid(specPath.child('selector'), goLabelSelector(ps), `empty selector is invalid for ${kind === 'ReplicaSet' ? 'deployment' : kind.toLowerCase()}`));
  }
  return errs;
}

/** LabelSelectorAsSelector; a nil selector selects nothing, which no template labels match. */
function selectorOf(ps: LabelSelector | undefined): { matches: (labels: Record<string, string>) => boolean; empty: boolean } | undefined {
  try {
    const sel = labelSelectorAsSelector(ps);
    return sel ? { matches: (l) => sel.matches(l), empty: sel.empty() } : { matches: () => false, empty: false };
  } catch {
    return undefined;
  }
}

function templateLabelsMismatch(template: JsonObject, ps: LabelSelector | undefined): FieldError[] {
  const sel = selectorOf(ps);
  const labels = strMap(obj(template['metadata'])['labels']);
  if (!sel || sel.empty || sel.matches(labels ?? {})) return [];
  return [invalid(specPath.child('template', 'metadata', 'labels'), goStringMap(labels), '`selector` does not match template `labels`')];
}

/** The restartPolicy and activeDeadlineSeconds checks every controller but Job makes on its template. */
function validateTemplateRestart(kind: Kind, template: JsonObject): FieldError[] {
  const errs: FieldError[] = [];
  const templatePath = specPath.child('template');
  const podSpec = obj(template['spec']);
  const restartPolicy = str(podSpec['restartPolicy']);
  if (kind === 'Job') {
    if (restartPolicy === 'Always' || restartPolicy === '') {
      errs.push(required(templatePath.child('spec', 'restartPolicy'), 'valid values: "OnFailure", "Never"'));
    } else if (restartPolicy !== 'OnFailure' && restartPolicy !== 'Never') {
      errs.push(notSupported(templatePath.child('spec', 'restartPolicy'), restartPolicy, ['OnFailure', 'Never']));
    }
    return errs;
  }
  if (restartPolicy !== 'Always') errs.push(notSupported(templatePath.child('spec', 'restartPolicy'), restartPolicy, ['Always']));
  const ads = podSpec['activeDeadlineSeconds'];
  if (ads !== undefined && ads !== null) {
    errs.push(
      kind === 'StatefulSet' || kind === 'DaemonSet'
        ? forbidden(templatePath.child('spec', 'activeDeadlineSeconds'), `activeDeadlineSeconds in ${kind} is not Supported`)
        : invalid(templatePath.child('spec', 'activeDeadlineSeconds'), ads, 'activeDeadlineSeconds in ReplicaSet is not Supported'),
    );
  }
  return errs;
}

/** ValidatePodTemplateSpecForReplicaSet (Deployments and ReplicaSets). */
function validateTemplateForReplicaSet(kind: Kind, template: JsonObject, ps: LabelSelector | undefined): FieldError[] {
  return [...templateLabelsMismatch(template, ps), ...validatePodTemplateSpec(template, specPath.child('template')), ...validateTemplateRestart(kind, template)];
}

function validateDaemonSetUpdateStrategy(strategy: JsonObject, path: FieldPath): FieldError[] {
  const type = str(strategy['type']);
  if (type === 'OnDelete') return [];
  if (type !== 'RollingUpdate') return [notSupported(path, goLiteral(`apps.DaemonSetUpdateStrategy{Type:${goQuote(type)}}`), ['RollingUpdate', 'OnDelete'])];
  const ru = strategy['rollingUpdate'];
  if (!isObject(ru)) return [required(path.child('rollingUpdate'))];
  const rp = path.child('rollingUpdate');
  const errs = [...validatePositiveIntOrPercent(ru['maxUnavailable'], rp.child('maxUnavailable')), ...validatePositiveIntOrPercent(ru['maxSurge'], rp.child('maxSurge'))];
  for (const f of ['maxUnavailable', 'maxSurge']) {
    const v = ru[f];
    if (typeof v === 'string' && /^[0-9]+%$/.test(v) && parseInt(v, 10) > 100) errs.push(invalid(rp.child(f), goIntOrString(v), 'must not be greater than 100%'));
  }
  const hasUnavailable = intOrPercentValue(ru['maxUnavailable']) !== 0;
  const hasSurge = intOrPercentValue(ru['maxSurge']) !== 0;
  if (hasUnavailable && hasSurge) errs.push(invalid(rp.child('maxSurge'), goIntOrString(ru['maxSurge']), 'may not be set when maxUnavailable is non-zero'));
  else if (!hasUnavailable && !hasSurge) errs.push(required(rp.child('maxUnavailable'), 'cannot be 0 when maxSurge is 0'));
  return errs;
}

/** Each kind's Validate<Kind>Spec, in upstream's order of checks. */
function validateSpec(kind: Kind, spec: JsonObject): FieldError[] {
  const errs: FieldError[] = [];
  const ps = isObject(spec['selector']) ? (spec['selector'] as LabelSelector) : undefined;
  const template = obj(spec['template']);
  const nonneg = (f: string): void => void errs.push(...validateNonnegative(num(spec[f]), specPath.child(f)));
  switch (kind) {
    case 'Deployment': {
      nonneg('replicas');
      errs.push(...validateRequiredSelector(kind, ps));
      if (selectorOf(ps)) errs.push(...validateTemplateForReplicaSet(kind, template, ps));
      else errs.push(invalid(specPath.child('selector'), goLabelSelector(ps), 'invalid label selector'));
      errs.push(...validateDeploymentStrategy(obj(spec['strategy']), specPath.child('strategy')));
      nonneg('minReadySeconds');
      nonneg('revisionHistoryLimit');
      const pds = num(spec['progressDeadlineSeconds']);
      if (pds !== undefined) {
        nonneg('progressDeadlineSeconds');
        if (pds <= (num(spec['minReadySeconds']) ?? 0)) errs.push(invalid(specPath.child('progressDeadlineSeconds'), pds, 'must be greater than minReadySeconds'));
      }
      return errs;
    }
    case 'ReplicaSet':
      nonneg('replicas');
      nonneg('minReadySeconds');
      errs.push(...validateRequiredSelector(kind, ps));
      if (selectorOf(ps)) errs.push(...validateTemplateForReplicaSet(kind, template, ps));
      else errs.push(invalid(specPath.child('selector'), goLabelSelector(ps), 'invalid label selector'));
      return errs;
    case 'StatefulSet': {
      const pmp = str(spec['podManagementPolicy']);
      if (!pmp) errs.push(required(specPath.child('podManagementPolicy')));
      else if (pmp !== 'OrderedReady' && pmp !== 'Parallel') errs.push(invalid(specPath.child('podManagementPolicy'), pmp, "must be 'OrderedReady' or 'Parallel'"));
      const us = obj(spec['updateStrategy']);
      const ust = str(us['type']);
      if (!ust) errs.push(required(specPath.child('updateStrategy')));
      else if (ust === 'RollingUpdate') errs.push(...validateNonnegative(num(obj(us['rollingUpdate'])['partition']), specPath.child('updateStrategy', 'rollingUpdate', 'partition')));
      else if (ust === 'OnDelete') {
        if (us['rollingUpdate'] !== undefined) errs.push(invalid(specPath.child('updateStrategy', 'rollingUpdate'), us['rollingUpdate'], "only allowed for updateStrategy 'RollingUpdate'"));
      } else errs.push(invalid(specPath.child('updateStrategy'), us, "must be 'RollingUpdate' or 'OnDelete'"));
      nonneg('replicas');
      nonneg('minReadySeconds');
      errs.push(...validateRequiredSelector(kind, ps));
      if (selectorOf(ps)) {
        // Upstream checks only the template's labels and annotations, not its pod spec (a TODO there).
        const meta = obj(template['metadata']);
        errs.push(...templateLabelsMismatch(template, ps));
        errs.push(...validateLabels(strMap(meta['labels']), specPath.child('template', 'labels')));
        errs.push(...validateAnnotations(strMap(meta['annotations']), specPath.child('template', 'annotations')));
      } else errs.push(invalid(specPath.child('selector'), goLabelSelector(ps), ''));
      errs.push(...validateTemplateRestart(kind, template));
      return errs;
    }
    case 'DaemonSet':
      errs.push(...validateLabelSelector(ps, specPath.child('selector')));
      errs.push(...templateLabelsMismatch(template, ps));
      if (ps && Object.keys(ps.matchLabels ?? {}).length + (ps.matchExpressions ?? []).length === 0) {
        errs.push(invalid(specPath.child('selector'), goLabelSelector(ps), 'empty selector is invalid for daemonset'));
      }
      errs.push(...validatePodTemplateSpec(template, specPath.child('template')));
      errs.push(...validateTemplateRestart(kind, template));
      nonneg('minReadySeconds');
      errs.push(...validateDaemonSetUpdateStrategy(obj(spec['updateStrategy']), specPath.child('updateStrategy')));
      nonneg('revisionHistoryLimit');
      return errs;
    case 'Job':
      for (const f of ['parallelism', 'completions', 'backoffLimit', 'activeDeadlineSeconds']) nonneg(f);
      // The job strategy generates the selector when the user gives none.
      if (spec['selector'] !== undefined) {
        errs.push(...validateRequiredSelector(kind, ps));
        errs.push(...templateLabelsMismatch(template, ps));
      }
      errs.push(...validatePodTemplateSpec(template, specPath.child('template')));
      errs.push(...validateTemplateRestart(kind, template));
      return errs;
  }
}

export function validateWorkload(kind: Kind, object: KubeObject): FieldError[] {
  // StatefulSet pods are named <set>-<ordinal> and resolved in DNS, so a StatefulSet's name is a label.
  const nameFn = kind === 'StatefulSet' ? nameIsDNSLabel : nameIsDNSSubdomain;
  return [...validateObjectMeta(object.metadata, true, nameFn), ...validateSpec(kind, obj(object['spec']))];
}

export function validateWorkloadUpdate(kind: Kind, object: KubeObject, old: KubeObject): FieldError[] {
  const errs = validateObjectMetaUpdate(object.metadata, old.metadata);
  const spec = obj(object['spec']);
  const oldSpec = obj(old['spec']);
  errs.push(...validateSpec(kind, spec));
  if (kind === 'StatefulSet') {
    // Only these may change; everything else in the spec is fixed at creation.
    const mutable = ['replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy', 'minReadySeconds'];
    const strip = (s: JsonObject): JsonObject => Object.fromEntries(Object.entries(s).filter(([k]) => !mutable.includes(k)));
    if (!deepEqual(strip(spec), strip(oldSpec))) {
      errs.push(
        forbidden(
          specPath,
          "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
        ),
      );
    }
  }
  if (kind === 'Job') {
    errs.push(...validateImmutableField(spec['completions'], oldSpec['completions'], specPath.child('completions')));
    errs.push(...validateImmutableField(spec['selector'], oldSpec['selector'], specPath.child('selector'), goLabelSelector(spec['selector'] as LabelSelector | undefined)));
    errs.push(...validateImmutableField(spec['template'], oldSpec['template'], specPath.child('template'), goLiteral('core.PodTemplateSpec{...}')));
  } else if (kind !== 'StatefulSet') {
    errs.push(...validateImmutableField(spec['selector'], oldSpec['selector'], specPath.child('selector'), goLabelSelector(spec['selector'] as LabelSelector | undefined)));
  }
  return errs;
}

export type WorkloadKind = Kind;
