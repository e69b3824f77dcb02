/**
 * What a network client program (curl, wget, nslookup) run in a container or on a node gets: the
 * resolver of its network namespace (a pod's resolv.conf, or the node's, which knows no cluster
 * names) and the data plane, starting from that namespace. A program answers with its exit
 * status and the virtual milliseconds it waited (a connect timeout), which the caller puts on the
 * engine's clock.
 */
import type { DnsAnswer } from '../../../network/cluster-dns';
import type { Delivery } from '../../../network/dataplane';

export interface NetAccess {
  /** Resolve a host name (or pass an IP through); undefined: no such name. */
  resolve(name: string): DnsAnswer | undefined;
  /** One TCP connection and an HTTP GET of `path` on it. */
  connect(address: string, port: number, path: string): Delivery;
  /** The nameserver of resolv.conf, for nslookup; undefined on a node. */
  readonly nameserver: string | undefined;
}

export interface ProgramIO {
  out(line: string): void;
  err(line: string): void;
  /** Virtual ms now (a response's Date). */
  now(): number;
  /** Write a file in the container (wget -O FILE). */
  writeFile(path: string, content: string): void;
}

export interface ProgramResult {
  readonly status: number;
  /** Virtual ms the program blocked (a connect that timed out). */
  readonly waitedMs: number;
}

/** A program the shell runs for a command name it has no builtin for; undefined: not found. */
export type ExternalProgram = (name: string, args: readonly string[], io: ProgramIO) => ProgramResult | undefined;

export type NetworkProgram = (args: readonly string[], io: ProgramIO, net: NetAccess) => ProgramResult;

export interface ParsedUrl {
  readonly scheme: string;
  readonly host: string;
  /** The host as written, with its port when the URL gave one (what busybox wget prints). */
  readonly authority: string;
  readonly port: number;
  /** Path with query, as sent in the request line. */
  readonly path: string;
}

/** `http://host:port/path`, `host/path`, `host:port`: curl's and wget's guess of a scheme-less URL is http. */
export function parseUrl(text: string): ParsedUrl | undefined {
  const m = /^(?:([a-zA-Z][a-zA-Z0-9+.-]*):\/\/)?([^/:?#\s]+)(?::(\d+))?([/?][^#\s]*)?$/.exec(text);
  if (!m) return undefined;
  const scheme = (m[1] ?? 'http').toLowerCase();
  const port = m[3] !== undefined ? Number(m[3]) : scheme === 'https' ? 443 : 80;
  if (port > 65535) return undefined;
  const path = m[4] ?? '/';
  const host = m[2] ?? '';
  return { scheme, host, authority: m[3] !== undefined ? `${host}:${m[3]}` : host, port, path: path.startsWith('/') ? path : `/${path}` };
}

/** The reason phrase of a status code (Go's net/http StatusText, which the simulated servers use). */
export function reasonPhrase(status: number): string {
  return (
    {
      200: 'OK',
      201: 'Created',
      204: 'No Content',
      301: 'Moved Permanently',
      302: 'Found',
      304: 'Not Modified',
      400: 'Bad Request',
      401: 'Unauthorized',
      403: 'Forbidden',
      404: 'Not Found',
      500: 'Internal Server Error',
      502: 'Bad Gateway',
      503: 'Service Unavailable',
    }[status] ?? ''
  );
}

/** A body as the lines a line-based stream writes (a final newline does not add an empty line). */
export function bodyLines(body: string): string[] {
  if (body === '') return [];
  return body.replace(/\n$/, '').split('\n');
}

/** How long the kernel retries a SYN that gets no answer (tcp_syn_retries=6), before connect() fails. */
export const KERNEL_CONNECT_TIMEOUT_MS = 130_000;
