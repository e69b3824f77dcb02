/**
 * The assert helpers of kubectl's command-line suite (kubernetes/kubernetes hack/lib/test.sh),
 * played through the shell against a fresh simulated cluster, so that upstream's test/cmd groups
 * can be ported case by case: `kube::test::get_object_assert`, `get_object_jsonpath_assert`,
 * `describe_object_assert`, `if_has_string`, `if_has_not_string`, and the `set -o errexit` /
 * `! kubectl ...` expectations of the scripts themselves. Every assertion is recorded with the
 * upstream function it comes from, so a test can say exactly which ones hold.
 */
import { bootedCluster } from '../../sim/cluster';
import { inMemoryFiles } from '../in-memory-files';
import { Shell, type TranscriptEntry } from '../shell';

/** One upstream assertion, as played here. */
export interface AssertionResult {
  /** `test/cmd/core.sh run_pod_tests`: where upstream makes it. */
  readonly where: string;
  /** What it asserts, as upstream writes it (`get pods {{range.items}}...: valid-pod:`). */
  readonly what: string;
  readonly ok: boolean;
  /** What was seen instead, when it failed. */
  readonly got?: string;
}

/** `$id_field` and friends (test/cmd/legacy-script.sh). */
export const ID_FIELD = '.metadata.name';

export class TestCmd {
  readonly results: AssertionResult[] = [];
  private readonly shell: Shell;
  private namespaces = 0;
  private where = '';
  /** The last command `output` ran, named in the if_has_string assertions made on its output. */
  private lastCommand = '';

  constructor(files: Readonly<Record<string, string>>, seed = 1) {
    this.shell = new Shell(bootedCluster({ seed }), { interactive: false, ...inMemoryFiles(files) });
  }

  /** Name the upstream function the following assertions come from. */
  at(where: string): this {
    this.where = where;
    return this;
  }

  /** Run one command line (or a here-document) and hand back what it printed. */
  run(line: string): TranscriptEntry {
    const outcome = this.shell.run(line);
    if (outcome.kind === 'incomplete') throw new Error(`incomplete command: ${line}`);
    if (outcome.kind === 'error') return { ...outcome.entry };
    return outcome.entries[outcome.entries.length - 1] as TranscriptEntry;
  }

  /** `$(cmd 2>&1)`: stdout and stderr together. */
  output(line: string): string {
    this.lastCommand = line;
    const r = this.run(line);
    return `${r.stdout}${r.stderr}`;
  }

  private record(what: string, ok: boolean, got?: string): boolean {
    this.results.push({ where: this.where, what, ok, ...(ok ? {} : { got }) });
    return ok;
  }

  /** A command the script runs under `set -o errexit`: it must succeed. */
  succeeds(line: string): TranscriptEntry {
    const r = this.run(line);
    this.record(`succeeds: ${line}`, r.exitCode === 0, `exit ${r.exitCode}: ${r.stderr.trim()}`);
    return r;
  }

  /** `! kubectl ... || exit 1`: it must fail. */
  fails(line: string): TranscriptEntry {
    const r = this.run(line);
    this.record(`fails: ${line}`, r.exitCode !== 0, `exit 0: ${r.stdout.trim()}`);
    return r;
  }

  /** legacy-script.sh create_and_use_new_namespace. */
  createAndUseNewNamespace(): string {
    const name = `namespace-${++this.namespaces}`;
    this.run(`kubectl create namespace ${name}`);
    this.run(`kubectl config set-context --current --namespace=${name}`);
    return name;
  }

  /** kube::test::get_object_assert OBJECT REQUEST EXPECTED [ARGS]: `^EXPECTED$` as a bash regex. */
  getObjectAssert(object: string, request: string, expected: string, args = ''): boolean {
    const res = this.run(`kubectl get ${args} ${object} -o go-template="${request.replace(/"/g, '\\"')}"`.replace(/ {2,}/g, ' '));
    return this.matches(`get ${object} ${request}`, res, expected);
  }

  /**
   * kube::test::wait_object_assert OBJECT REQUEST EXPECTED: object_assert with 10 tries, sleeping
   * 0, 1, 2 ... seconds between them; here the sleeps are simulated time.
   */
  waitObjectAssert(object: string, request: string, expected: string): boolean {
    const line = `kubectl get ${object} -o go-template="${request.replace(/"/g, '\\"')}"`;
    let res = this.run(line);
    for (let j = 1; j < 10 && !bashMatch(expected).test(res.stdout); j++) {
      this.run(`sleep ${j}s`);
      res = this.run(line);
    }
    return this.matches(`wait ${object} ${request}`, res, expected);
  }

  /** kube::test::get_object_jsonpath_assert OBJECT REQUEST EXPECTED. */
  getObjectJsonpathAssert(object: string, request: string, expected: string): boolean {
    const res = this.run(`kubectl get ${object} -o jsonpath='${request}'`);
    return this.matches(`get ${object} ${request}`, res, expected);
  }

