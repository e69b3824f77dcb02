/**
 * framework.Status (pkg/scheduler/framework/interface.go): what every plugin at every extension
 * point answers. As in Go, success is `null` (a nil *Status), so the hot Filter path allocates
 * nothing for a node that fits; `statusCode(null)` is 'Success'.
 */

/** The codes in upstream order; their names are what `kubearch explain pod` prints. */
export type Code = 'Success' | 'Error' | 'Unschedulable' | 'UnschedulableAndUnresolvable' | 'Wait' | 'Skip' | 'Pending';

export class Status {
  /** The plugin that returned this status; the framework sets it (Status.WithPlugin). */
  plugin = '';

  constructor(
    readonly code: Code,
    readonly reasons: readonly string[] = [],
    /** An Error status's cause (Status.AsError); its message is the only reason. */
    readonly err?: Error,
  ) {}

  static error(err: Error | string): Status {
    const e = typeof err === 'string' ? new Error(err) : err;
    return new Status('Error', [e.message], e);
  }

  isSuccess(): boolean {
    return this.code === 'Success';
  }

  /** Unschedulable or UnschedulableAndUnresolvable: the pod goes back to the queue. */
  isRejected(): boolean {
    return this.code === 'Unschedulable' || this.code === 'UnschedulableAndUnresolvable' || this.code === 'Pending';
  }

  message(): string {
    return this.reasons.join(', ');
  }

  withPlugin(plugin: string): Status {
    this.plugin = plugin;
    return this;
  }
}

export type MaybeStatus = Status | null;

export function statusCode(s: MaybeStatus): Code {
  return s ? s.code : 'Success';
}

export function isSuccess(s: MaybeStatus): boolean {
  return s === null || s.code === 'Success';
}

export function newStatus(code: Code, ...reasons: string[]): Status {
  return new Status(code, reasons);
}
