/**
 * web-llm's real engine in Node, with only the GPU-bound model pipeline scripted.
 *
 * What is real: @mlc-ai/web-llm 0.2.79's own code (the shipped bundle, byte for byte, plus an
 * export line that names five of its internal classes and functions), so `MLCEngine` validates
 * requests and their ranges, templates the conversation, compiles JSON schemas with its bundled
 * grammar engine (xgrammar) and masks every step with it, streams, interrupts, locks and
 * assembles usage exactly as in a browser; its `LLMChatPipeline` (built by its own constructor)
 * tokenises with its bundled tokenizer library over Qwen2.5's real tokenizer, samples, applies
 * logit processors, temperature, penalties, softmax and `logprobs` — on the CPU, in the real TVM
 * runtime instantiated from the real model library (`tests/assets/webllm-qwen2.5-0.5b/`).
 *
 * What is scripted: the model library's GPU functions — the embedding and transformer forward
 * passes (`embed`, `prefill`, `decode`: they return the script's logits for the tokens they are
 * given), the grammar mask kernel (`apply_bitmask_inplace`, applied to the CPU logits as the
 * kernel does) and the paged KV cache's bookkeeping; and `reload()`'s network and GPU part (the
 * pipeline is registered the way `reload` registers it). Nothing here decides what web-llm
 * accepts or returns.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AppConfig, MLCEngine as MLCEngineType, MLCEngineConfig } from '@mlc-ai/web-llm';
import { qwenTokenizer } from '../../../scripts/fixtures/qwenTokenizer';
import { libraryBytes, libraryMetadata, qwenChatConfig, qwenModelId } from '../../../scripts/fixtures/webllmModel';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const BUNDLE = path.join(ROOT, 'node_modules/@mlc-ai/web-llm/lib/index.js');
export const WEBLLM_VERSION = '0.2.79';
export const MODEL_ID = qwenModelId('q4f32_1');
export const VOCAB_SIZE = 151936;
/** The float32 minimum the grammar-mask kernel writes into masked logits. */
const MASKED = -3.4028234663852886e38;

// ---- the real library, with its internals named -------------------------------------------

/* eslint-disable @typescript-eslint/no-explicit-any */
export interface Internals {
  webllm: typeof import('@mlc-ai/web-llm');
  LLMChatPipeline: new (tvm: any, tokenizer: any, config: any, logitProcessor?: any) => any;
  CustomLock: new () => any;
  tvmjs: any;
  Tokenizer: { fromJSON(bytes: ArrayBuffer): Promise<any> };
  cleanModelUrl: (url: string) => string;
}

let internals: Promise<Internals> | null = null;

/**
 * Import web-llm's shipped bundle with an export line for its internal pipeline, lock, TVM
 * runtime, tokenizer library and URL helper. The copy lives under node_modules (so the test
 * runner imports it natively, untransformed) and is rewritten when the package changes.
 * One constant in front hides Node's `process` from the bundle: its three Emscripten modules
 * (TVM runtime, tokenizer, grammar engine) would otherwise take their Node code path, which
 * re-points the bundle's module exports; without it they run as they do in a browser (their
 * wasm is inlined in the bundle).
 */
