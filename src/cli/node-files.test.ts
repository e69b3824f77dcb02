import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readDirNames } from './node-files';

const root = mkdtempSync(join(tmpdir(), 'kubearch-files-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('readDirNames', () => {
  it("lists a directory's names, and says undefined for a file or a missing path", () => {
    mkdirSync(join(root, 'sub'));
    writeFileSync(join(root, 'pod.yaml'), 'kind: Pod\n');
    expect(readDirNames(root)?.sort()).toEqual(['pod.yaml', 'sub']);
    expect(readDirNames(join(root, 'pod.yaml'))).toBeUndefined();
    expect(readDirNames(join(root, 'missing'))).toBeUndefined();
  });
});
