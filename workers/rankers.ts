/**
 * The ranking chain's slots in the worker (SPEC §5): custom model → web-llm on WebGPU →
 * transformers.js on WASM. Each is skipped with a reason when it cannot run here, loads lazily
 * (or at start with warm=1), and is loaded at most once per worker. web-llm is imported only
 * when its slot loads.
 */
import type { DevicePlan } from '../src/core/device/plan';
import { isRemoteHost } from '../src/core/engines/transformersEnv';
import { type LlmChoice, WASM_LLM_DOWNLOAD_MB, llmChoice, transformersLlmDtype, webllmVariant } from '../src/core/rank/catalog';
import type { EngineSlot } from '../src/core/rank/engine';
import { memoSlot } from '../src/core/rank/slot';
import { loadTransformersLlm } from '../src/core/rank/transformersEngine';
import { type MlcEngineLike, WebLlmEngine } from '../src/core/rank/webllmEngine';
import type { Settings } from '../src/core/settings';
import type { DeviceInfo } from './device';
import { prepareTransformers } from './transformersLib';

const MB = 1024 * 1024;
const HF = 'https://huggingface.co/';

/** web-llm's records with the model and library URLs moved to the configured model host. */
function appConfigFor(records: { model: string; model_id: string; model_lib: string }[], modelHost: string, cacheBackend: 'cache' | 'indexeddb') {
  if (modelHost === HF) return { model_list: records, cacheBackend };
  const host = new URL(modelHost.endsWith('/') ? modelHost : `${modelHost}/`, isRemoteHost(modelHost) ? undefined : self.location.origin).href;
  return {
    cacheBackend,
    model_list: records.map((r) => ({
      ...r,
      model: r.model.startsWith(HF) ? `${host}${r.model.slice(HF.length)}` : r.model,
      model_lib: `${host}web-llm-libs/${r.model_lib.split('/').pop()}`,
    })),
  };
}

function webllmSlot(settings: Settings, plan: DevicePlan, device: DeviceInfo, choice: LlmChoice): EngineSlot {
  const variant = webllmVariant(device.shaderF16);
  const modelId = choice.webllm[variant];
  const skip = plan.backend === 'off' ? 'models are off (device=off)'
    : plan.backend !== 'webgpu' ? `WebGPU is not used here: ${plan.reason}`
    : null;
  return memoSlot(
    { name: 'webllm', modelId, device: 'webgpu', downloadBytes: choice.downloadMB[variant] * MB, memoryBytes: choice.memoryMB[variant] * MB },
    skip,
    async (onProgress) => {
      const webllm = await import('@mlc-ai/web-llm');
      const total = choice.downloadMB[variant] * MB;
      const engine = await webllm.CreateMLCEngine(modelId, {
        appConfig: appConfigFor(webllm.prebuiltAppConfig.model_list, settings.modelHost, settings.cache),
        // web-llm reports a fraction, not bytes: bytes are estimated from the model's size.
        initProgressCallback: (r) => onProgress?.({ file: `${modelId} (web-llm)`, loaded: Math.round(r.progress * total), total }),
      });
      return new WebLlmEngine(engine as unknown as MlcEngineLike, modelId);
    },
  );
}

function transformersSlot(name: 'custom' | 'transformers', modelId: string, settings: Settings, plan: DevicePlan, backend: 'webgpu' | 'wasm'): EngineSlot {
  const skip = plan.backend === 'off' ? 'models are off (device=off)' : null;
  return memoSlot(
    { name, modelId, device: backend, downloadBytes: name === 'transformers' && !modelId.startsWith('fixtures/') ? WASM_LLM_DOWNLOAD_MB * MB : undefined },
    skip,
    async (onProgress) => {
      await prepareTransformers(plan, settings.modelHost);
      return loadTransformersLlm({ modelId, device: backend, dtype: transformersLlmDtype(modelId), onProgress });
    },
  );
}

export function rankerSlots(settings: Settings, plan: DevicePlan, device: DeviceInfo): EngineSlot[] {
  const slots: EngineSlot[] = [];
  if (settings.customModel) {
    slots.push(transformersSlot('custom', settings.customModel, settings, plan, plan.backend === 'webgpu' ? 'webgpu' : 'wasm'));
  }
  slots.push(webllmSlot(settings, plan, device, llmChoice(settings.llm)));
  slots.push(transformersSlot('transformers', settings.wasmLlm, settings, plan, 'wasm'));
  return slots;
}