export function webllmInternals(): Promise<Internals> {
  internals ??= (async () => {
    const version = (JSON.parse(readFileSync(path.join(ROOT, 'node_modules/@mlc-ai/web-llm/package.json'), 'utf8')) as { version: string }).version;
    if (version !== WEBLLM_VERSION) throw new Error(`the contract tests are written for @mlc-ai/web-llm ${WEBLLM_VERSION}, installed: ${version}`);
    const src = readFileSync(BUNDLE, 'utf8');
    const names = { LLMChatPipeline: 'class LLMChatPipeline {', CustomLock: 'class CustomLock {', 'lib$2': 'var lib$2 = {exports: {}};', lib: 'var lib = {exports: {}};', cleanModelUrl: 'function cleanModelUrl(' };
    for (const [name, marker] of Object.entries(names)) if (!src.includes(marker)) throw new Error(`web-llm bundle: ${name} not found`);
    const outDir = path.join(ROOT, 'node_modules/.rovermitra-contract');
    const out = path.join(outDir, `webllm-${version}.mjs`);
    const header = 'const process = undefined;\n';
    const footer = '\nexport { LLMChatPipeline as __LLMChatPipeline, CustomLock as __CustomLock, lib$2 as __tvmjs, lib as __tokenizers, cleanModelUrl as __cleanModelUrl };\n';
    const text = header + src.replace(/\/\/# sourceMappingURL=.*$/m, '') + footer;
    if (!existsSync(out) || readFileSync(out, 'utf8') !== text) {
      mkdirSync(outDir, { recursive: true });
      writeFileSync(out, text);
    }
    const mod = (await import(pathToFileURL(out).href)) as any;
    return {
      webllm: mod,
      LLMChatPipeline: mod.__LLMChatPipeline,
      CustomLock: mod.__CustomLock,
      tvmjs: mod.__tvmjs.exports,
      Tokenizer: mod.__tokenizers.exports.Tokenizer,
      cleanModelUrl: mod.__cleanModelUrl,
    };
  })();
  return internals;
}

let tokenizerJson: string | null = null;
/** Qwen2.5's real tokenizer.json (built from the committed parts). */
export function qwenTokenizerJson(): string {
  tokenizerJson ??= JSON.stringify(qwenTokenizer().tokenizer);
  return tokenizerJson;
}

let tokenizer: Promise<any> | null = null;
/** The tokenizer web-llm builds from that file (its bundled tokenizer library). */
export async function webllmTokenizer(): Promise<any> {
  const { Tokenizer } = await webllmInternals();
  tokenizer ??= Tokenizer.fromJSON(new TextEncoder().encode(qwenTokenizerJson()).buffer as ArrayBuffer);
  return tokenizer;
}

// ---- the scripted model -------------------------------------------------------------------

export interface ForwardCall {
  kind: 'prefill' | 'decode';
  /** The token ids this forward pass was given. */
  tokens: number[];
}

/** The model: logits over the whole vocabulary for the next token after `call`. */
export type Script = (call: ForwardCall, history: ForwardCall[]) => Float32Array;

/** Logits with `base` everywhere and the given values at the given token ids. */
export function logits(values: Record<number, number> | Map<number, number>, base = -8): Float32Array {
  const out = new Float32Array(VOCAB_SIZE).fill(base);
  for (const [id, v] of values instanceof Map ? values : Object.entries(values).map(([k, v]) => [Number(k), v] as const)) out[id] = v;
  return out;
}

interface Scripted {
  calls: ForwardCall[];
}

/** The real TVM runtime (CPU) from the real model library, with its GPU functions scripted. */
async function scriptedTvm(script: Script, record: Scripted): Promise<any> {
  const { tvmjs } = await webllmInternals();
  const wasm = libraryBytes('q4f32_1');
  const real = await tvmjs.instantiate(new Uint8Array(wasm), tvmjs.createPolyfillWASI(), () => undefined);
  const metadata = JSON.stringify(libraryMetadata(wasm));
  const cpu = real.cpu();
  const fakes = new WeakSet<object>();
  const fake = <T extends object>(o: T): T => { fakes.add(o); return o; };
  const fn = (impl: (...args: any[]) => any) => fake(Object.assign(impl, { dispose() {} }));

  const forward = (kind: ForwardCall['kind']) => fn((embeddings: any) => {
    const tokens = Array.from(embeddings.toArray() as Float32Array, (x) => Math.round(x));
    const call = { kind, tokens };
    record.calls.push(call);
    const values = script(call, record.calls);
    if (values.length !== VOCAB_SIZE) throw new Error(`script: ${values.length} logits, the vocabulary has ${VOCAB_SIZE}`);
    const out = real.empty([1, 1, VOCAB_SIZE], 'float32', cpu);
    out.copyFrom(values);
    return fake({ get: (i: number) => (i === 0 ? out : fake({ dispose() {} })) });
  });
  const vmFunctions: Record<string, any> = {
    _metadata: fn(() => metadata),
    create_tir_paged_kv_cache: fn(() => fake({ dispose() {} })),
    // The embedding "vectors" carry the token ids through to the forward pass.
    embed: fn((ids: any) => {
      const tokens = Array.from(ids.toArray() as Int32Array);
      const out = real.empty([tokens.length, 1], 'float32', cpu);
      out.copyFrom(Float32Array.from(tokens));
      return out;
    }),
    prefill: forward('prefill'),
    decode: forward('decode'),
    apply_bitmask_inplace: fn((view: any, _seqIds: any, bitmask: any) => {
      const values = view.toArray() as Float32Array;
      const mask = bitmask.toArray() as Int32Array;
      for (let v = 0; v < values.length; v++) if (((mask[v >> 5] >>> (v & 31)) & 1) === 0) values[v] = MASKED;
      view.copyFrom(values);
    }),
  };
  const vm = fake({
    getFunction: (name: string) => {
      const f = vmFunctions[name];
      if (!f) throw new Error(`no function ${name} in the scripted model`);
      return f;
    },
    getInternalModule: () => fake({}),
    dispose() {},
  });
  const kvBuiltin = fn(() => undefined);
  const overrides: Record<string, unknown> = {
    webgpu: () => cpu,
    createVirtualMachine: () => vm,
    getParamsFromCacheByName: () => fake({ dispose() {} }),
    getGlobalFunc: (name: string) => (/^vm\.builtin\.(kv_state_|attention_kv_cache_)/.test(name) ? kvBuiltin : real.getGlobalFunc(name)),
    detachFromCurrentScope: (obj: unknown) => (typeof obj === 'string' || (typeof obj === 'object' && obj !== null && fakes.has(obj)) || (typeof obj === 'function' && fakes.has(obj)) ? obj : real.detachFromCurrentScope(obj)),
    asyncLoadWebGPUPipelines: async () => undefined,
  };
  return new Proxy(real, {
    get(target, prop, receiver) {
      if (typeof prop === 'string' && prop in overrides) return overrides[prop];
      const v = Reflect.get(target, prop, receiver);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
}

/**
 * What `MLCEngine.reload(modelId)` leaves behind, with the scripted model: the record looked up
 * in the engine's own app config, its chat config (the real one, with the record's overrides),
 * a pipeline built by web-llm's own constructor (with the logit processor registered for the
 * model), and the model's lock.
 */
async function register(engine: MLCEngineType, modelId: string, script: Script, record: Scripted): Promise<void> {
  const { LLMChatPipeline, CustomLock, webllm } = await webllmInternals();
  const e = engine as any;
  const modelRecord = (e.appConfig as AppConfig).model_list.find((r) => r.model_id === modelId);
  if (!modelRecord) throw new Error(`Cannot find model record in appConfig for ${modelId}.`);
  const chatConfig = { ...qwenChatConfig('q4f32_1'), ...modelRecord.overrides };
  const pipeline = new LLMChatPipeline(await scriptedTvm(script, record), await webllmTokenizer(), chatConfig, e.logitProcessorRegistry?.get(modelId));
  e.loadedModelIdToPipeline.set(modelId, pipeline);
  e.loadedModelIdToChatConfig.set(modelId, chatConfig);
  e.loadedModelIdToModelType.set(modelId, webllm.ModelType.LLM);
  e.loadedModelIdToLock.set(modelId, new CustomLock());
}

export interface ScriptedEngine {
  engine: MLCEngineType;
  calls: ForwardCall[];
}

/** A real `MLCEngine` (created with `config`) with the scripted model loaded as `modelId`. */
export async function scriptedEngine(script: Script, config: MLCEngineConfig = {}, modelId = MODEL_ID): Promise<ScriptedEngine> {
  const { webllm } = await webllmInternals();
  const record: Scripted = { calls: [] };
  const engine = new webllm.MLCEngine(config);
  await register(engine, modelId, script, record);
  return { engine, calls: record.calls };
}

/**
 * web-llm's module as the app's loader sees it — the real `MLCEngine` class (whose `reload` puts
 * the scripted model in place of the network and the GPU), the real records and library prefix.
 */
export async function scriptedWebLlmModule(script: Script): Promise<{ module: any; calls: ForwardCall[]; reloads: { modelId: string; appConfig: AppConfig }[] }> {
  const { webllm } = await webllmInternals();
  const record: Scripted = { calls: [] };
  const reloads: { modelId: string; appConfig: AppConfig }[] = [];
  class ScriptedMLCEngine extends webllm.MLCEngine {
    override async reload(modelId: string | string[]): Promise<void> {
      const id = Array.isArray(modelId) ? modelId[0] : modelId;
      reloads.push({ modelId: id, appConfig: (this as any).appConfig });
      await register(this, id, script, record);
    }
  }
  return { module: { MLCEngine: ScriptedMLCEngine, prebuiltAppConfig: webllm.prebuiltAppConfig, modelLibURLPrefix: webllm.modelLibURLPrefix }, calls: record.calls, reloads };
}

/** Decode token ids with web-llm's tokenizer. */
export async function decode(ids: number[]): Promise<string> {
  return (await webllmTokenizer()).decode(Int32Array.from(ids));
}

/** Encode text with web-llm's tokenizer. */
export async function encode(text: string): Promise<number[]> {
  return Array.from((await webllmTokenizer()).encode(text) as Int32Array);
}
/* eslint-enable @typescript-eslint/no-explicit-any */
