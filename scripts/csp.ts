/**
 * The Content Security Policy the app runs under (SPEC §11): scripts only from this origin,
 * WebAssembly compilation allowed (`wasm-unsafe-eval`), no inline scripts, no `eval`. Requests
 * may go to this origin and to what the default model hosts need, no more: the Hugging Face hub
 * and the CDNs its files are served from, and — of all of GitHub's raw content — web-llm's model
 * library folder only (a CSP source with a path matches that path's prefix). A site that
 * configures another model host adds it to `connect-src`. The dev server sends the same policy.
 */
export const MODEL_HOSTS = [
  'https://huggingface.co', 'https://*.huggingface.co', 'https://*.hf.co',
  'https://raw.githubusercontent.com/mlc-ai/binary-mlc-llm-libs/',
];

export const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  `connect-src 'self' blob: data: ${MODEL_HOSTS.join(' ')}`,
  "img-src 'self' data: blob:",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');
