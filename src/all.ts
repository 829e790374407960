/** Registers every Telltale element and exports the whole API (also the one-file bundle's entry). */
export * from './index.js';
import './all-tags.js';
