/**
 * Configure transformers.js (and ONNX Runtime under it) for this app. Environment-neutral: the
 * caller passes what only it knows (where the wasm files are, how many threads, the model host).
 */
import type { Progress } from '../progress';

export interface ModelHostConfig {
  /**
   * Where models come from: an absolute http(s) URL of a hub or mirror (default the Hugging Face
   * hub), or a path — a same-origin URL path like `/models/` in the browser, a folder in Node.
   */
  modelHost: string;
  /** ONNX Runtime wasm files, bundled by the app (never a CDN). Browser only. */
  wasmPaths?: { mjs: string; wasm: string };
  /** WASM threads; set explicitly (the library's default is 1 on small machines). */
  numThreads?: number;
}

export const DEFAULT_MODEL_HOST = 'https://huggingface.co/';

export function isRemoteHost(host: string): boolean {
  return /^https?:\/\//i.test(host);
}

interface TransformersEnvLike {
  useWasmCache?: boolean;
  allowRemoteModels: boolean;
  allowLocalModels: boolean;
  remoteHost: string;
  localModelPath: string;
  backends: { onnx: { wasm?: { wasmPaths?: unknown; numThreads?: number; proxy?: boolean } } };
}

export function configureTransformers(env: TransformersEnvLike, cfg: ModelHostConfig): void {
  if (isRemoteHost(cfg.modelHost)) {
    env.allowRemoteModels = true;
    env.allowLocalModels = false;
    env.remoteHost = cfg.modelHost.endsWith('/') ? cfg.modelHost : `${cfg.modelHost}/`;
  } else {
    env.allowRemoteModels = false;
    env.allowLocalModels = true;
    env.localModelPath = cfg.modelHost.endsWith('/') ? cfg.modelHost : `${cfg.modelHost}/`;
  }
  const wasm = env.backends.onnx.wasm;
  if (wasm) {
    if (cfg.wasmPaths) {
      wasm.wasmPaths = { ...cfg.wasmPaths };
      // Load ONNX Runtime's factory from its own URL, not re-imported from a blob: URL, so that
      // the Content Security Policy needs no blob: scripts (the HTTP cache still keeps it).
      env.useWasmCache = false;
    }
    if (cfg.numThreads !== undefined) wasm.numThreads = cfg.numThreads;
    wasm.proxy = false;
  }
}

/** transformers.js `progress_callback` → `{file, loaded, total}` download progress. */
export function progressCallback(onProgress?: (p: Progress) => void) {
  return (e: { status: string; file?: string; loaded?: number; total?: number }) => {
    if (e.status === 'progress' && e.file) onProgress?.({ file: e.file, loaded: e.loaded ?? 0, total: e.total ?? 0 });
  };
}
