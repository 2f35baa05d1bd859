/// <reference types="svelte" />
/// <reference types="vite/client" />

/**
 * Whether this build carries the test hooks (src/protocol.ts `TestHooksApi`, the fault injection,
 * the generated test models): true in a build made for tests (`vite build --mode test`) and on the
 * dev server, a literal `false` in production builds (vite.config.ts `define`), where the bundler
 * drops every branch that needs it together with the modules only those branches import
 * (src/testing/). Used by the worker entry and the page's matcher session only.
 */
declare const __TEST_HOOKS__: boolean;
