/** The worker's own view of the device (SPEC §6): its `navigator.gpu` and globals. */
import { type DeviceInfo, type GpuLike, detectDevice as detect } from '../src/core/device/detect';

export type { DeviceInfo };

export function detectDevice(): Promise<DeviceInfo> {
  const gpu = (navigator as Navigator & { gpu?: GpuLike }).gpu;
  return detect(gpu, { crossOriginIsolated: Boolean(globalThis.crossOriginIsolated), hardwareConcurrency: navigator.hardwareConcurrency ?? 1 });
}
