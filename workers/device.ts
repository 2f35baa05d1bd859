/** What the worker can see of the device (SPEC §6). Worker-only: reads `navigator` and globals. */
import type { DeviceFacts } from '../src/core/device/plan';

export interface DeviceInfo extends DeviceFacts {
  adapter: string | null;
}

interface GpuAdapterLike {
  features: { has(name: string): boolean };
  info?: { vendor?: string; architecture?: string; description?: string; isFallbackAdapter?: boolean };
  isFallbackAdapter?: boolean;
}
interface GpuLike {
  requestAdapter(): Promise<GpuAdapterLike | null>;
}

export async function detectDevice(): Promise<DeviceInfo> {
  const gpu = (navigator as Navigator & { gpu?: GpuLike }).gpu;
  let adapter: GpuAdapterLike | null = null;
  try {
    adapter = gpu ? await gpu.requestAdapter() : null;
  } catch {
    adapter = null;
  }
  const info = adapter?.info;
  const name = info ? [info.vendor, info.architecture, info.description].filter(Boolean).join(' ') || 'unknown adapter' : null;
  return {
    webgpu: adapter !== null,
    adapter: name,
    fallbackAdapter: adapter ? Boolean(info?.isFallbackAdapter ?? adapter.isFallbackAdapter) : null,
    shaderF16: adapter ? adapter.features.has('shader-f16') : null,
    crossOriginIsolated: Boolean(globalThis.crossOriginIsolated),
    hardwareConcurrency: navigator.hardwareConcurrency ?? 1,
  };
}
