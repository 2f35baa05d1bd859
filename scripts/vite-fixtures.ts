/**
 * Vite plugin: overlay the generated fixtures (`.fixtures/serve/`: fixture models and their pool
 * embeddings) at `<base>` on the dev and preview servers, same-origin, so tests and benchmarks
 * load them through the real loading code. They are never copied into a build.
 */
import { createReadStream, statSync } from 'node:fs';
import path from 'node:path';
import type { Connect, Plugin } from 'vite';

const TYPES: Record<string, string> = { '.json': 'application/json', '.onnx': 'application/octet-stream', '.txt': 'text/plain', '.wasm': 'application/wasm' };

export function fixtureOverlay(root: string): Plugin {
  const top = path.resolve(root);
  const middleware = (base: string): Connect.NextHandleFunction => (req, res, next) => {
    const url = decodeURIComponent((req.url ?? '').split('?')[0]);
    if (!url.startsWith(base)) return next();
    const file = path.resolve(top, url.slice(base.length));
    if (!file.startsWith(top + path.sep)) return next();
    let size: number;
    try {
      const st = statSync(file);
      if (!st.isFile()) return next();
      size = st.size;
    } catch {
      // Not a fixture: a missing model file is still a 404, not index.html.
      if (url.startsWith(`${base}models/`)) {
        res.statusCode = 404;
        res.end('not found');
        return;
      }
      return next();
    }
    res.setHeader('Content-Type', TYPES[path.extname(file)] ?? 'application/octet-stream');
    res.setHeader('Content-Length', String(size));
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    if (req.method === 'HEAD') { res.end(); return; }
    createReadStream(file).pipe(res);
  };
  return {
    name: 'rovermitra-fixture-overlay',
    configureServer(server) { server.middlewares.use(middleware(server.config.base)); },
    configurePreviewServer(server) { server.middlewares.use(middleware(server.config.base)); },
  };
}
