/** Registers every Telltale element. */
export * from './index.js';
