/**
 * Reads a V8 sampling heap profile (.heapprofile, e.g. from `HEAP_OUT=FILE bench/profile-path.ts
 * whole`) and prints the allocation sites holding the most sampled bytes, by function and by the
 * stack of its callers:
 *   node --import tsx bench/profile-heap.ts FILE.heapprofile [N]
 */
import { readFileSync } from 'node:fs';

interface HeapNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: HeapNode[];
}

const file = process.argv[2];
if (!file) throw new Error('usage: profile-heap.ts FILE.heapprofile [N]');
const top = Number(process.argv[3] ?? 30);
const profile = JSON.parse(readFileSync(file, 'utf8')) as { head: HeapNode };
const name = (n: HeapNode) => `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.replace(/^.*\/src\//, 'src/').replace(/^file:\/\/.*node_modules\//, 'nm/')}:${n.callFrame.lineNumber + 1}`;
const bySite = new Map<string, number>();
const byStack = new Map<string, number>();
let all = 0;
const walk = (n: HeapNode, stack: string[]) => {
  const here = [...stack, name(n)];
  if (n.selfSize > 0) {
    all += n.selfSize;
    bySite.set(here[here.length - 1] as string, (bySite.get(here[here.length - 1] as string) ?? 0) + n.selfSize);
    const key = here.slice(-4).join(' < ');
    byStack.set(key, (byStack.get(key) ?? 0) + n.selfSize);
  }
  for (const c of n.children) walk(c, here);
};
walk(profile.head, []);
const print = (title: string, m: Map<string, number>) => {
  console.log(`## ${title} (of ${(all / 1e6).toFixed(1)} MB sampled)`);
  for (const [k, v] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${((100 * v) / all).toFixed(1).padStart(5)}%  ${(v / 1e6).toFixed(1).padStart(6)} MB  ${k}`);
};
print('by allocating function', bySite);
print('by the last four frames', byStack);