  private matches(what: string, res: TranscriptEntry, expected: string): boolean {
    const ok = bashMatch(expected).test(res.stdout);
    return this.record(`${what}: ${expected}`, ok, res.stdout + res.stderr);
  }

  /** kube::test::describe_object_assert RESOURCE OBJECT MATCHES...: every match in `describe`. */
  describeObjectAssert(resource: string, object: string, ...matches: string[]): boolean {
    const r = this.run(`kubectl describe ${resource} ${object}`);
    const missing = matches.filter((m) => !r.stdout.includes(m));
    return this.record(`describe ${resource} ${object} has ${matches.join(', ')}`, missing.length === 0, `missing ${missing.join(', ')} in ${r.stdout}${r.stderr}`);
  }

  /** kube::test::describe_resource_assert RESOURCE MATCHES...: the same for every object listed. */
  describeResourceAssert(resource: string, ...matches: string[]): boolean {
    const r = this.run(`kubectl describe ${resource}`);
    const missing = matches.filter((m) => !r.stdout.includes(m));
    return this.record(`describe ${resource} has ${matches.join(', ')}`, missing.length === 0, `missing ${missing.join(', ')} in ${r.stdout}${r.stderr}`);
  }

  /**
   * kube::test::describe_object_events_assert RESOURCE OBJECT [SHOW_EVENTS]: `Events:` is in the
   * description unless `--show-events=false`.
   */
  describeObjectEventsAssert(resource: string, object: string, showEvents?: boolean): boolean {
    return this.eventsAssert(`kubectl describe${showEvents === undefined ? '' : ` --show-events=${showEvents}`} ${resource} ${object}`, showEvents);
  }

  /** kube::test::describe_resource_events_assert RESOURCE [SHOW_EVENTS]: the same for every object listed. */
  describeResourceEventsAssert(resource: string, showEvents?: boolean): boolean {
    return this.eventsAssert(`kubectl describe${showEvents === undefined ? '' : ` --show-events=${showEvents}`} ${resource}`, showEvents);
  }

  private eventsAssert(line: string, showEvents: boolean | undefined): boolean {
    const r = this.run(line);
    const has = r.stdout.includes('Events:');
    const want = showEvents !== false;
    return this.record(`${line} ${want ? 'has' : 'has not'} Events:`, has === want, `${r.stdout}${r.stderr}`);
  }

  /**
   * kube::test::describe_resource_chunk_size_assert RESOURCE ADDITIONAL [ARGS]: `describe` lists
   * RESOURCE and each additional resource (its events) with `limit=500`, and with `limit=10`
   * under `--chunk-size=10`, as its `-v=6` request log shows.
   */
  describeResourceChunkSizeAssert(resource: string, additional: string, args = ''): boolean {
    const lists = [resource, ...additional.split(',').filter(Boolean)];
    const log = (extra: string) => this.run(`kubectl describe ${resource}${extra} --show-events=true -v=6 ${args}`.trimEnd()).stderr;
    const byDefault = log('');
    const custom = log(' --chunk-size=10');
    const missing = [
      ...lists.filter((r) => !new RegExp(`${r}\\?.*limit=500`).test(byDefault)).map((r) => `${r} limit=500`),
      ...lists.filter((r) => !new RegExp(`${r}\\?.*limit=10\\b`).test(custom)).map((r) => `${r} limit=10`),
    ];
    return this.record(`describe ${resource} lists ${lists.join(', ')} in chunks`, missing.length === 0, `missing ${missing.join(', ')} in:\n${byDefault}${custom}`);
  }

  /** kube::test::if_has_string MESSAGE MATCH (grep -q: a basic regular expression). */
  ifHasString(message: string, match: string): boolean {
    return this.record(`${this.lastCommand} has string ${match}`, grepQ(message, match), message);
  }

  /** kube::test::if_has_not_string MESSAGE MATCH. */
  ifHasNotString(message: string, match: string): boolean {
    return this.record(`${this.lastCommand} has not string ${match}`, !grepQ(message, match), message);
  }
}

/**
 * `[[ $res =~ ^$expected$ ]]`: bash compiles the pattern without REG_NEWLINE, so `.` matches a
 * newline too (an annotation's last-applied JSON ends in one).
 */
function bashMatch(expected: string): RegExp {
  return new RegExp(`^${expected}$`, 's');
}

/** `grep -q` on a basic regular expression, which the suites use as plain text nearly always. */
function grepQ(text: string, pattern: string): boolean {
  try {
    return new RegExp(pattern.replace(/[+?(){}|]/g, (c) => `\\${c}`)).test(text);
  } catch {
    return text.includes(pattern);
  }
}

/** Passed and total over a group's results. */
export function tally(results: readonly AssertionResult[]): { passed: number; total: number } {
  return { passed: results.filter((r) => r.ok).length, total: results.length };
}
