/**
 * How etcdctl ends: cobrautl's exit codes and ExitWithError, which prints "Error: MESSAGE" on
 * stderr. Commands throw ExitError; the entry point turns it into the transcript.
 */

/** etcdctl/ctlv3/command/error.go (cobrautl in 3.5). */
export const ExitCode = {
  Success: 0,
  Error: 1,
  BadConnection: 2,
  /** For txn and watch input. */
  InvalidInput: 3,
  /** A valid flag with an unsupported value. */
  BadFeature: 4,
  Interrupted: 5,
  IO: 6,
  BadArgs: 128,
} as const;

export class ExitError extends Error {
  constructor(
    readonly code: number,
    message: string,
    /** Print the message as is, without cobrautl's "Error: " prefix (a Go panic, cobra's own text). */
    readonly raw = false,
  ) {
    super(message);
    this.name = 'ExitError';
  }
}

/** cobrautl.ExitWithError. */
export function exitWithError(code: number, message: string): never {
  throw new ExitError(code, message);
}

/** What etcdctl has printed so far. */
export class Output {
  stdout = '';
  stderr = '';

  /** fmt.Println */
  println(line = ''): void {
    this.stdout += `${line}\n`;
  }

  /** fmt.Fprintln(os.Stderr, ...) */
  eprintln(line: string): void {
    this.stderr += `${line}\n`;
  }
}
