// React without @vitejs/plugin-react: esbuild compiles the JSX (no Fast Refresh needed here).
import { defineConfig } from 'vite';

export default defineConfig({
  esbuild: { jsx: 'automatic' },
  // Relative asset paths: the built app works from any folder of a static server.
  base: './',
  logLevel: 'warn',
});
