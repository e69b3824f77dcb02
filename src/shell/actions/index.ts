/** The action registry's public face: what the shell's `kubearch`, the worker and labs import. */
export { actions, missingNode, performAction } from './registry';
export { performFromShell } from './from-shell';
export { NODE_VERBS, type ActionContext, type ActionDefinition, type ActionName, type ActionRequest, type ActionResult, type ClockDriver, type NodeVerb } from './types';
