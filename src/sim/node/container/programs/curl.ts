/**
 * curl (8.x) as the tutorials use it against Services: `curl [-s] [-S] [-v] [-I] [-o FILE]
 * [-w FORMAT] [-m SECS] [--connect-timeout SECS] URL`. The request goes through the data plane
 * from the namespace curl runs in; errors are curl's own lines and exit codes: (6) a name that
 * does not resolve, (7) a refused or rejected connection, (28) a connect that timed out (the
 * wait is the kernel's SYN retries, about 130 s, or -m / --connect-timeout, whichever is first).
 * Its output is not a terminal (kubectl exec without -t), so without -s curl draws its progress
 * meter on stderr, as it does into a pipe.
 */
import { SIMULATION_EPOCH_MS } from '../../../api/time';
import { bodyLines, KERNEL_CONNECT_TIMEOUT_MS, parseUrl, reasonPhrase, type NetworkProgram, type ProgramIO } from './net-access';

const CURL_VERSION = '8.11.1';
const HELP_HINT = "curl: try 'curl --help' or 'curl --manual' for more information";

interface CurlOptions {
  silent: boolean;
  showError: boolean;
  verbose: boolean;
  head: boolean;
  output: string | undefined;
  writeOut: string | undefined;
  maxTimeMs: number | undefined;
  connectTimeoutMs: number | undefined;
  url: string | undefined;
}

type Parsed = CurlOptions | { readonly usage: string };

function parseArgs(args: readonly string[]): Parsed {
  const o: CurlOptions = { silent: false, showError: false, verbose: false, head: false, output: undefined, writeOut: undefined, maxTimeMs: undefined, connectTimeoutMs: undefined, url: undefined };
  const seconds = (flag: string, v: string | undefined): number | string => {
    const n = Number(v);
    if (v === undefined) return `curl: option ${flag}: requires parameter`;
    if (!Number.isFinite(n) || n < 0) return `curl: option ${flag}: expected a proper numerical parameter`;
    return Math.round(n * 1000);
  };
  const withValue = (flag: string, v: string | undefined): string | undefined => {
    switch (flag) {
      case '-o':
      case '--output':
        if (v === undefined) return `curl: option ${flag}: requires parameter`;
        o.output = v;
        return undefined;
      case '-w':
      case '--write-out':
        if (v === undefined) return `curl: option ${flag}: requires parameter`;
        o.writeOut = v;
        return undefined;
      case '-m':
      case '--max-time': {
        const ms = seconds(flag, v);
        if (typeof ms === 'string') return ms;
        o.maxTimeMs = ms;
        return undefined;
      }
      default: {
        const ms = seconds(flag, v);
        if (typeof ms === 'string') return ms;
        o.connectTimeoutMs = ms;
        return undefined;
      }
    }
  };
  const takesValue = new Set(['-o', '--output', '-w', '--write-out', '-m', '--max-time', '--connect-timeout']);
  const booleans: Record<string, keyof CurlOptions> = { '-s': 'silent', '--silent': 'silent', '-S': 'showError', '--show-error': 'showError', '-v': 'verbose', '--verbose': 'verbose', '-I': 'head', '--head': 'head' };
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const flag = eq > 0 ? a.slice(0, eq) : a;
      if (takesValue.has(flag)) {
        const err = withValue(flag, eq > 0 ? a.slice(eq + 1) : args[++i]);
        if (err) return { usage: err };
      } else if (booleans[flag]) (o as unknown as Record<string, boolean>)[booleans[flag]] = true;
      else return { usage: `curl: option ${a}: is unknown` };
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      // Short options bundle: -sS, -sSo FILE, -w%{http_code}.
      for (let k = 1; k < a.length; k++) {
        const flag = `-${a[k]}`;
        if (takesValue.has(flag)) {
          const rest = a.slice(k + 1);
          const err = withValue(flag, rest !== '' ? rest : args[++i]);
          if (err) return { usage: err };
          break;
        }
        const name = booleans[flag];
        if (!name) return { usage: `curl: option ${a}: is unknown` };
        (o as unknown as Record<string, boolean>)[name] = true;
      }
      continue;
    }
    o.url = a;
  }
  return o;
}

/** curl's max5data: a byte count in at most five characters. */
function max5(bytes: number): string {
  const KB = 1024;
  const MB = KB * KB;
  if (bytes < 100000) return String(bytes).padStart(5);
  if (bytes < 10000 * KB) return `${String(Math.floor(bytes / KB)).padStart(4)}k`;
  if (bytes < 100 * MB) return `${String(Math.floor(bytes / MB)).padStart(2)}.${Math.floor((bytes % MB) / (MB / 10))}M`;
  return `${String(Math.floor(bytes / MB)).padStart(4)}M`;
}

