/**
 * Shallow copies of decoded JSON objects that fields will be added to, for the write path.
 *
 * `{ ...object, field: value }` is what is meant, but in V8 (Node 20, and the browsers of its
 * age) a literal that starts with a spread is a clone whose hidden class has no transitions of
 * its own: each field the original did not have is then added through the runtime, about
 * 1 µs per field per object (measured: 6 new fields, 9-30 µs; the same through Object.assign,
 * under 1 µs), and every such object leaves hidden classes behind for the collector. A pod
 * create adds a dozen fields this way (defaults, uid, status, managedFields...).
 *
 * Object.assign copies the same own enumerable properties in the same order; it differs from a
 * spread only for an own `__proto__` key (it would set the prototype), which falls back to
 * the spread.
 */

function hasProtoKey(object: object): boolean {
  return Object.hasOwn(object, '__proto__');
}

/** `{ ...object }`, as a copy that takes new fields at full speed. */
export function copyOf<T extends object>(object: T): T {
  return hasProtoKey(object) ? { ...object } : Object.assign({}, object);
}

/**
 * `{ ...object, ...fields }`: the fields replaced in place or added at the end, in their order.
 * Typed as both (the callers replace a field with one of its own type, or add one).
 */
export function withFields<T extends object, F extends object>(object: T, fields: F): T & F {
  return hasProtoKey(object) || hasProtoKey(fields) ? { ...object, ...fields } : Object.assign({}, object, fields);
}
