/**
 * Whether two label sets are equal (reflect.DeepEqual on two map[string]string, absent read as
 * empty): asked by the controllers' and the scheduler's pod handlers on every pod update, so it
 * compares in place rather than serialising both sides.
 */
export function sameLabels(a: Readonly<Record<string, string>> | undefined, b: Readonly<Record<string, string>> | undefined): boolean {
  if (a === b) return true;
  const al = a ?? {};
  const bl = b ?? {};
  const keys = Object.keys(al);
  if (keys.length !== Object.keys(bl).length) return false;
  for (const k of keys) if (al[k] !== bl[k] || !Object.hasOwn(bl, k)) return false;
  return true;
}
