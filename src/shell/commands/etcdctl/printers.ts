/**
 * etcdctl's output formats for KV responses (ctlv3/command/printer_simple.go, printer_fields.go,
 * printer_json.go): "simple" (key and value lines), "fields" ("Key" : "foo" lines) and "json"
 * (json.Marshal of the protobuf structs: snake_case names, zero values left out, bytes base64).
 */
import {
  formatLeaseId,
  type DeleteRangeResponse,
  type KeyValue,
  type PutResponse,
  type RangeResponse,
  type ResponseHeader,
  type TxnResponse,
  type WatchResponse,
} from '../../../sim/etcd';
import type { Output } from './exit';
import { base64, goJson, goQuote, hexBytes, omit, type JsonValue } from './go';

export interface PrintOptions {
  readonly hex: boolean;
  readonly valueOnly: boolean;
}

/** printKV: the key line (unless value-only) and the value line. */
export function printKV(out: Output, o: PrintOptions, kv: KeyValue): void {
  if (!o.valueOnly) out.println(o.hex ? hexBytes(kv.key) : kv.key);
  out.println(o.hex ? hexBytes(kv.value) : kv.value);
}

export const simple = {
  get(out: Output, o: PrintOptions, r: RangeResponse): void {
    for (const kv of r.kvs) printKV(out, o, kv);
  },
  put(out: Output, o: PrintOptions, r: PutResponse): void {
    out.println('OK');
    if (r.prevKv) printKV(out, o, r.prevKv);
  },
  del(out: Output, o: PrintOptions, r: DeleteRangeResponse): void {
    out.println(String(r.deleted));
    for (const kv of r.prevKvs) printKV(out, o, kv);
  },
  txn(out: Output, o: PrintOptions, r: TxnResponse): void {
    out.println(r.succeeded ? 'SUCCESS' : 'FAILURE');
    for (const op of r.responses) {
      out.println('');
      if ('responsePut' in op) simple.put(out, o, op.responsePut);
      else if ('responseRange' in op) simple.get(out, o, op.responseRange);
      else simple.del(out, o, op.responseDeleteRange);
    }
  },
  watch(out: Output, o: PrintOptions, r: WatchResponse): void {
    for (const e of r.events) {
      out.println(e.type);
      if (e.prevKv) printKV(out, o, e.prevKv);
      printKV(out, o, e.kv);
    }
  },
};

export const fields = {
  hdr(out: Output, h: ResponseHeader): void {
    out.println(`"ClusterID" : ${h.clusterId}`);
    out.println(`"MemberID" : ${h.memberId}`);
    out.println(`"Revision" : ${h.revision}`);
    out.println(`"RaftTerm" : ${h.raftTerm}`);
  },
  kv(out: Output, pfx: string, kv: KeyValue, hex: boolean): void {
    out.println(`"${pfx}Key" : ${goQuote(kv.key)}`);
    out.println(`"${pfx}CreateRevision" : ${kv.createRevision}`);
    out.println(`"${pfx}ModRevision" : ${kv.modRevision}`);
    out.println(`"${pfx}Version" : ${kv.version}`);
    out.println(`"${pfx}Value" : ${goQuote(kv.value)}`);
    out.println(hex ? `"${pfx}Lease" : "${formatLeaseId(kv.lease)}"` : `"${pfx}Lease" : ${kv.lease}`);
  },
  get(out: Output, hex: boolean, r: RangeResponse): void {
    fields.hdr(out, r.header);
    for (const kv of r.kvs) fields.kv(out, '', kv, hex);
    out.println(`"More" : ${r.more}`);
    out.println(`"Count" : ${r.count}`);
  },
  put(out: Output, hex: boolean, r: PutResponse): void {
    fields.hdr(out, r.header);
    if (r.prevKv) fields.kv(out, 'Prev', r.prevKv, hex);
  },
  del(out: Output, hex: boolean, r: DeleteRangeResponse): void {
    fields.hdr(out, r.header);
    out.println(`"Deleted" : ${r.deleted}`);
    for (const kv of r.prevKvs) fields.kv(out, 'Prev', kv, hex);
  },
  txn(out: Output, hex: boolean, r: TxnResponse): void {
    fields.hdr(out, r.header);
    out.println(`"Succeeded" : ${r.succeeded}`);
    for (const op of r.responses) {
      if ('responsePut' in op) fields.put(out, hex, op.responsePut);
      else if ('responseRange' in op) fields.get(out, hex, op.responseRange);
      else fields.del(out, hex, op.responseDeleteRange);
    }
  },
};

/** etcdserverpb.ResponseHeader as json.Marshal writes it. */
export function headerJson(h: ResponseHeader): JsonValue {
  return { cluster_id: omit(h.clusterId), member_id: omit(h.memberId), revision: omit(h.revision), raft_term: omit(h.raftTerm) };
}

/** mvccpb.KeyValue: key and value base64, zero numbers left out. */
export function kvJson(kv: KeyValue): JsonValue {
  return {
    key: omit(base64(kv.key)),
    create_revision: omit(kv.createRevision),
    mod_revision: omit(kv.modRevision),
    version: omit(kv.version),
    value: omit(base64(kv.value)),
    lease: omit(kv.lease),
  };
}

function kvsJson(kvs: readonly KeyValue[]): JsonValue | undefined {
  return kvs.length ? kvs.map(kvJson) : undefined;
}

export const json = {
  range(r: RangeResponse): JsonValue {
    return { header: headerJson(r.header), kvs: kvsJson(r.kvs), more: omit(r.more), count: omit(r.count) };
  },
  put(r: PutResponse): JsonValue {
    return { header: headerJson(r.header), prev_kv: r.prevKv ? kvJson(r.prevKv) : undefined };
  },
  del(r: DeleteRangeResponse): JsonValue {
    return { header: headerJson(r.header), deleted: omit(r.deleted), prev_kvs: kvsJson(r.prevKvs) };
  },
  txn(r: TxnResponse): JsonValue {
    // ResponseOp's oneof field has no json tag, so encoding/json names it "Response".
    const responses = r.responses.map((op): JsonValue => {
      if ('responsePut' in op) return { Response: { response_put: json.put(op.responsePut) } };
      if ('responseRange' in op) return { Response: { response_range: json.range(op.responseRange) } };
      return { Response: { response_delete_range: json.del(op.responseDeleteRange) } };
    });
    return { header: headerJson(r.header), succeeded: omit(r.succeeded), responses: omit(responses) };
  },
  /** clientv3.WatchResponse: exported Go fields without json tags keep their Go names. */
  watch(r: WatchResponse): JsonValue {
    const events = r.events.map((e) => ({ type: omit(e.type === 'DELETE' ? 1 : 0), kv: kvJson(e.kv), prev_kv: e.prevKv ? kvJson(e.prevKv) : undefined }));
    return { Header: headerJson(r.header), Events: events.length ? events : null, CompactRevision: r.compactRevision, Canceled: r.canceled, Created: false };
  },
};

export function printJson(out: Output, v: JsonValue): void {
  out.println(goJson(v));
}
