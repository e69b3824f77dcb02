/**
 * `kubectl get` flags test/cmd/get.sh reaches for: -v=6 request logging, --chunk-size,
 * --ignore-not-found's silence, --subresource.
 */
import { describe, expect, it } from 'vitest';
import { bootedCluster } from '../../../../sim/cluster';
import { Shell, type TranscriptEntry } from '../../../shell';

function play(script: string): TranscriptEntry[] {
  const shell = new Shell(bootedCluster({ seed: 1 }), { interactive: false });
  const outcome = shell.run(script);
  if (outcome.kind !== 'ran') throw new Error(outcome.kind);
  return outcome.entries;
}

describe('kubectl get flags', () => {
  it('-v=6 logs the kubeconfig load and each request as client-go does, on stderr', () => {
    const [r] = play('kubectl get pods -v=6');
    const lines = (r?.stderr ?? '').split('\n');
    expect(lines[0]).toMatch(/^I0101 00:00:\d\d\.\d{6} {4}4242 loader\.go:395\] Config loaded from file: {2}\/root\/\.kube\/config$/);
    expect(lines[1]).toMatch(/^I0101 [\d:.]+ {4}4242 round_trippers\.go:553\] GET https:\/\/[\d.]+:6443\/api\/v1\/namespaces\/default\/pods\?limit=500 200 OK in \d+ milliseconds$/);
    expect(lines[2]).toBe('No resources found in default namespace.');
  });

  it('--chunk-size pages the list (continue sorted before limit, as url.Values encodes), 0 asks for all at once', () => {
    const [paged, whole] = play('kubectl get namespaces --chunk-size=1 --no-headers -v=6\nkubectl get namespaces --chunk-size=0 -v=6');
    expect(paged?.stdout.split('\n').filter(Boolean)).toHaveLength(4);
    const urls = (paged?.stderr ?? '').split('\n').filter((l) => l.includes('round_trippers'));
    expect(urls).toHaveLength(4);
    expect(urls[1]).toMatch(/\/api\/v1\/namespaces\?continue=[^&]+&limit=1 200 OK/);
    expect(whole?.stderr).toMatch(/GET https:\/\/[\d.]+:6443\/api\/v1\/namespaces 200 OK/);
  });

  it('--ignore-not-found says nothing when nothing is found', () => {
    expect(play('kubectl get pods --ignore-not-found')[0]).toMatchObject({ exitCode: 0, stdout: '', stderr: '' });
  });

  it('--subresource reads the status subresource, and an unknown one has no route', () => {
    const [, status, scale] = play('kubectl run p --image=nginx\nkubectl get pod p --subresource=status -o name\nkubectl get pod p --subresource=scale');
    expect(status?.stdout).toBe('pod/p\n');
    expect(scale).toMatchObject({ exitCode: 1, stderr: 'Error from server (NotFound): the server could not find the requested resource\n' });
  });
});
