/// <reference types="vite/client" />
/**
 * The dashboard's entry: registers every element that exists (one glob, so a new element is
 * picked up by the next build), the shell's own parts, and keeps the theme in step with the
 * settings.
 */
import { applyTheme, pageSettings$ } from '../../src/streams/settings-store.js';

import.meta.glob('../../src/elements/*/*.define.ts', { eager: true });
import './app-drawer.js';
import './app-toasts.js';
import './telltale-dashboard.js';

pageSettings$.subscribe((s) => applyTheme(s.theme));
