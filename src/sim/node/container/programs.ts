/**
 * The container model: what a container does, decided by its image and its command, so that
 * the manifests of the kubernetes.io tasks behave as their pages say.
 *
 * - busybox, alpine, ubuntu, debian (and any image run with `sh -c`): the shell subset in
 *   shell.ts; with no command their default `sh` exits 0 at once (no terminal), as for real.
 * - nginx, httpd: HTTP on :80, serving the files of their document root (the image's
 *   index.html, or what a volume mounted there holds: 403 for a directory without index.html,
 *   404 for what is not there); SIGTERM exits 0 in 0.2 s.
 * - registry.k8s.io/e2e-test-images/agnhost: `netexec` (:8080), `serve-hostname` (:9376),
 *   `liveness` (:8080, /healthz 200 for 10 s, then 500), `pause`.
 * - registry.k8s.io/liveness: /healthz on :8080, 200 for 10 s then 500 (the probes task).
 * - polinux/stress: `--vm-bytes N` allocates N; past the memory limit the OOM killer ends it (137).
 * - perl: `perl -Mbignum=bpi -wle 'print bpi(N)'` prints pi to N digits after a few seconds.
 * - registry.k8s.io/pause and anything else: runs until stopped, silent.
 * A process that does not handle SIGTERM (a shell or sleep as PID 1) waits for SIGKILL.
 */
import { SIMULATION_EPOCH_MS } from '../../api/time';
import type { ContainerProcess, HttpResponse, ProcessHost, ProcessSpec, TimerHandle } from './process';
import { parseShell, ShellInterpreter, ShellSyntaxError, type ShellContext } from './shell';

/** nginx's reaction to SIGTERM/SIGQUIT: a fast shutdown. */
const SERVER_SHUTDOWN_MS = 200;
const LIVENESS_HEALTHY_MS = 10_000;
/** The pi Job of the docs takes a few seconds on a real node. */
const PERL_PI_MS = 4_000;
/** polinux/stress touches its memory in about a second. */
const STRESS_ALLOCATE_MS = 1_000;
/** What a running process uses when the model has no better figure. */
const BASE_MEMORY_BYTES = 2 * 1024 * 1024;

/** The repository's last path element: docker.io/library/nginx -> nginx. */
function baseName(repository: string): string {
  return repository.slice(repository.lastIndexOf('/') + 1);
}

abstract class BaseProcess implements ContainerProcess {
  protected ended = false;
  protected injected: number | undefined;
  /** Pending timers; most processes have none or one, so an array, made when first needed. */
  private timers: TimerHandle[] | undefined;
  memoryBytes = BASE_MEMORY_BYTES;

  constructor(protected readonly host: ProcessHost) {}

  protected after(ms: number, run: () => void): void {
    if (!Number.isFinite(ms)) return; // sleep infinity: nothing to schedule
    const handle = this.host.schedule(ms, () => {
      const i = this.timers?.indexOf(handle) ?? -1;
      if (i >= 0) this.timers?.splice(i, 1);
      if (!this.ended) run();
    });
    (this.timers ??= []).push(handle);
  }

  protected exit(code: number, oom = false): void {
    if (this.ended) return;
    this.ended = true;
    for (const t of this.timers ?? []) t.cancel();
    this.timers = undefined;
    this.host.exit(code, oom);
  }

  kill(): void {
    this.ended = true;
    for (const t of this.timers ?? []) t.cancel();
    this.timers = undefined;
  }

  /** Default: PID 1 without a SIGTERM handler ignores it. */
  terminate(): void {}

  listens(_port: number): boolean {
    return false;
  }

  httpGet(port: number, path: string): HttpResponse | undefined {
    if (this.ended || !this.listens(port)) return undefined;
    if (this.injected !== undefined) return { status: this.injected, body: '' };
    return this.serve(port, path);
  }

  protected serve(_port: number, _path: string): HttpResponse {
    return { status: 404, body: '' };
  }

  injectHttpStatus(status: number | undefined): void {
    this.injected = status;
  }
}

/** Runs until stopped; answers nothing. registry.k8s.io/pause, unknown images. */
class IdleProcess extends BaseProcess {}

class ShellProcess extends BaseProcess {
  constructor(host: ProcessHost, script: string) {
    super(host);
    const ctx: ShellContext = { now: () => host.now(), env: host.env, files: host.files, hostname: host.hostname, out: (l) => host.stdout(l), err: (l) => host.stderr(l), ...(host.external ? { external: host.external } : {}) };
    let gen: Generator<number, number, void>;
    try {
      gen = new ShellInterpreter(ctx, SIMULATION_EPOCH_MS).run(parseShell(script));
    } catch (e) {
      if (!(e instanceof ShellSyntaxError)) throw e;
      host.stderr(`sh: ${e.message}`);
      this.after(0, () => this.exit(2));
      return;
    }
    // Step the script now (a container's first output comes as it starts), then after each sleep.
    const step = () => {
      const r = gen.next();
      if (r.done) this.exit(r.value);
      else this.after(r.value, step);
    };
    step();
  }
}

