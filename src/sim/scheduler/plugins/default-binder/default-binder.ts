/**
 * DefaultBinder (plugins/defaultbinder): binds by POSTing a Binding to the pod's `binding`
 * subresource. The request itself is the handle's binder (the component's REST client), so this
 * plugin stays free of transport.
 */
import type { BindPlugin, Handle, PodBinder } from '../../framework/interface';
import { Status, type MaybeStatus } from '../../framework/status';
import type { V1Pod } from '../../framework/v1';

export const Name = 'DefaultBinder';

export class DefaultBinder implements BindPlugin {
  readonly name = Name;

  constructor(private readonly binder: PodBinder | undefined) {}

  bind(_state: unknown, pod: V1Pod, nodeName: string, done: (status: MaybeStatus) => void): void {
    if (!this.binder) return done(Status.error('no binder: the scheduler has no client'));
    this.binder(pod, nodeName, done);
  }
}

export function New(_args: unknown, handle: Handle): DefaultBinder {
  return new DefaultBinder(handle.binder);
}
