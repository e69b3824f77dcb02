/**
 * toFieldsV1 shares the JSON of nodes with equal content (interned by a signature of their
 * keys and values): checked against a plain recursive writer, with keys in byte order and
 * member nodes marked by ".", across many sets (past the size at which the table is emptied)
 * and keys that could run into one another if the signature did not delimit them.
 */
import { describe, expect, it } from 'vitest';
import { FieldSet } from './field-set';

function plain(s: FieldSet, member = false): Record<string, unknown> {
  const out: Record<string, unknown> = member ? { '.': {} } : {};
  const keys = [...new Set([...s.members, ...s.children.keys()])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const k of keys) {
    const c = s.children.get(k);
    out[k] = c ? plain(c, s.members.has(k)) : {};
  }
  return out;
}

function setOf(paths: string[][]): FieldSet {
  const s = new FieldSet();
  for (const p of paths) s.insert(p);
  return s;
}

describe('FieldsV1 interning', () => {
  it('writes every set as the plain writer does, and equal sets share their JSON', () => {
    for (let i = 0; i < 6000; i++) {
      const n = i % 50;
      const paths = [
        ['f:status', 'f:phase'],
        ['f:status', 'f:conditions', `k:{"type":"T${n % 7}"}`, 'f:status'],
        ['f:status', 'f:conditions', `k:{"type":"T${n % 7}"}`, '.'],
        ['f:status', `f:x${n}`],
        ...(n % 3 ? [['f:status', 'f:containerStatuses']] : []),
        ...(n % 4 ? [['f:status', 'f:containerStatuses', 'k:{"name":"c"}', 'f:ready']] : []),
        ...(n % 5 ? [['f:metadata', 'f:labels', `f:a${i}`]] : []),
        // "f:a" + "b" and "f:ab" must not read the same.
        ...(n % 2 ? [['f:ab', 'f:c']] : [['f:a', 'f:bc']]),
      ];
      const s = setOf(paths);
      const json = s.toFieldsV1();
      expect(JSON.stringify(json)).toBe(JSON.stringify(plain(s)));
      expect(JSON.stringify(s.toFieldsV1(true))).toBe(JSON.stringify(plain(s, true)));
      const again = setOf([...paths].reverse()).toFieldsV1();
      expect(JSON.stringify(again)).toBe(JSON.stringify(json));
    }
  });
});
