import { defineConfig } from 'vite';

// Vite 8 compiles TSX itself (tsconfig's jsx: react-jsx); no plugin needed for a build.
export default defineConfig({ build: { target: 'es2022', chunkSizeWarningLimit: 1000 } });
