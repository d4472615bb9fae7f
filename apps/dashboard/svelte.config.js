import adapter from '@sveltejs/adapter-node'
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte'

/** @type {import('@sveltejs/kit').Config} */
export default {
  preprocess: vitePreprocess(),
  compilerOptions: { runes: true },
  // BATON_WEB_PORT, BATON_WEB_HOST, BATON_WEB_ORIGIN…: one prefix for everything Baton reads.
  kit: {
    adapter: adapter({ envPrefix: 'BATON_WEB_' }),
    // Absolute links from the server too: a relative href rendered on the server
    // ("./teams/x") differs from the one the browser renders after hydration.
    paths: { relative: false },
    // Scripts only from the dashboard itself (SvelteKit hashes or nonces its own inline ones);
    // inline styles are allowed for the charts and Svelte's style directives.
    csp: {
      mode: 'auto',
      directives: {
        'default-src': ['self'],
        'script-src': ['self'],
        'style-src': ['self', 'unsafe-inline'],
        'img-src': ['self', 'data:'],
        'connect-src': ['self'],
        'font-src': ['self'],
        'object-src': ['none'],
        'base-uri': ['self'],
        'form-action': ['self'],
        'frame-ancestors': ['none'],
      },
    },
  },
}