/** A web server: nginx, httpd, agnhost netexec/serve-hostname, the liveness image. */
class ServerProcess extends BaseProcess {
  private readonly startedAt: number;
  constructor(
    host: ProcessHost,
    private readonly ports: readonly number[],
    private readonly handler: (path: string, uptimeMs: number, host: ProcessHost) => HttpResponse,
    startupLines: readonly string[],
  ) {
    super(host);
    this.startedAt = host.now();
    for (const line of startupLines) host.stdout(line);
  }

  override listens(port: number): boolean {
    return !this.ended && this.ports.includes(port);
  }

  protected override serve(_port: number, path: string): HttpResponse {
    return this.handler(path, this.host.now() - this.startedAt, this.host);
  }

  override terminate(): void {
    this.after(SERVER_SHUTDOWN_MS, () => this.exit(0));
  }
}

class StressProcess extends BaseProcess {
  constructor(host: ProcessHost, bytes: number) {
    super(host);
    host.stdout('stress: info: [1] dispatching hogs: 0 cpu, 0 io, 1 vm, 0 hdd');
    this.after(STRESS_ALLOCATE_MS, () => {
      this.memoryBytes = BASE_MEMORY_BYTES + bytes;
      const limit = host.memoryLimitBytes;
      if (limit !== undefined && this.memoryBytes > limit) this.exit(137, true);
    });
  }
}

class PerlPiProcess extends BaseProcess {
  constructor(host: ProcessHost, digits: number | undefined) {
    super(host);
    this.after(PERL_PI_MS, () => {
      if (digits !== undefined) host.stdout(piDigits(digits));
      this.exit(0);
    });
  }
}

/** 1 KiB = 1024 bytes as stress reads `--vm-bytes 150M`. */
export function parseStressBytes(text: string): number | undefined {
  const m = /^(\d+)([bBkKmMgG]?)$/.exec(text);
  if (!m) return undefined;
  const unit = { '': 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[(m[2] ?? '').toLowerCase()] ?? 1;
  return Number(m[1]) * unit;
}

let piCache: { digits: number; text: string } | undefined;

/** Pi to `digits` significant digits (Machin's formula on BigInt), as bignum's bpi prints it. */
export function piDigits(digits: number): string {
  if (piCache && piCache.digits === digits) return piCache.text;
  const guard = 10n;
  const scale = 10n ** (BigInt(digits) + guard);
  const arctanInv = (x: bigint): bigint => {
    let sum = 0n;
    let term = scale / x;
    const x2 = x * x;
    for (let k = 1n, sign = 1n; term !== 0n; k += 2n, sign = -sign) {
      sum += (sign * term) / k;
      term /= x2;
    }
    return sum;
  };
  const pi = 4n * (4n * arctanInv(5n) - arctanInv(239n));
  const all = (pi / 10n ** guard).toString(); // digits+1 digits: "31415..."
  const text = `${all[0]}.${all.slice(1, digits)}`;
  piCache = { digits, text };
  return text;
}

// Shared by every nginx and httpd container: 15,000 of them must not each carry a copy.
const NGINX_LINES: readonly string[] = [
  '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
  '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
  '/docker-entrypoint.sh: Configuration complete; ready for start up',
];
const HTTPD_LINES: readonly string[] = ["AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using 10.244.0.1. Set the 'ServerName' directive globally to suppress this message"];
const HTTP_PORTS: readonly number[] = [80];
const NGINX_ROOT = '/usr/share/nginx/html';
const HTTPD_ROOT = '/usr/local/apache2/htdocs';
const NGINX_INDEX = '<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\n<style>\nhtml { color-scheme: light dark; }\nbody { width: 35em; margin: 0 auto;\nfont-family: Tahoma, Verdana, Arial, sans-serif; }\n</style>\n</head>\n<body>\n<h1>Welcome to nginx!</h1>\n<p>If you see this page, the nginx web server is successfully installed and\nworking. Further configuration is required.</p>\n\n<p>For online documentation and support please refer to\n<a href="http://nginx.org/">nginx.org</a>.<br/>\nCommercial support is available at\n<a href="http://nginx.com/">nginx.com</a>.</p>\n\n<p><em>Thank you for using nginx.</em></p>\n</body>\n</html>\n';
const HTTPD_INDEX = '<html><body><h1>It works!</h1></body></html>\n';
/** The files the images ship with, one shared read-only layer per image. */
export const IMAGE_FILES: Readonly<Record<string, ReadonlyMap<string, string>>> = {
  nginx: new Map([[`${NGINX_ROOT}/index.html`, NGINX_INDEX]]),
  httpd: new Map([[`${HTTPD_ROOT}/index.html`, HTTPD_INDEX]]),
};
/** The image layer of a repository (docker.io/library/nginx), if the model has one. */
export function imageFiles(repository: string): ReadonlyMap<string, string> | undefined {
  return IMAGE_FILES[baseName(repository)];
}

/** nginx's own error pages (ngx_http_special_response.c), with the version of the 1.27 image. */
const nginxError = (code: number, text: string): HttpResponse => ({
  status: code,
  body: `<html>\n<head><title>${code} ${text}</title></head>\n<body>\n<center><h1>${code} ${text}</h1></center>\n<hr><center>nginx/1.27.3</center>\n</body>\n</html>\n`,
});
const NGINX_ERRORS = { forbidden: nginxError(403, 'Forbidden'), notFound: nginxError(404, 'Not Found') };
const HTTPD_ERRORS = {
  forbidden: { status: 403, body: `<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>403 Forbidden</title>\n</head><body>\n<h1>Forbidden</h1>\n<p>You don't have permission to access this resource.</p>\n</body></html>\n` },
  notFound: { status: 404, body: `<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n</body></html>\n` },
};
/** A static file server: the index of a directory, 403 for a directory without one. */
function staticFiles(root: string, errors: { readonly forbidden: HttpResponse; readonly notFound: HttpResponse }): (path: string, uptimeMs: number, host: ProcessHost) => HttpResponse {
  const cache = new Map<string, HttpResponse>();
  return (path, _uptime, host) => {
    const file = `${root}${path.endsWith('/') ? `${path}index.html` : path}`;
    const body = host.files.read(file);
    if (body !== undefined) {
      // Shared answers for the image's own pages: 15,000 servers must not each make one.
      let response = cache.get(body);
      if (!response) {
        response = { status: 200, body };
        if (cache.size < 100) cache.set(body, response);
      }
      return response;
    }
    return host.files.isDirectory(`${root}${path}`) ? errors.forbidden : errors.notFound;
  };
}
const nginxHandler = staticFiles(NGINX_ROOT, NGINX_ERRORS);
const httpdHandler = staticFiles(HTTPD_ROOT, HTTPD_ERRORS);

const notFound: HttpResponse = { status: 404, body: '404 page not found\n' };

function livenessHandler(path: string, uptimeMs: number): HttpResponse {
  if (path !== '/healthz') return notFound;
  return uptimeMs < LIVENESS_HEALTHY_MS ? { status: 200, body: 'ok' } : { status: 500, body: `error: ${(uptimeMs / 1000).toFixed(6)}` };
}

function flagValue(args: readonly string[], flag: string): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    if (a === flag) return args[i + 1];
    if (a.startsWith(`${flag}=`)) return a.slice(flag.length + 1);
  }
  return undefined;
}

