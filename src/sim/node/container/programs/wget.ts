/**
 * busybox wget (1.36), the HTTP client of busybox and alpine images: `wget [-q] [-O FILE|-O-]
 * [--spider] [-T SECS] URL`. Without -q it says where it connects and draws its progress bar on
 * stderr; errors are busybox's lines (`wget: bad address 'x'`, `wget: can't connect to remote
 * host (IP): Connection refused`, `wget: server returned error: HTTP/1.1 404 Not Found`,
 * `wget: download timed out`), each exiting 1. -S prints the response's status line.
 */
import { bodyLines, KERNEL_CONNECT_TIMEOUT_MS, parseUrl, reasonPhrase, type NetworkProgram } from './net-access';

const USAGE = 'Usage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[--no-check-certificate] [-P DIR] [-U AGENT] [-T SEC] URL...';

/** busybox's progress bar, finished. */
function progressLine(name: string, bytes: number): string {
  return `${name.padEnd(20).slice(0, 20)} 100% |${'*'.repeat(32)}| ${String(bytes).padStart(5)}  0:00:00 ETA`;
}

export const wget: NetworkProgram = (args, io, net) => {
  let quiet = false;
  let spider = false;
  let serverResponse = false;
  let output: string | undefined;
  let timeoutMs: number | undefined;
  let target: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '-q' || a === '--quiet') quiet = true;
    else if (a === '-S' || a === '--server-response') serverResponse = true;
    else if (a === '--spider') spider = true;
    else if (a === '-O' || a === '--output-document') output = args[++i];
    else if (a.startsWith('-O')) output = a.slice(2);
    else if (a.startsWith('--output-document=')) output = a.slice('--output-document='.length);
    else if (a === '-T' || a === '--timeout' || a.startsWith('--timeout=') || (a.startsWith('-T') && a.length > 2)) {
      const v = a === '-T' || a === '--timeout' ? args[++i] : a.startsWith('-T') ? a.slice(2) : a.slice('--timeout='.length);
      const n = Number(v);
      if (v === undefined || !Number.isInteger(n) || n < 0) {
        io.err(`wget: invalid number '${v ?? ''}'`);
        return { status: 1, waitedMs: 0 };
      }
      timeoutMs = n * 1000;
    } else if (a === '-qO-') {
      quiet = true;
      output = '-';
    } else if (a.startsWith('-') && a.length > 1) {
      io.err(`wget: unrecognized option '${a}'`);
      for (const l of USAGE.split('\n')) io.err(l);
      return { status: 1, waitedMs: 0 };
    } else target = a;
  }
  if (target === undefined) {
    for (const l of USAGE.split('\n')) io.err(l);
    return { status: 1, waitedMs: 0 };
  }
  const url = parseUrl(target);
  if (!url || (url.scheme !== 'http' && url.scheme !== 'https')) {
    io.err(`wget: not an http or ftp url: ${target}`);
    return { status: 1, waitedMs: 0 };
  }
  const answer = net.resolve(url.host);
  if (!answer || answer.addresses.length === 0) {
    io.err(`wget: bad address '${url.host}'`);
    return { status: 1, waitedMs: 0 };
  }
  const address = answer.addresses[0] as string;
  if (!quiet) io.err(`Connecting to ${url.authority} (${address}:${url.port})`);
  const delivery = net.connect(address, url.port, url.path);
  if (delivery.outcome === 'timeout') {
    if (timeoutMs !== undefined && timeoutMs > 0 && timeoutMs < KERNEL_CONNECT_TIMEOUT_MS) {
      io.err('wget: download timed out');
      return { status: 1, waitedMs: timeoutMs };
    }
    io.err(`wget: can't connect to remote host (${address}): Connection timed out`);
    return { status: 1, waitedMs: KERNEL_CONNECT_TIMEOUT_MS };
  }
  if (delivery.outcome !== 'connected') {
    io.err(`wget: can't connect to remote host (${address}): Connection refused`);
    return { status: 1, waitedMs: 0 };
  }
  const response = delivery.response;
  if (!response || url.scheme === 'https') {
    io.err('wget: error getting response: Connection reset by peer');
    return { status: 1, waitedMs: 0 };
  }
  // -S: the status line as the server sent it, indented (the simulated servers send no other headers worth showing).
  if (serverResponse) io.err(`  HTTP/1.1 ${response.status} ${reasonPhrase(response.status)}`);
  if (response.status >= 400) {
    io.err(`wget: server returned error: HTTP/1.1 ${response.status} ${reasonPhrase(response.status)}`);
    return { status: 1, waitedMs: 0 };
  }
  if (spider) {
    if (!quiet) io.err('remote file exists');
    return { status: 0, waitedMs: 0 };
  }
  const toStdout = output === '-';
  const file = output ?? (url.path.replace(/[?#].*$/, '').split('/').pop() || 'index.html');
  if (!quiet) io.err(toStdout ? 'writing to stdout' : `saving to '${file}'`);
  if (toStdout) for (const l of bodyLines(response.body)) io.out(l);
  else io.writeFile(file, response.body);
  if (!quiet) {
    io.err(progressLine(toStdout ? '-' : file, response.body.length));
    io.err(toStdout ? 'written to stdout' : `'${file}' saved`);
  }
  return { status: 0, waitedMs: 0 };
};
