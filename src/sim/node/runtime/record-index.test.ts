import { describe, expect, it } from 'vitest';
import { RecordIndex } from './record-index';

describe('RecordIndex.only', () => {
  it('answers the id of a group of one, and undefined for none or several (get() then lists them)', () => {
    const index = new RecordIndex();
    expect(index.only('pod')).toBeUndefined();
    index.add('pod', 'a');
    expect(index.only('pod')).toBe('a');
    expect([...index.get('pod')]).toEqual(['a']);
    index.add('pod', 'b');
    expect(index.only('pod')).toBeUndefined();
    expect([...index.get('pod')]).toEqual(['a', 'b']);
    index.remove('pod', 'a');
    index.remove('pod', 'b');
    expect(index.only('pod')).toBeUndefined();
    expect([...index.get('pod')]).toEqual([]);
  });
});
