/**
 * The simulation core must not read the wall clock, Math.random or timers, nor import from the
 * layers above it. The lint rule says so too; this test fails even when lint is skipped.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

const FORBIDDEN = /\b(Date\.now|performance\.now|Math\.random|setTimeout|setInterval|requestAnimationFrame)\b|new Date\(\)/;
const UPWARD = /from ['"](\.\.\/)+(ui|worker|shell|cli)\//;

describe('src/sim', () => {
  const files = sources('src/sim');
  it('has sources to check', () => expect(files.length).toBeGreaterThan(5));
  it.each(files)('%s reads no wall clock, randomness or timers and imports nothing from above', (file) => {
    const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    expect(code).not.toMatch(FORBIDDEN);
    expect(code).not.toMatch(UPWARD);
  });
});
