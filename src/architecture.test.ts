/**
 * The arrows between layers and folders (DESIGN.md, "Layers"), checked on every source file under
 * src/, tests included: ui -> worker -> shell -> sim and cli -> shell -> sim, never back; inside
 * sim, components meet only through the apiserver, so the client speaks wire types from api/ and
 * the apiserver does not reach into its clients. ESLint's no-restricted-imports says the same for
 * src/sim, src/shell and src/ui as the file is typed; this test also covers what a lint rule cannot
 * (sim's inner folders, cluster.ts) and fails on a comment that switches the linter off.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = dirname(fileURLToPath(import.meta.url));

interface Import {
  /** The importing file, relative to src/: "sim/client/rest-client.ts". */
  readonly from: string;
  /** The imported module, relative to src/, without extension: "sim/api/http". */
  readonly to: string;
}

/** Known wrong-way arrows inside sim; empty now, kept so a new exception has to be written down here. */
const SIM_EXCEPTIONS: readonly string[] = [];

const EXCEPTIONS = new Set(SIM_EXCEPTIONS);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(entry.name) ? [path] : [];
  });
}

/** Static imports, re-exports, side-effect imports and import() of relative modules. */
const IMPORT = /(?:\bfrom\s+|\bimport\s*\(?\s*)['"](\.{1,2}\/[^'"]*)['"]/g;

function importsOf(file: string, text: string): Import[] {
  const from = relative(SRC, file).replaceAll('\\', '/');
  return [...text.matchAll(IMPORT)].map((m) => ({ from, to: relative(SRC, resolve(dirname(file), m[1] ?? '')).replaceAll('\\', '/').replace(/\.(ts|tsx)$/, '').replace(/\/index$/, '') }));
}

const under = (path: string, folder: string) => path === folder || path.startsWith(`${folder}/`);

/** Why an import goes the wrong way, or undefined if it may stand. */
function wrongWay({ from, to }: Import): string | undefined {
  const layer = (p: string) => p.split('/')[0] ?? '';
  const [fromLayer, toLayer] = [layer(from), layer(to)];
  const forbidden: Record<string, readonly string[]> = {
    sim: ['shell', 'worker', 'ui', 'cli'],
    shell: ['worker', 'ui', 'cli'],
    worker: ['ui', 'cli'],
    cli: ['worker', 'ui'],
  };
  if (forbidden[fromLayer]?.includes(toLayer)) return `${fromLayer} must not import ${toLayer}`;
  if (fromLayer === 'ui' && toLayer !== 'ui' && toLayer !== 'worker') return 'ui imports only worker and its own files';
  if (fromLayer !== 'sim') return undefined;
  if (under(from, 'sim/client') && under(to, 'sim/apiserver')) return 'the client speaks to the apiserver through sim/api, not its internals';
  if (under(from, 'sim/apiserver') && (under(to, 'sim/client') || under(to, 'sim/node'))) return 'the apiserver does not import its clients (client/, node/)';
  if (to === 'sim/cluster' && from !== 'sim/cluster.ts' && !under(from, 'sim/testing')) return 'only sim/testing assembles a cluster inside sim';
  return undefined;
}

const files = sourceFiles(SRC).map((file) => ({ file, text: readFileSync(file, 'utf8') }));
const imports = files.flatMap(({ file, text }) => importsOf(file, text));

describe('architecture', () => {
  it('reads the source tree', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(imports).toContainEqual({ from: 'sim/client/rest-client.ts', to: 'sim/api/http' });
  });

  it('has no wrong-way import', () => {
    const wrong = imports.flatMap((i) => {
      const why = wrongWay(i);
      return why && !EXCEPTIONS.has(`${i.from} -> ${i.to}`) ? [`${i.from} -> ${i.to}: ${why}`] : [];
    });
    expect(wrong).toEqual([]);
  });

  it('knows each rule', () => {
    expect(wrongWay({ from: 'sim/engine/engine.ts', to: 'shell/shell' })).toBeDefined();
    expect(wrongWay({ from: 'shell/shell.ts', to: 'worker/protocol' })).toBeDefined();
    expect(wrongWay({ from: 'worker/worker.ts', to: 'ui/app' })).toBeDefined();
    expect(wrongWay({ from: 'ui/app.tsx', to: 'sim/engine' })).toBeDefined();
    expect(wrongWay({ from: 'ui/app.tsx', to: 'worker/protocol' })).toBeUndefined();
    expect(wrongWay({ from: 'sim/client/informer.ts', to: 'sim/apiserver/kube-apiserver' })).toBeDefined();
    expect(wrongWay({ from: 'sim/apiserver/kube-apiserver.ts', to: 'sim/client/rest-client' })).toBeDefined();
    expect(wrongWay({ from: 'sim/apiserver/kube-apiserver.ts', to: 'sim/node/kubelet' })).toBeDefined();
    expect(wrongWay({ from: 'sim/scheduler/kube-scheduler.ts', to: 'sim/cluster' })).toBeDefined();
    expect(wrongWay({ from: 'sim/testing/test-cluster.ts', to: 'sim/cluster' })).toBeUndefined();
    expect(wrongWay({ from: 'shell/shell.ts', to: 'sim/cluster' })).toBeUndefined();
  });

  it('has no comment that switches the linter off', () => {
    // Built from parts so that this file does not match itself.
    const directive = new RegExp(['eslint', 'disable'].join('-'));
    expect(files.filter(({ text }) => directive.test(text)).map(({ file }) => relative(SRC, file))).toEqual([]);
  });

  it('lists no exception that is gone (remove the line)', () => {
    const present = new Set(imports.map((i) => `${i.from} -> ${i.to}`));
    expect([...EXCEPTIONS].filter((e) => !present.has(e))).toEqual([]);
  });
});
