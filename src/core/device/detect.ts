/**
 * What the worker can see of the device (SPEC §6), from the WebGPU and navigator objects it is
 * given (the worker passes its own; tests pass fakes). The adapter is requested exactly as web-llm
 * requests it — `powerPreference: 'high-performance'` — so that on a machine with two GPUs the
 * `shader-f16` check and the engine look at the same adapter.
 */
import type { DeviceFacts } from './plan';

export interface DeviceInfo extends DeviceFacts {
  adapter: string | null;
  /** The limits web-llm needs (1 GiB each for its models), when there is an adapter. */
  limits: { maxBufferSize: number; maxStorageBufferBindingSize: number } | null;
}

export interface GpuAdapterLike {
  features: { has(name: string): boolean };
  limits?: { maxBufferSize?: number; maxStorageBufferBindingSize?: number };
  info?: { vendor?: string; architecture?: string; description?: string; isFallbackAdapter?: boolean };
  isFallbackAdapter?: boolean;
}

export interface GpuLike {
  requestAdapter(options?: { powerPreference?: 'high-performance' | 'low-power' }): Promise<GpuAdapterLike | null>;
}

/** The adapter options web-llm's runtime uses (tvmjs `detectGPUDevice`). */
export const WEBLLM_ADAPTER_OPTIONS = { powerPreference: 'high-performance' } as const;

export async function detectDevice(gpu: GpuLike | undefined, env: { crossOriginIsolated: boolean; hardwareConcurrency: number }): Promise<DeviceInfo> {
  let adapter: GpuAdapterLike | null = null;
  try {
    adapter = gpu ? await gpu.requestAdapter(WEBLLM_ADAPTER_OPTIONS) : null;
  } catch {
    adapter = null;
  }
  const info = adapter?.info;
  const name = info ? [info.vendor, info.architecture, info.description].filter(Boolean).join(' ') || 'unknown adapter' : adapter ? 'unknown adapter' : null;
  return {
    webgpu: adapter !== null,
    adapter: name,
    fallbackAdapter: adapter ? Boolean(info?.isFallbackAdapter ?? adapter.isFallbackAdapter) : null,
    shaderF16: adapter ? adapter.features.has('shader-f16') : null,
    limits: adapter?.limits ? { maxBufferSize: adapter.limits.maxBufferSize ?? 0, maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize ?? 0 } : null,
    crossOriginIsolated: env.crossOriginIsolated,
    hardwareConcurrency: env.hardwareConcurrency || 1,
  };
}
