/**
 * A shell's own state, kept between commands: the kubeconfig (contexts, the current one), the
 * kubectl clients made for its users, and what a command left running in the foreground for the
 * page's terminal to follow (a `kubectl get -w` stream, a `kubectl edit` waiting for its editor).
 * The page's terminal has one session; each runner script gets a fresh one.
 */
import type { Cluster } from '../sim/cluster';
import type { RestClient } from '../sim/client/rest-client';
import { APISERVER_ADDRESS, APISERVER_PORT } from '../sim/apiserver/bootstrap/post-start-hooks';

export interface KubeconfigContext {
  readonly name: string;
  readonly cluster: string;
  readonly user: string;
  namespace?: string;
}

export const CLUSTER_NAME = 'kubearch';
export const CLUSTER_SERVER = `https://${APISERVER_ADDRESS}:${APISERVER_PORT}`;

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
  readonly contexts: KubeconfigContext[] = [
    { name: `kubernetes-admin@${CLUSTER_NAME}`, cluster: CLUSTER_NAME, user: 'kubernetes-admin' },
    { name: `alice@${CLUSTER_NAME}`, cluster: CLUSTER_NAME, user: 'alice' },
    { name: `bob@${CLUSTER_NAME}`, cluster: CLUSTER_NAME, user: 'bob' },
  ];
  currentContext = `kubernetes-admin@${CLUSTER_NAME}`;
  private readonly clients = new Map<string, RestClient>();
  private foregroundCommand: Foreground | undefined;

  context(): KubeconfigContext {
    return this.contexts.find((c) => c.name === this.currentContext) ?? (this.contexts[0] as KubeconfigContext);
  }

  /** kubectl's client for a kubeconfig user: a bearer token, from the "kubectl" box in the graph. */
  clientFor(cluster: Cluster, user: string): RestClient | undefined {
    let client = this.clients.get(user);
    if (!client) {
      const token = cluster.userToken(user);
      if (token === undefined) return undefined;
      client = cluster.client('kubectl', { bearerToken: token }, 'kubectl');
      this.clients.set(user, client);
    }
    return client;
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
