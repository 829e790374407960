// Register every tag once, before the first render, so that React 19 sees the elements'
// properties (it sets a prop as a property when `name in element`).
import 'telltale/all.js';
// …or only what you use: import 'telltale/elements/rollout-table/rollout-table.define.js';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { TrainingPage } from './TrainingPage';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <TrainingPage backend="" />
  </StrictMode>,
);
