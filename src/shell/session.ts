/**
 * A shell's own state, kept between commands: the operator machine's kubeconfig it logs in with,
 * and what a command left running in the foreground for the page's terminal to follow (a
 * `kubectl get -w` stream, a `kubectl edit` waiting for its editor). The page's terminal has one session; each runner script gets a fresh one.
 */
import { Kubeconfig, type KubeconfigContext } from './host/kubeconfig';

export { CLUSTER_NAME, CLUSTER_SERVER, type KubeconfigContext } from './host/kubeconfig';

/**
 * A command still producing output after it returned (kubectl get -w in the page): the terminal
 * reads `drain()` as the simulation runs and calls `stop()` on Ctrl-C.
 */
export interface ForegroundStream {
  readonly kind: 'stream';
  readonly command: string;
  /** Output since the last drain. */
  drain(): string;
  /** Called once when new output is waiting (the page schedules a drain). */
  onOutput(listener: () => void): void;
  stop(): void;
}

/**
 * `kubectl edit` in the page: the object's text for the editor, and what to do with the edited
 * text (apply it as kubectl edit does) or with a cancel.
 */
export interface ForegroundEdit {
  readonly kind: 'edit';
  readonly command: string;
  readonly text: string;
  submit(edited: string): { exitCode: number; stdout: string; stderr: string };
  cancel(): { exitCode: number; stdout: string; stderr: string };
}

export type Foreground = ForegroundStream | ForegroundEdit;

export class ShellSession {
  private foregroundCommand: Foreground | undefined;

  /** The operator machine's kubeconfig, which this session's kubectl uses. */
  constructor(readonly kubeconfig: Kubeconfig = new Kubeconfig()) {}

  /** The kubeconfig's current context (the page's editor submits as its user). */
  context(): KubeconfigContext {
    return this.kubeconfig.context();
  }

  /** What the last command left in the foreground, if anything; a new one replaces (stops) the old. */
  get foreground(): Foreground | undefined {
    return this.foregroundCommand;
  }

  setForeground(next: Foreground | undefined): void {
    if (this.foregroundCommand?.kind === 'stream' && this.foregroundCommand !== next) this.foregroundCommand.stop();
    this.foregroundCommand = next;
  }

  /** The terminal took the foreground command over (or the user pressed Ctrl-C): forget it. */
  takeForeground(): Foreground | undefined {
    const f = this.foregroundCommand;
    this.foregroundCommand = undefined;
    return f;
  }
}
