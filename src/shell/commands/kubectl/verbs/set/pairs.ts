/**
 * cmdutil.GetResourcesAndPairs and ParsePairs, as `kubectl set image` and `set env` split their
 * arguments: the resources come first, then KEY=VALUE pairs (and, where removal is allowed,
 * KEY-); a resource after a pair is an error.
 */

export function resourcesAndPairs(
  args: readonly string[],
  pairType: string,
  supportRemove = false,
): { resources: string[]; pairs: Map<string, string>; removals: string[] } | { error: string } {
  const resources: string[] = [];
  const pairArgs: string[] = [];
  let foundPair = false;
  for (const s of args) {
    const nonResource = (s.includes('=') && !s.startsWith('=')) || (s.endsWith('-') && s !== '-');
    if (nonResource) {
      foundPair = true;
      pairArgs.push(s);
    } else if (foundPair) return { error: `all resources must be specified before ${pairType} changes: ${s}` };
    else resources.push(s);
  }
  const pairs = new Map<string, string>();
  const removals: string[] = [];
  const invalid: string[] = [];
  for (const p of pairArgs) {
    if (p.includes('=') && !p.startsWith('=')) {
      const eq = p.indexOf('=');
      pairs.set(p.slice(0, eq), p.slice(eq + 1));
    } else if (supportRemove && p.endsWith('-') && p !== '-') removals.push(p.slice(0, -1));
    else invalid.push(p);
  }
  if (invalid.length > 0) return { error: `invalid ${pairType} format: ${invalid.join(', ')}` };
  return { resources, pairs, removals };
}
