/**
 * sorted-btree's B+tree class, however it is loaded: the package is CommonJS with
 * `exports.default`, which bundlers (vite, vitest) hand over as the class and Node's ESM loader
 * (tsx: the runner, the benchmarks) as the exports object.
 */
import SortedBTreeModule from 'sorted-btree';

export const SortedBTree: typeof SortedBTreeModule = (SortedBTreeModule as unknown as { default?: typeof SortedBTreeModule }).default ?? SortedBTreeModule;
export type SortedBTree<K, V> = SortedBTreeModule<K, V>;
