/**
 * filepath.Match as `kubectl set` selects containers with `-c` (selectContainers): `*` is any
 * run of characters, `?` any one; everything else is itself.
 */
export function globMatch(pattern: string, name: string): boolean {
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
  return re.test(name);
}
