import { describe, expect, it } from 'vitest';
import { imageNetworkPrograms } from './image-tools';
import { capture, fakeNet, OK } from './test-net';

const net = fakeNet({ web: '10.96.0.20' }, { '10.96.0.20:80': OK('hi\n') });

describe('imageNetworkPrograms', () => {
  it.each([
    ['docker.io/library/busybox', ['wget', 'nslookup'], ['curl']],
    ['docker.io/library/alpine', ['wget', 'nslookup'], ['curl']],
    ['docker.io/library/nginx', ['curl'], ['wget', 'nslookup']],
    ['registry.k8s.io/e2e-test-images/agnhost', ['curl', 'wget', 'nslookup'], []],
    ['docker.io/curlimages/curl', ['curl', 'wget', 'nslookup'], []],
    ['docker.io/radial/busyboxplus', ['curl', 'wget', 'nslookup'], []],
    ['docker.io/library/ubuntu', [], ['curl', 'wget', 'nslookup']],
  ] as const)('%s has %j and not %j', (repository, has, lacks) => {
    const run = imageNetworkPrograms(repository, net);
    for (const name of has) expect(run(name, ['web'], capture())).toBeDefined();
    for (const name of lacks) expect(run(name, ['web'], capture())).toBeUndefined();
    // Names of Object.prototype are not programs.
    expect(run('constructor', [], capture())).toBeUndefined();
  });
});
