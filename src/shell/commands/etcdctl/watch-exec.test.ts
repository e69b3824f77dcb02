/**
 * `etcdctl watch KEY -- COMMAND`, as etcd's e2e tests run it (tests/e2e/ctl_v3_watch_test.go at
 * v3.4, the cases with execOutput): the event, then the command's output, with the ETCD_WATCH_*
 * environment; and the errors of parseWatchArgs and printWatchCh.
 */
import { describe, expect, it } from 'vitest';
import { bootedCluster } from '../../../sim/cluster';
import { Shell, type TranscriptEntry } from '../../shell';

function play(script: string): TranscriptEntry[] {
  const outcome = new Shell(bootedCluster({ seed: 1 }), { interactive: false }).run(script);
  if (outcome.kind !== 'ran') throw new Error(outcome.kind);
  return outcome.entries;
}

describe('etcdctl watch -- COMMAND', () => {
  it.each([
    ['etcdctl watch sample --rev 1 -- echo watch event received'],
    ['etcdctl watch --rev 1 sample -- echo watch event received'],
    ['etcdctl watch sample samplx --rev 1 -- echo watch event received'],
    ['etcdctl watch --rev 1 sample samplx -- echo watch event received'],
    ['etcdctl watch sample --rev 1 samplx -- echo watch event received'],
  ])('%s runs the command after each event', (command) => {
    const [, r] = play(`etcdctl put sample value\n${command}`);
    expect(r).toMatchObject({ exitCode: 0, stdout: 'PUT\nsample\nvalue\nwatch event received\n', stderr: '' });
  });

  it('sets ETCD_WATCH_REVISION, _EVENT_TYPE, _KEY and _VALUE, quoted as Go\'s %q quotes, after the whole response is printed', () => {
    const [, , r] = play('etcdctl put sample value\netcdctl del sample\netcdctl watch sample --rev 1 -- env');
    // The replay is one response: display.Watch prints its events, then each runs the command.
    // Both carry the response header's revision: etcd's revision then, which moves with every
    // write the cluster's components make at boot, so it is read rather than written here.
    const revision = /ETCD_WATCH_REVISION=(\d+)/.exec(r?.stdout ?? '')?.[1] ?? '';
    expect(Number(revision)).toBeGreaterThan(2);
    expect(r?.stdout).toBe(
      'PUT\nsample\nvalue\nDELETE\nsample\n\n' +
        `ETCD_WATCH_REVISION=${revision}\nETCD_WATCH_EVENT_TYPE="PUT"\nETCD_WATCH_KEY="sample"\nETCD_WATCH_VALUE="value"\n` +
        `ETCD_WATCH_REVISION=${revision}\nETCD_WATCH_EVENT_TYPE="DELETE"\nETCD_WATCH_KEY="sample"\nETCD_WATCH_VALUE=""\n`,
    );
  });

  it('refuses a separator with no command after it', () => {
    expect(play('etcdctl watch sample --')[0]).toMatchObject({ exitCode: 128, stderr: 'Error: bad number of arguments (found separator --, but no commands)\n' });
  });

  it('ends with exit 1 when the command cannot run or fails', () => {
    const [, missing] = play('etcdctl put sample value\netcdctl watch sample --rev 1 -- nosuch a');
    expect(missing).toMatchObject({ exitCode: 1, stdout: 'PUT\nsample\nvalue\n', stderr: 'command ["nosuch" "a"] error (exec: "nosuch": executable file not found in $PATH)\n' });
    const [, failing] = play('etcdctl put sample value\netcdctl watch sample --rev 1 -- etcdctl get');
    expect(failing?.exitCode).toBe(1);
    expect(failing?.stderr).toContain('command ["etcdctl" "get"] error (exit status 128)\n');
  });
});

describe('echo and env', () => {
  it('echo joins its words; -n leaves off the newline', () => {
    expect(play('echo a  b\necho -n c').map((e) => e.stdout)).toEqual(['a b\n', 'c']);
  });

  it('env at the prompt prints nothing: the shell keeps no variables', () => {
    expect(play('env')[0]).toMatchObject({ exitCode: 0, stdout: '' });
  });
});
