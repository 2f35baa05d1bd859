/**
 * The ranking chain's slots in the worker (SPEC §5): custom model → web-llm on WebGPU →
 * transformers.js on WASM. Each is skipped with a reason when it cannot run here, loads lazily
 * (or at start with warm=1), and is loaded at most once per worker. web-llm is imported only
 * when its slot loads, and runs in this worker's own thread (its logit processor needs that).
 */
import type { AppConfig } from '@mlc-ai/web-llm';
import type { DevicePlan } from '../src/core/device/plan';
import { transformersCached } from '../src/core/models/cached';
import { type ModelRole, forModel } from '../src/core/progress';
import { type LlmChoice, llmChoice, transformersLlmDownload, transformersLlmDtype, wasmPrefillPrior, webllmVariant } from '../src/core/models/catalog';
import type { EngineSlot } from '../src/core/rank/engine';
import { memoSlot } from '../src/core/rank/slot';
import { type WebLlmModule, loadWebLlm } from '../src/core/rank/webllm/webllmEngine';
import type { Settings } from '../src/core/settings';
import type { DeviceInfo } from './device';
import { loadRemoteLlm } from './remoteLlm';

const MB = 1024 * 1024;

/**
 * The model's `tokenizer.json` as web-llm stored it while loading (Cache API "webllm/model"),
 * or fetched again (the browser's HTTP cache usually has it) with the IndexedDB backend.
 */
async function readTokenizerJson(modelUrl: string, appConfig: AppConfig): Promise<unknown> {
  const url = new URL('tokenizer.json', modelUrl).href;
  if (!appConfig.useIndexedDBCache && typeof caches !== 'undefined') {
    const hit = await (await caches.open('webllm/model')).match(url);
    if (hit) return hit.json();
  }
  const res = await fetch(url);
  if (!res.ok) throw new Error(`tokenizer.json: HTTP ${res.status}`);
  return res.json();
}

function webllmSlot(settings: Settings, plan: DevicePlan, device: DeviceInfo, choice: LlmChoice): EngineSlot {
  const variant = webllmVariant(device.shaderF16);
  const modelId = choice.webllm[variant];
  const skip = plan.backend === 'off' ? 'models are off (device=off)'
    : plan.backend !== 'webgpu' ? `WebGPU is not used here: ${plan.reason}`
    : null;
  const total = choice.downloadMB[variant] * MB;
  return memoSlot(
    { name: 'webllm', modelId, device: 'webgpu', downloadBytes: total, memoryBytes: choice.memoryMB[variant] * MB },
    skip,
    async (onProgress) => {
      const webllm = (await import('@mlc-ai/web-llm')) as unknown as WebLlmModule;
      return loadWebLlm(webllm, {
        modelId,
        hosts: { modelHost: settings.modelHost, libHost: settings.libHost, cache: settings.cache, origin: self.location.origin },
        totalBytes: total,
        label: `${modelId} (web-llm)`,
        onProgress: forModel(onProgress, modelId, 'webgpu ranker'),
        tokenizerJson: readTokenizerJson,
      });
    },
  );
}

function transformersSlot(name: 'custom' | 'transformers', modelId: string, settings: Settings, plan: DevicePlan, backend: 'webgpu' | 'wasm'): EngineSlot {
  const skip = plan.backend === 'off' ? 'models are off (device=off)' : null;
  return memoSlot(
    { name, modelId, device: backend, downloadBytes: transformersLlmDownload(modelId) ?? undefined },
    skip,
    async (onProgress) => {
      // The wait shown before the first pass: the rate measured for this model's architecture on WASM.
      const prior = backend === 'wasm' ? wasmPrefillPrior(modelId, plan.threads) : undefined;
      // In a worker of its own: its forward passes never hold this worker (searches stay instant).
      const role: ModelRole = name === 'custom' ? 'custom' : 'wasm ranker';
      const phase = (await transformersCached(modelId, 'text-generation', { modelHost: settings.modelHost, origin: self.location.origin })) ? 'cache' : 'download';
      return loadRemoteLlm({ modelId, device: backend, dtype: transformersLlmDtype(modelId), plan, modelHost: settings.modelHost, priorPrefillTokensPerS: prior }, forModel(onProgress, modelId, role, phase));
    },
  );
}

/** A link the person chose not to download: set aside with that reason, never loaded. */
function declinedSlot(slot: EngineSlot): EngineSlot {
  return { info: slot.info, skipReason: 'you chose not to download it', load: () => Promise.reject(new Error('declined')) };
}

export function rankerSlots(settings: Settings & { declinedModels?: readonly string[] }, plan: DevicePlan, device: DeviceInfo): EngineSlot[] {
  const declined = new Set(settings.declinedModels ?? []);
  return allSlots(settings, plan, device).map((s) => (declined.has(s.info.modelId) && !s.skipReason ? declinedSlot(s) : s));
}

function allSlots(settings: Settings, plan: DevicePlan, device: DeviceInfo): EngineSlot[] {
  const slots: EngineSlot[] = [];
  if (settings.customModel) {
    slots.push(transformersSlot('custom', settings.customModel, settings, plan, plan.backend === 'webgpu' ? 'webgpu' : 'wasm'));
  }
  slots.push(webllmSlot(settings, plan, device, llmChoice(settings.llm)));
  slots.push(transformersSlot('transformers', settings.wasmLlm, settings, plan, 'wasm'));
  return slots;
}