/** The progress meter's head and final line; the transfer is taken to last one millisecond. */
function progressMeter(io: ProgramIO, bytes: number): void {
  const speed = max5(bytes * 1000);
  const pct = bytes > 0 ? '100' : '  0';
  io.err('  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current');
  io.err('                                 Dload  Upload   Total   Spent    Left  Speed');
  io.err(`${pct} ${max5(bytes)}  ${pct} ${max5(bytes)}    0     0  ${speed}      0 --:--:-- --:--:-- --:--:-- ${speed}`);
}

/** An HTTP date, as servers send it. */
function httpDate(ms: number): string {
  return new Date(SIMULATION_EPOCH_MS + ms).toUTCString();
}

export const curl: NetworkProgram = (args, io, net) => {
  const o = parseArgs(args);
  if ('usage' in o) {
    io.err(o.usage);
    io.err(HELP_HINT);
    return { status: 2, waitedMs: 0 };
  }
  if (o.url === undefined) {
    io.err('curl: no URL specified');
    io.err(HELP_HINT);
    return { status: 2, waitedMs: 0 };
  }
  const showErrors = !o.silent || o.showError;
  const fail = (code: number, message: string, waitedMs = 0) => {
    if (!o.silent) progressMeter(io, 0);
    if (showErrors) io.err(`curl: (${code}) ${message}`);
    return { status: code, waitedMs };
  };
  const url = parseUrl(o.url);
  if (!url) return fail(3, 'URL rejected: Malformed input to a URL function');
  if (url.scheme !== 'http' && url.scheme !== 'https') return fail(1, `Protocol "${url.scheme}" not supported`);
  const answer = net.resolve(url.host);
  if (!answer || answer.addresses.length === 0) return fail(6, `Could not resolve host: ${url.host}`);
  const address = answer.addresses[0] as string;
  if (o.verbose) {
    // An address literal needs no resolver, and curl says nothing of one.
    if (address !== url.host) {
      io.err(`* Host ${url.host}:${url.port} was resolved.`);
      io.err('* IPv6: (none)');
      io.err(`* IPv4: ${answer.addresses.join(', ')}`);
    }
    io.err(`*   Trying ${address}:${url.port}...`);
  }
  const delivery = net.connect(address, url.port, url.path);
  const limits = [o.maxTimeMs, o.connectTimeoutMs].filter((x): x is number => x !== undefined && x > 0);
  const limit = limits.length ? Math.min(...limits) : undefined;
  switch (delivery.outcome) {
    case 'timeout':
      if (limit !== undefined && limit < KERNEL_CONNECT_TIMEOUT_MS) return fail(28, `Connection timed out after ${limit} milliseconds`, limit);
      return fail(28, `Failed to connect to ${url.host} port ${url.port} after ${KERNEL_CONNECT_TIMEOUT_MS} ms: Couldn't connect to server`, KERNEL_CONNECT_TIMEOUT_MS);
    case 'refused':
    case 'rejected':
      return fail(7, `Failed to connect to ${url.host} port ${url.port} after 0 ms: Couldn't connect to server`);
    case 'connected':
      break;
  }
  const response = delivery.response;
  if (url.scheme === 'https' || !response) return fail(56, 'Recv failure: Connection reset by peer');
  const statusLine = `HTTP/1.1 ${response.status} ${reasonPhrase(response.status)}`;
  const headers = [statusLine, `Date: ${httpDate(io.now())}`, `Content-Length: ${response.body.length}`];
  if (o.verbose) {
    io.err(`* Connected to ${url.host} (${address}) port ${url.port}`);
    io.err('* using HTTP/1.x');
    io.err(`> ${o.head ? 'HEAD' : 'GET'} ${url.path} HTTP/1.1`);
    io.err(`> Host: ${url.host}${url.port === 80 ? '' : `:${url.port}`}`);
    io.err(`> User-Agent: curl/${CURL_VERSION}`);
    io.err('> Accept: */*');
    io.err('> ');
    for (const h of headers) io.err(`< ${h}`);
    io.err('< ');
  }
  const printed: string[] = o.head ? [...headers, ''] : bodyLines(response.body);
  if (!o.silent && !o.verbose) progressMeter(io, o.head ? 0 : response.body.length);
  if (o.output === undefined) for (const l of printed) io.out(l);
  else if (o.output !== '/dev/null') io.writeFile(o.output, printed.map((l) => `${l}\n`).join(''));
  if (o.verbose) {
    if (!o.head) io.err(`{ [${response.body.length} bytes data]`);
    io.err(`* Connection #0 to host ${url.host} left intact`);
  }
  if (o.writeOut !== undefined) {
    const text = o.writeOut
      .replace(/%\{http_code\}|%\{response_code\}/g, String(response.status).padStart(3, '0'))
      .replace(/%\{remote_ip\}/g, address)
      .replace(/%\{remote_port\}/g, String(url.port))
      .replace(/\\n/g, '\n')
      .replace(/\\t/g, '\t');
    for (const l of bodyLines(text)) io.out(l);
  }
  return { status: 0, waitedMs: 0 };
};
