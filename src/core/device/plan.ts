/**
 * Device selection (SPEC §6): which backend a model runs on, from the `device` setting and what
 * the worker saw of the device. Pure, so every branch is unit-tested.
 */
export type DeviceSetting = 'auto' | 'webgpu' | 'wasm' | 'off';
export const DEVICE_SETTINGS: readonly DeviceSetting[] = ['auto', 'webgpu', 'wasm', 'off'];

export interface DeviceFacts {
  webgpu: boolean;
  /** A software (fallback) adapter: usable but slow. */
  fallbackAdapter: boolean | null;
  shaderF16: boolean | null;
  crossOriginIsolated: boolean;
  hardwareConcurrency: number;
}

export interface DevicePlan {
  backend: 'webgpu' | 'wasm' | 'off';
  /** WASM threads (1 unless the page is cross-origin isolated). */
  threads: number;
  /** Why this backend, in words for the device panel. */
  reason: string;
}

export const MAX_WASM_THREADS = 4;

/** WASM threads: `requested` (0 = automatic: the cores, up to 4); always 1 without isolation. */
export function wasmThreads(facts: DeviceFacts, requested = 0): number {
  if (!facts.crossOriginIsolated) return 1;
  return requested > 0 ? requested : Math.max(1, Math.min(MAX_WASM_THREADS, facts.hardwareConcurrency || 1));
}

export function planDevice(setting: DeviceSetting, facts: DeviceFacts, requestedThreads = 0): DevicePlan {
  const threads = wasmThreads(facts, requestedThreads);
  const wasm = (reason: string): DevicePlan => ({ backend: 'wasm', threads, reason });
  switch (setting) {
    case 'off':
      return { backend: 'off', threads, reason: 'models are off (device=off)' };
    case 'wasm':
      return wasm('WebAssembly chosen in settings (device=wasm)');
    case 'webgpu':
      return facts.webgpu
        ? { backend: 'webgpu', threads, reason: facts.fallbackAdapter ? 'WebGPU forced on a software adapter (slow)' : 'WebGPU chosen in settings' }
        : wasm('WebGPU requested but no adapter is available; using WebAssembly');
    default:
      if (!facts.webgpu) return wasm('no WebGPU adapter; using WebAssembly');
      if (facts.fallbackAdapter) return wasm('the WebGPU adapter is a software fallback (slow); using WebAssembly');
      return { backend: 'webgpu', threads, reason: 'a hardware WebGPU adapter is available' };
  }
}
