/**
 * kubectl's batch commands against a running cluster: `create job` (--image with a command,
 * --from=cronjob/NAME) and `create cronjob` with their Validate() errors, `logs TYPE/NAME`
 * picking the most active pod, and `get cronjobs` / `describe job` / `describe cronjob`.
 */
import { describe, expect, it } from 'vitest';
import { bootedCluster } from '../../../../sim/cluster';
import { Shell, type TranscriptEntry } from '../../../shell';
import { capIndexes } from '../describe/batch';

function play(script: string): TranscriptEntry[] {
  const shell = new Shell(bootedCluster({ seed: 1 }), { interactive: false, readFile: () => { throw new Error('ENOENT'); } });
  const outcome = shell.run(script);
  if (outcome.kind !== 'ran') throw new Error(outcome.kind);
  return outcome.entries;
}

describe('kubectl create job', () => {
  it('builds create_job.go\'s Job: the container named after the Job, the command after --, restartPolicy Never', () => {
    const [r] = play("kubectl create job pi --image=perl:5.34.0 --dry-run=client -o json -- perl -Mbignum=bpi -wle 'print bpi(20)'");
    expect(JSON.parse(r?.stdout ?? '')).toEqual({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { creationTimestamp: null, name: 'pi' },
      spec: { template: { metadata: { creationTimestamp: null }, spec: { containers: [{ name: 'pi', image: 'perl:5.34.0', command: ['perl', '-Mbignum=bpi', '-wle', 'print bpi(20)'], resources: {} }], restartPolicy: 'Never' } } },
      status: {},
    });
  });

  it('refuses no NAME, two NAMEs, neither or both of --image and --from, and --from with a command', () => {
    const errs = play(
      ['kubectl create job', 'kubectl create job a b --image=x', 'kubectl create job a', 'kubectl create job a --image=x --from=cronjob/c', 'kubectl create job a --from=cronjob/c -- date'].join('\n'),
    ).map((e) => [e.exitCode, e.stderr]);
    expect(errs).toEqual([
      [1, "error: exactly one NAME is required, got 0\nSee 'kubectl create job -h' for help and examples\n"],
      [1, "error: exactly one NAME is required, got 2\nSee 'kubectl create job -h' for help and examples\n"],
      [1, 'error: either --image or --from must be specified\n'],
      [1, 'error: either --image or --from must be specified\n'],
      [1, 'error: cannot specify --from and command\n'],
    ]);
  });

  it('--from=cronjob/NAME copies the jobTemplate, marks it manual and owns it without blocking deletion; a missing CronJob or another kind is an error', () => {
    const entries = play(
      [
        'kubectl create cronjob hello --image=busybox:1.28 --schedule="@hourly" -- date',
        "kubectl create job once --from=cronjob/hello --dry-run=client -o jsonpath='{.metadata.annotations} {.metadata.ownerReferences[0].kind} {.metadata.ownerReferences[0].blockOwnerDeletion} {.spec.template.spec.containers[0].command}'",
        'kubectl create job once --from=cronjob/nope',
        'kubectl create deployment web --image=nginx',
        'kubectl create job once --from=deployment/web',
        'kubectl create job once --from=widgets/x',
      ].join('\n'),
    );
    expect(entries[1]?.stdout).toBe('{"cronjob.kubernetes.io/instantiate":"manual"} CronJob  ["date"]');
    expect(entries[2]?.stderr).toBe('Error from server (NotFound): cronjobs.batch "nope" not found\n');
    expect(entries[4]?.stderr).toBe('error: unknown object type *v1.Deployment\n');
    expect(entries[5]?.stderr).toBe('error: the server doesn\'t have a resource type "widgets"\n');
  });
});

