/** The kubelet's log endpoint refusals (validateContainerLogStatus) for containers that have not started. */
import { describe, expect, it } from 'vitest';
import { Engine } from '../../engine';
import { ContainerRuntime } from '../runtime/container-runtime';
import { containerLogs } from './container-logs';

describe('containerLogs', () => {
  const runtime = new ContainerRuntime(new Engine({ seed: 1 }), { podCIDR: '10.244.1.0/24' });
  it.each([
    [undefined, 'container "app" in pod "web" is waiting to start: ContainerCreating'],
    ['CreateContainerConfigError', 'container "app" in pod "web" is waiting to start: CreateContainerConfigError'],
    ['PodInitializing', 'container "app" in pod "web" is waiting to start: PodInitializing'],
    ['ErrImagePull', 'container "app" in pod "web" is waiting to start: image can\'t be pulled'],
    ['ImagePullBackOff', 'container "app" in pod "web" is waiting to start: trying and failing to pull image'],
  ])('waiting on %s', (reason, message) => {
    expect(containerLogs(runtime, 'default', 'web', 'app', {}, reason)).toEqual({ ok: false, message });
  });

  it('no previous instance', () => {
    expect(containerLogs(runtime, 'default', 'web', 'app', { previous: true }, 'CreateContainerConfigError')).toEqual({ ok: false, message: 'previous terminated container "app" in pod "web" not found' });
  });
});
