import type { Preview } from '@storybook/web-components-vite';
import { setCustomElementsManifest } from '@storybook/web-components-vite';
import manifest from '../custom-elements.json';
import '../src/all.js';

setCustomElementsManifest(manifest);

const preview: Preview = {
  parameters: {
    controls: { expanded: true },
    layout: 'padded',
  },
  globalTypes: {
    theme: {
      description: 'Colour scheme',
      toolbar: { title: 'Theme', items: ['light', 'dark'], dynamicTitle: true },
    },
  },
  initialGlobals: { theme: 'light' },
  decorators: [
    (story, context) => {
      const dark = context.globals.theme === 'dark' || context.parameters.theme === 'dark';
      document.documentElement.style.colorScheme = dark ? 'dark' : 'light';
      document.body.style.background = dark ? '#1a1b1e' : '#ffffff';
      return story();
    },
  ],
};
export default preview;
