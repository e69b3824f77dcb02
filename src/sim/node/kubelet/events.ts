/**
 * The kubelet's event reasons (pkg/kubelet/events) and message formats, kept as constants so
 * a message is written once. Messages quote the spec's image string and name the container,
 * as recordContainerEvent does.
 */
import { goDuration } from './go-duration';

export const REASON = {
  Pulling: 'Pulling',
  Pulled: 'Pulled',
  Failed: 'Failed',
  BackOff: 'BackOff',
  ErrImageNeverPull: 'ErrImageNeverPull',
  InspectFailed: 'InspectFailed',
  Created: 'Created',
  Started: 'Started',
  Killing: 'Killing',
  Unhealthy: 'Unhealthy',
  FailedPostStartHook: 'FailedPostStartHook',
  FailedPreStopHook: 'FailedPreStopHook',
  SandboxChanged: 'SandboxChanged',
  FailedCreatePodSandBox: 'FailedCreatePodSandBox',
} as const;

/** Waiting reasons a failed start leaves in the reasonCache (kubelet sync errors). */
export type StartError =
  | 'CrashLoopBackOff'
  | 'ErrImagePull'
  | 'ImagePullBackOff'
  | 'ErrImageNeverPull'
  | 'InvalidImageName'
  | 'CreateContainerConfigError'
  | 'CreateContainerError'
  | 'RunContainerError'
  | 'PostStartHookError';

export const MESSAGES = {
  pulling: (image: string) => `Pulling image "${image}"`,
  pulled: (image: string, pullMs: number, totalMs: number, size: number) =>
    `Successfully pulled image "${image}" in ${goDuration(pullMs)} (${goDuration(totalMs)} including waiting). Image size: ${size} bytes.`,
  alreadyPresent: (image: string) => `Container image "${image}" already present on machine`,
  failedPull: (image: string, err: string) => `Failed to pull image "${image}": ${err}`,
  pullBackOff: (image: string) => `Back-off pulling image "${image}"`,
  neverPull: (image: string) => `Container image "${image}" is not present with pull policy of Never`,
  invalidImage: (image: string, err: string) => `Failed to apply default image tag "${image}": ${err}`,
  error: (reason: string) => `Error: ${reason}`,
  /** 1.32 wording, with the colon (kubelet.md §7). */
  created: (name: string) => `Created container: ${name}`,
  started: (name: string) => `Started container ${name}`,
  stopping: (name: string) => `Stopping container ${name}`,
  crashBackOffEvent: (name: string, podFullName: string) => `Back-off restarting failed container ${name} in pod ${podFullName}`,
  crashBackOffWaiting: (backoffMs: number, name: string, podFullName: string) => `back-off ${goDuration(backoffMs)} restarting failed container=${name} pod=${podFullName}`,
  probeKill: (name: string, probe: 'liveness' | 'startup', restart: boolean) => `Container ${name} failed ${probe} probe${restart ? ', will be restarted' : ''}`,
  probeFailed: (type: 'Liveness' | 'Readiness' | 'Startup', output: string) => `${type} probe failed: ${output}`,
  postStartFailed: () => 'PostStartHook failed',
} as const;

/** `web-1_default(uid)`: format.Pod, used in back-off messages. */
export function podFullName(name: string, namespace: string, uid: string): string {
  return `${name}_${namespace}(${uid})`;
}
