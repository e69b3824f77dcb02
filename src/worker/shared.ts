/**
 * The few pure helpers the page needs from the layers below, re-exported so that src/ui imports
 * src/worker only (a lint rule keeps it so): formatting virtual time, the engine's speed range,
 * splitting a command's stderr around its stdout, and telling a whole command line from one
 * still inside a quote or a here-document. Small and free of the cluster: they load in the page.
 */
export { formatVirtualTime, MAX_SPEED, MIN_SPEED } from '../sim/engine';
export { stderrParts } from '../shell/types';
export { inputIsComplete } from './terminal-input';
