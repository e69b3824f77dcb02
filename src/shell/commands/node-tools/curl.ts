/**
 * `kubearch ssh NODE -- curl ...`: curl in the node's host network namespace, as after `ssh
 * node-1`: a ClusterIP, a NodePort or a pod IP goes through the node's own netfilter (OUTPUT), and
 * the command blocks on the engine's clock for as long as curl waits (a connect timeout). The
 * node's resolver knows no cluster names. The streams keep the order curl wrote them in.
 */
import { curl } from '../../../sim/node/container/programs/curl';
import type { CommandResult, OutputRun } from '../../types';
import type { Command } from '../../types';

export const curlCommand: Command = (ctx) => {
  if (ctx.host.kind !== 'node') return { exitCode: 127, stdout: '', stderr: 'bash: curl: command not found\n' };
  const out = { stdout: '', stderr: '' };
  const runs: OutputRun[] = [];
  const write = (stream: 'stdout' | 'stderr', line: string) => {
    const text = `${line}\n`;
    out[stream] += text;
    const last = runs[runs.length - 1];
    if (last && last.stream === stream) runs[runs.length - 1] = { stream, length: last.length + text.length };
    else runs.push({ stream, length: text.length });
  };
  const result = curl(ctx.argv.slice(1), { out: (l) => write('stdout', l), err: (l) => write('stderr', l), now: () => ctx.clock.now(), writeFile: () => {} }, ctx.host.network);
  if (result.waitedMs > 0) ctx.clock.runFor(result.waitedMs);
  const answer: CommandResult = { exitCode: result.status, stdout: out.stdout, stderr: out.stderr, interleaved: runs };
  return answer;
};
