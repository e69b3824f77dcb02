/**
 * The kubelet's image manager (pkg/kubelet/images/image_manager.go EnsureImageExists): the
 * default tag, the pull policy (Always / IfNotPresent / Never), the per-pod-and-image pull
 * back-off (ErrImagePull, then ImagePullBackOff until it expires), and the serial puller
 * (serializeImagePulls is on by default: one pull at a time per node, the rest queue, which is
 * why "including waiting" can exceed the pull time). Events as upstream words them.
 */
import type { Container, Pod } from 'kubernetes-types/core/v1';
import type { Engine } from '../../engine';
import type { ContainerRuntime } from '../runtime/container-runtime';
import { isCriError } from '../runtime/cri';
import { applyDefaultImageTag } from '../runtime/image-ref';
import { Backoff } from './backoff';
import { MESSAGES, REASON, type StartError } from './events';

export interface ImageEventSink {
  (pod: Pod, type: 'Normal' | 'Warning', reason: string, message: string, fieldPath: string): void;
}

export type EnsureResult = { readonly imageRef: string } | { readonly error: StartError; readonly message: string };

/** API defaulting of imagePullPolicy, for pods that bypassed it. */
export function defaultPullPolicy(image: string): 'Always' | 'IfNotPresent' {
  const tagged = image.lastIndexOf(':') > image.lastIndexOf('/');
  const tag = tagged ? image.slice(image.lastIndexOf(':') + 1) : undefined;
  return image.includes('@') || (tag !== undefined && tag !== 'latest') ? 'IfNotPresent' : 'Always';
}

export class ImageManager {
  readonly backOff: Backoff;
  private pulling = false;
  private readonly queue: (() => void)[] = [];

  constructor(
    private readonly engine: Engine,
    private readonly runtime: ContainerRuntime,
    private readonly record: ImageEventSink,
  ) {
    this.backOff = new Backoff(() => engine.now());
  }

  ensureImageExists(pod: Pod, container: Container, fieldPath: string, done: (result: EnsureResult) => void): void {
    const imgRef = container.image ?? '';
    const tagged = applyDefaultImageTag(imgRef);
    if ('error' in tagged) {
      const msg = MESSAGES.invalidImage(imgRef, tagged.error);
      this.record(pod, 'Warning', REASON.InspectFailed, msg, fieldPath);
      done({ error: 'InvalidImageName', message: msg });
      return;
    }
    const image = tagged.image;
    const policy = container.imagePullPolicy ?? defaultPullPolicy(imgRef);
    // The image's ID only (imageStatus would copy its tags for nothing).
    const present = this.runtime.imageId(image);
    if (present !== undefined && policy !== 'Always') {
      this.record(pod, 'Normal', REASON.Pulled, MESSAGES.alreadyPresent(imgRef), fieldPath);
      done({ imageRef: present });
      return;
    }
    if (present === undefined && policy === 'Never') {
      const msg = MESSAGES.neverPull(imgRef);
      this.record(pod, 'Warning', REASON.ErrImageNeverPull, msg, fieldPath);
      done({ error: 'ErrImageNeverPull', message: msg });
      return;
    }
    const backOffKey = `${pod.metadata?.uid ?? ''}_${image}`;
    if (this.backOff.isInBackOffSinceUpdate(backOffKey, this.engine.now())) {
      const msg = MESSAGES.pullBackOff(imgRef);
      this.record(pod, 'Normal', REASON.BackOff, msg, fieldPath);
      done({ error: 'ImagePullBackOff', message: msg });
      return;
    }
    this.record(pod, 'Normal', REASON.Pulling, MESSAGES.pulling(imgRef), fieldPath);
    const requested = this.engine.now();
    this.enqueue(() => {
      const began = this.engine.now();
      this.runtime.pullImage(image, (result) => {
        const finished = this.engine.now();
        this.next();
        if (isCriError(result)) {
          this.record(pod, 'Warning', REASON.Failed, MESSAGES.failedPull(imgRef, result.error), fieldPath);
          this.backOff.next(backOffKey, finished);
          done({ error: 'ErrImagePull', message: result.error });
          return;
        }
        const size = this.runtime.imageSize(image) ?? 0;
        this.record(pod, 'Normal', REASON.Pulled, MESSAGES.pulled(imgRef, finished - began, finished - requested, size), fieldPath);
        done({ imageRef: result });
      });
    });
  }

  /** When the pull back-off for this pod's image ends (for the pod worker's requeue). */
  backOffExpiry(pod: Pod, container: Container): number | undefined {
    const tagged = applyDefaultImageTag(container.image ?? '');
    if ('error' in tagged) return undefined;
    return this.backOff.expiryAfterUpdate(`${pod.metadata?.uid ?? ''}_${tagged.image}`);
  }

  private enqueue(pull: () => void): void {
    if (this.pulling) this.queue.push(pull);
    else {
      this.pulling = true;
      pull();
    }
  }

  private next(): void {
    const pull = this.queue.shift();
    if (pull) pull();
    else this.pulling = false;
  }
}
