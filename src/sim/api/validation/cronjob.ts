/**
 * CronJob validation (pkg/apis/batch/validation ValidateCronJobCreate/Update): a name of at most
 * 52 characters (the Job names it makes add 11), a schedule the cron parser reads and without a
 * TZ prefix, a supported concurrencyPolicy, non-negative limits, and a job template whose pod
 * template restarts OnFailure or Never.
 */
import { CronParseError, parseStandard } from '../cron/schedule';
import { FieldPath, invalid, notSupported, required, type FieldError } from '../field-errors';
import type { KubeObject } from '../kube-object';
import { nameIsDNSSubdomain } from './name-rules';
import { validateNonnegative, validateObjectMeta, validateObjectMetaUpdate } from './object-meta';
import { validatePodTemplateSpec } from './pod';
import { obj, str } from './json-access';

const specPath = FieldPath.root('spec');
const MAX_CRONJOB_NAME_LENGTH = 52;

function validateSpec(spec: Record<string, unknown>): FieldError[] {
  const errs: FieldError[] = [];
  const schedule = str(spec['schedule']);
  if (schedule === '') errs.push(required(specPath.child('schedule'), ''));
  else if (/^\s*(CRON_TZ|TZ)=/.test(schedule)) errs.push(invalid(specPath.child('schedule'), schedule, 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead'));
  else {
    try {
      parseStandard(schedule);
    } catch (e) {
      if (!(e instanceof CronParseError)) throw e;
      errs.push(invalid(specPath.child('schedule'), schedule, e.message));
    }
  }
  const policy = str(spec['concurrencyPolicy']);
  if (policy === '') errs.push(required(specPath.child('concurrencyPolicy'), ''));
  else if (!['Allow', 'Forbid', 'Replace'].includes(policy)) errs.push(notSupported(specPath.child('concurrencyPolicy'), policy, ['Allow', 'Forbid', 'Replace']));
  for (const f of ['startingDeadlineSeconds', 'successfulJobsHistoryLimit', 'failedJobsHistoryLimit']) {
    if (typeof spec[f] === 'number') errs.push(...validateNonnegative(spec[f], specPath.child(f)));
  }
  const jobSpec = obj(obj(spec['jobTemplate'])['spec']);
  const templatePath = specPath.child('jobTemplate', 'spec', 'template');
  const template = obj(jobSpec['template']);
  errs.push(...validatePodTemplateSpec(template, templatePath));
  const restartPolicy = str(obj(template['spec'])['restartPolicy']);
  if (restartPolicy === 'Always' || restartPolicy === '') errs.push(required(templatePath.child('spec', 'restartPolicy'), 'valid values: "OnFailure", "Never"'));
  else if (restartPolicy !== 'OnFailure' && restartPolicy !== 'Never') errs.push(notSupported(templatePath.child('spec', 'restartPolicy'), restartPolicy, ['OnFailure', 'Never']));
  return errs;
}

export function validateCronJob(object: KubeObject): FieldError[] {
  const errs = validateObjectMeta(object.metadata, true, nameIsDNSSubdomain);
  const name = object.metadata.name ?? '';
  if (name.length > MAX_CRONJOB_NAME_LENGTH) errs.push(invalid(FieldPath.root('metadata').child('name'), name, `must be no more than ${MAX_CRONJOB_NAME_LENGTH} characters`));
  return [...errs, ...validateSpec(obj(object['spec']))];
}

export function validateCronJobUpdate(object: KubeObject, old: KubeObject): FieldError[] {
  return [...validateObjectMetaUpdate(object.metadata, old.metadata), ...validateSpec(obj(object['spec']))];
}