/** Start the process the image and command describe. */
export function startProcess(spec: ProcessSpec, host: ProcessHost): ContainerProcess {
  const image = baseName(spec.repository);
  const argv = [...spec.command, ...spec.args];
  const [first = '', ...rest] = argv;
  const program = first.replace(/^\/(usr\/)?(local\/)?bin\//, '');

  if (/^(sh|bash|ash|dash)$/.test(program)) {
    if (rest[0] === '-c') return new ShellProcess(host, rest[1] ?? '');
    return new ShellProcess(host, ''); // an interactive shell without a terminal reads EOF and exits 0
  }
  if (program === 'sleep' || program === 'echo' || program === 'printenv' || program === 'env' || program === 'date' || program === 'cat' || program === 'true' || program === 'false' || program === 'touch') {
    return new ShellProcess(host, argv.map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' '));
  }
  if (program === 'perl') {
    const m = /bpi\((\d+)\)/.exec(argv.join(' '));
    return new PerlPiProcess(host, m ? Number(m[1]) : undefined);
  }
  if (program === 'stress' || image === 'stress') {
    const bytes = parseStressBytes(flagValue(argv, '--vm-bytes') ?? '256M') ?? 256 * 1024 ** 2;
    return new StressProcess(host, bytes);
  }
  if (image === 'agnhost') {
    const sub = argv.find((a) => !a.startsWith('-') && !a.includes('agnhost')) ?? 'pause';
    if (sub === 'netexec') {
      const port = Number(flagValue(argv, '--http-port') ?? 8080);
      return new ServerProcess(host, [port], (path) => (path === '/' || path.startsWith('/hostname') ? { status: 200, body: host.hostname } : path === '/healthz' ? { status: 200, body: '' } : notFound), [`Started HTTP server on port ${port}`]);
    }
    if (sub === 'serve-hostname') return new ServerProcess(host, [9376], () => ({ status: 200, body: host.hostname }), [`Serving on port 9376.`]);
    if (sub === 'liveness') return new ServerProcess(host, [8080], livenessHandler, ['Started HTTP server on port 8080']);
    return new IdleProcess(host);
  }
  if (image === 'liveness' && spec.repository.startsWith('registry.k8s.io/')) return new ServerProcess(host, [8080], livenessHandler, []);
  if (argv.length === 0 && image === 'nginx') return new ServerProcess(host, HTTP_PORTS, nginxHandler, NGINX_LINES);
  if (argv.length === 0 && image === 'httpd') return new ServerProcess(host, HTTP_PORTS, httpdHandler, HTTPD_LINES);
  if (argv.length === 0 && ['busybox', 'alpine', 'ubuntu', 'debian'].includes(image)) return new ShellProcess(host, '');
  return new IdleProcess(host);
}
