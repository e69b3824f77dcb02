/**
 * Reads a V8 .cpuprofile and prints the functions with the most self time and the most total
 * time (a function's total counted once per sample even when it recurses):
 *   node --import tsx bench/profile-top.ts FILE.cpuprofile [N] [FOCUS]
 * With FOCUS, only the samples with a frame whose name contains FOCUS (e.g. "patch src/sim/apiserver")
 * count: where the time under one function goes.
 */
import { readFileSync } from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

const file = process.argv[2];
if (!file) throw new Error('usage: profile-top.ts FILE.cpuprofile [N]');
const top = Number(process.argv[3] ?? 30);
const focus = process.argv[4];
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const name = (n: Node) => `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.replace(/^.*\/src\//, 'src/').replace(/^file:\/\/.*node_modules\//, 'nm/')}:${n.callFrame.lineNumber + 1}`;
const self = new Map<string, number>();
const total = new Map<string, number>();
let all = 0;
const stackHas = (id: number, needle: string): boolean => {
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) if (name(byId.get(cur) as Node).includes(needle)) return true;
  return false;
};
profile.samples.forEach((id, i) => {
  const dt = profile.timeDeltas[i] ?? 0;
  const n = byId.get(id);
  if (!n) return;
  if (focus !== undefined && !stackHas(id, focus)) return;
  all += dt;
  self.set(name(n), (self.get(name(n)) ?? 0) + dt);
  const seen = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const k = name(byId.get(cur) as Node);
    if (seen.has(k)) continue;
    seen.add(k);
    total.set(k, (total.get(k) ?? 0) + dt);
  }
});
const show = (title: string, m: Map<string, number>) => {
  console.log(`## ${title} (of ${(all / 1000).toFixed(0)} ms)`);
  for (const [k, v] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${((100 * v) / all).toFixed(1).padStart(5)}%  ${k}`);
};
show('self', self);
show('total', total);
