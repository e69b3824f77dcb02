/// <reference lib="webworker" />
/** The module Web Worker that runs the simulated cluster; the page reaches it through comlink. */
import { expose } from 'comlink';
import { createSimulationApi } from './api';

expose(createSimulationApi());
