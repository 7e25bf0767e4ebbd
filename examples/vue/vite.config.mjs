// Vue without @vitejs/plugin-vue: the template is compiled in the page (Vue's full build).
import { defineConfig } from 'vite';

export default defineConfig({
  resolve: { alias: [{ find: /^vue$/, replacement: 'vue/dist/vue.esm-bundler.js' }] },
  define: { __VUE_OPTIONS_API__: 'true', __VUE_PROD_DEVTOOLS__: 'false', __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false' },
  // Relative asset paths: the built app works from any folder of a static server.
  base: './',
  logLevel: 'warn',
});
