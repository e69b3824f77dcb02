/** The engine's public surface: what the rest of src/sim and the worker import. */
export { Engine, RunawayError, MIN_SPEED, MAX_SPEED, type EngineOptions, type EventHandle } from './engine';
export { Rng } from './rng';
export { Trace, MessageLabel, formatVirtualTime, type EventLabel, type TraceEntry } from './trace';