describe('kubectl create cronjob', () => {
  it('builds create_cronjob.go\'s CronJob, restarting OnFailure unless --restart', () => {
    const [r] = play("kubectl create cronjob hello --image=busybox --schedule='*/1 * * * *' --restart=Never --dry-run=client -o json -- date");
    expect(JSON.parse(r?.stdout ?? '')).toEqual({
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { creationTimestamp: null, name: 'hello' },
      spec: {
        jobTemplate: {
          metadata: { creationTimestamp: null, name: 'hello' },
          spec: { template: { metadata: { creationTimestamp: null }, spec: { containers: [{ name: 'hello', image: 'busybox', command: ['date'], resources: {} }], restartPolicy: 'Never' } } },
        },
        schedule: '*/1 * * * *',
      },
      status: {},
    });
  });

  it('needs --image and --schedule; the server refuses a schedule it cannot parse', () => {
    const errs = play(['kubectl create cronjob c --schedule=@daily', 'kubectl create cronjob c --image=busybox', "kubectl create cronjob c --image=busybox --schedule='61 * * * *'"].join('\n')).map((e) => e.stderr);
    expect(errs).toEqual([
      'error: --image must be specified\n',
      'error: --schedule must be specified\n',
      'error: failed to create cronjob: CronJob.batch "c" is invalid: spec.schedule: Invalid value: "61 * * * *": end of range (61) above maximum (59): 61\n',
    ]);
  });
});

describe('kubectl logs TYPE/NAME, get cronjobs, describe', () => {
  it('reads a Job\'s pod, says which of several it took, and errors as kubectl does', () => {
    const entries = play(
      [
        'kubectl create job hello --image=busybox -- echo hi',
        'kubectl create deployment web --image=nginx --replicas=2',
        'sleep 20s',
        'kubectl logs job/hello',
        'kubectl logs deployment/web',
        'kubectl logs job/nope',
        'kubectl logs configmap/x',
        'kubectl logs widgets/x',
      ].join('\n'),
    );
    expect(entries[3]).toMatchObject({ exitCode: 0, stdout: 'hi\n' });
    expect(entries[4]?.stderr).toMatch(/^Found 2 pods, using pod\/web-[a-z0-9]+-[a-z0-9]{5}\n$/);
    expect(entries[5]?.stderr).toBe('Error from server (NotFound): jobs.batch "nope" not found\n');
    expect(entries[6]?.stderr).toBe('error: cannot get the logs from ConfigMap\n');
    expect(entries[7]?.stderr).toBe('error: the server doesn\'t have a resource type "widgets"\n');
  });

  it('prints get cronjobs and the two describers in kubectl 1.32\'s layout', () => {
    const entries = play(
      ['kubectl create cronjob hello --image=busybox:1.28 --schedule="* * * * *" -- date', 'sleep 70s', 'kubectl get cronjobs', 'kubectl describe cronjob hello', 'kubectl describe job hello-28928161'].join('\n'),
    );
    expect(entries[2]?.stdout).toBe('NAME    SCHEDULE    TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE\nhello   * * * * *   <none>     False     0        12s             70s\n');
    expect(entries[3]?.stdout).toContain('Schedule:                      * * * * *\nConcurrency Policy:            Allow\nSuspend:                       False\n');
    expect(entries[3]?.stdout).toContain('Last Schedule Time:  Wed, 01 Jan 2025 00:01:00 +0000\nActive Jobs:         <none>\n');
    expect(entries[4]?.stdout).toContain('Controlled By:    CronJob/hello\n');
    expect(entries[4]?.stdout).toContain('Pods Statuses:    0 Active (0 Ready) / 1 Succeeded / 0 Failed\n');
  });
});

describe('describe job: Completed Indexes', () => {
  it('caps the list at the first comma past 50 characters, as capIndexesListOrNone', () => {
    expect(capIndexes(undefined)).toBe('<none>');
    expect(capIndexes('0-3,7')).toBe('0-3,7');
    const long = Array.from({ length: 30 }, (_, i) => String(i * 2)).join(',');
    expect(capIndexes(long)).toBe(`${long.slice(0, long.indexOf(',', 50) + 1)}...`);
    expect(capIndexes(long).startsWith('0,2,4,6,8,10,12,14,16,18,20,22,24,26,28,30,32,34,36,')).toBe(true);
  });
});
