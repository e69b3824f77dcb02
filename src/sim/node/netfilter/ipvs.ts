/**
 * The node's IPVS table (ipvs mode): virtual servers with their schedulers and real servers, the
 * round-robin choice the kernel makes, and `ipvsadm -Ln` as ipvsadm 1.31 prints it.
 */

export type IpvsProtocol = 'TCP' | 'UDP' | 'SCTP';

export interface RealServer {
  readonly address: string;
  readonly port: number;
  /** 1 for a ready endpoint, 0 while it terminates gracefully (no new connections). */
  weight: number;
  activeConnections: number;
  inactiveConnections: number;
}

export interface VirtualServer {
  readonly protocol: IpvsProtocol;
  readonly address: string;
  readonly port: number;
  scheduler: string;
  /** ClientIP session affinity: `persistent <seconds>`. */
  persistentTimeout: number | undefined;
  realServers: RealServer[];
  /** Round-robin position (ip_vs_rr keeps the last server it chose). */
  rrIndex: number;
  /** Client address -> real server, for persistence. */
  readonly persistence: Map<string, { server: RealServer; expires: number }>;
}

export function virtualServerKey(protocol: IpvsProtocol, address: string, port: number): string {
  return `${protocol} ${address}:${port}`;
}

export class Ipvs {
  readonly services = new Map<string, VirtualServer>();

  /** `ipvsadm -A` or `-E`: add the virtual server or update its scheduler and persistence. */
  ensureVirtualServer(protocol: IpvsProtocol, address: string, port: number, scheduler = 'rr', persistentTimeout?: number): VirtualServer {
    const k = virtualServerKey(protocol, address, port);
    let vs = this.services.get(k);
    if (!vs) {
      vs = { protocol, address, port, scheduler, persistentTimeout, realServers: [], rrIndex: -1, persistence: new Map() };
      this.services.set(k, vs);
    } else {
      vs.scheduler = scheduler;
      vs.persistentTimeout = persistentTimeout;
    }
    return vs;
  }

  get(protocol: IpvsProtocol, address: string, port: number): VirtualServer | undefined {
    return this.services.get(virtualServerKey(protocol, address, port));
  }

  deleteVirtualServer(protocol: IpvsProtocol, address: string, port: number): void {
    this.services.delete(virtualServerKey(protocol, address, port));
  }

  /** Make the real servers exactly `wanted` (address, port, weight), keeping connection counts of those that stay. */
  setRealServers(vs: VirtualServer, wanted: readonly { address: string; port: number; weight: number }[]): void {
    const old = new Map(vs.realServers.map((r) => [`${r.address}:${r.port}`, r]));
    vs.realServers = wanted.map((w) => {
      const o = old.get(`${w.address}:${w.port}`);
      if (o) {
        o.weight = w.weight;
        return o;
      }
      return { address: w.address, port: w.port, weight: w.weight, activeConnections: 0, inactiveConnections: 0 };
    });
  }

  /**
   * The real server the kernel picks for a new connection from `client`: the persistent one when
   * affinity holds, otherwise the next server with weight > 0 in round-robin order.
   */
  schedule(vs: VirtualServer, client: string, now: number): RealServer | undefined {
    if (vs.persistentTimeout !== undefined) {
      const p = vs.persistence.get(client);
      if (p && p.expires > now && vs.realServers.includes(p.server) && p.server.weight > 0) {
        p.expires = now + vs.persistentTimeout;
        return p.server;
      }
    }
    const n = vs.realServers.length;
    for (let step = 1; step <= n; step++) {
      const i = (vs.rrIndex + step) % n;
      const rs = vs.realServers[i] as RealServer;
      if (rs.weight > 0) {
        vs.rrIndex = i;
        if (vs.persistentTimeout !== undefined) vs.persistence.set(client, { server: rs, expires: now + vs.persistentTimeout });
        return rs;
      }
    }
    return undefined;
  }
}

function hostPort(address: string, port: number): string {
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
}

/** `ipvsadm -Ln` (print format of ipvsadm 1.31: fixed-width columns, trailing padding included). */
export function ipvsadmList(ipvs: Ipvs): string {
  const lines = [
    'IP Virtual Server version 1.2.1 (size=4096)',
    'Prot LocalAddress:Port Scheduler Flags',
    '  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn',
  ];
  for (const vs of ipvs.services.values()) {
    const flags = vs.persistentTimeout !== undefined ? ` persistent ${vs.persistentTimeout}` : '';
    lines.push(`${vs.protocol}  ${hostPort(vs.address, vs.port)} ${vs.scheduler}${flags}`);
    for (const rs of vs.realServers)
      lines.push(
        `  -> ${hostPort(rs.address, rs.port).padEnd(28)} ${'Masq'.padEnd(7)} ${String(rs.weight).padEnd(6)} ${String(rs.activeConnections).padEnd(10)} ${String(rs.inactiveConnections).padEnd(10)}`,
      );
  }
  return lines.map((l) => `${l}\n`).join('');
}
