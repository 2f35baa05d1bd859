/**
 * The web-llm adapter against web-llm 0.2.79's real engine (see harness.ts: only the GPU-bound
 * model pipeline is scripted). Each defect the adapter once had is one test here; the engine's
 * own behaviours that the design depends on are pinned too, so an upgrade that changes them fails
 * a test instead of a person's search.
 */
import { describe, expect, it } from 'vitest';
import { AbortedError, type ChatMessage, softmax } from '../../../src/core/rank/engine';
import { scanJsonPrefix } from '../../../src/core/rank/jsonPrefix';
import { BLEND, blendScores } from '../../../src/core/rank/modelRanker';
import { LABELS, explanationSchema } from '../../../src/core/rank/prompt';
import type { RankJob } from '../../../src/core/rank/ranker';
import { TokenVocab } from '../../../src/core/rank/tokenVocab';
import { LogitTap } from '../../../src/core/rank/webllm/logitTap';
import { type MlcEngine, WebLlmEngine, loadWebLlm, modelBaseUrl } from '../../../src/core/rank/webllm/webllmEngine';
import { type ForwardCall, MODEL_ID, type Script, VOCAB_SIZE, decode, encode, logits, qwenTokenizerJson, scriptedEngine, scriptedWebLlmModule, webllmInternals } from './harness';

const vocab = new TokenVocab(JSON.parse(qwenTokenizerJson()));
const signal = () => new AbortController().signal;
const messages: ChatMessage[] = [{ role: 'system', content: 'Pick the best match. One letter.' }, { role: 'user', content: 'A: museums\nB: hiking' }];

async function adapter(script: Script) {
  const tap = new LogitTap(vocab);
  const { engine, calls } = await scriptedEngine(script, { logitProcessorRegistry: new Map([[MODEL_ID, tap]]) });
  return { llm: new WebLlmEngine(engine, MODEL_ID, tap, vocab), engine, calls, tap };
}

/** A "model" that, inside strings, always wants to write "x" (and never stops on its own). */
const chatty: Script = () => logits({ [vocab.labelIds('x')[0]]: 6, [vocab.labelIds('"')[0]]: 2 });

/** Ten labels with these first-token logits (bare form), the rest of the vocabulary low. */
function labelScript(values: number[]): Script {
  const map = new Map<number, number>();
  LABELS.forEach((l, i) => {
    const [bare, spaced] = vocab.labelIds(l);
    map.set(bare, values[i]);
    if (spaced !== undefined) map.set(spaced, -60);
  });
  return () => logits(map, -20);
}

describe('web-llm 0.2.79 itself (what the adapter is designed around)', () => {
  it('refuses top_logprobs above 5 — the request the adapter used to send for scoring', async () => {
    const { engine } = await scriptedEngine(labelScript(LABELS.map((_, i) => i)));
    await expect(engine.chat.completions.create({ messages, max_tokens: 1, temperature: 0, logprobs: true, top_logprobs: 20 })).rejects.toThrow(/top_logprobs/);
  });

  it('computes logprobs after the temperature: at temperature 0 they are one-hot, so they cannot order candidates', async () => {
    const { engine } = await scriptedEngine(labelScript([3, 2.5, 2, 1.5, 1, 0.5, 0, -0.5, -1, -1.5]));
    const r = await engine.chat.completions.create({ messages, max_tokens: 1, temperature: 0, logprobs: true, top_logprobs: 5 });
    const top = r.choices[0].logprobs!.content![0].top_logprobs.map((t) => t.logprob);
    expect(top[0]).toBe(0);
    expect(top.slice(1).every((l) => l === -Infinity)).toBe(true);
  });

  it('clears an interrupt that lands before a stream is first read, and generates in full', async () => {
    const { engine, calls } = await scriptedEngine(chatty);
    const stream = await engine.chat.completions.create({ messages, max_tokens: 6, temperature: 0, stream: true });
    await engine.interruptGenerate();
    let finish: string | null = null;
    for await (const chunk of stream) finish = chunk.choices[0]?.finish_reason ?? finish;
    expect(finish).toBe('length');
    expect(calls.filter((c) => c.kind === 'decode')).toHaveLength(5);
  });

  it('ignores maxLength in a JSON schema: the grammar alone does not bound a text', async () => {
    const { engine } = await scriptedEngine(chatty);
    const stream = await engine.chat.completions.create({
      messages, max_tokens: 40, temperature: 0, stream: true,
      response_format: { type: 'json_object', schema: JSON.stringify(explanationSchema(['A'], 10)) },
    });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
    expect(text.replace(/[^x]/g, '').length).toBeGreaterThan(20);
  });
});

describe('scoring on the real engine', () => {
  it('reads the raw logits of the first answer token: the ten probabilities are the softmax over the labels’ logits', async () => {
    const values = [1.2, -0.3, 2.5, 0.8, 0.1, -1.4, 3.1, 0.0, 1.9, -2.2];
    const { llm, calls } = await adapter(labelScript(values));
    const out = await llm.labelProbabilities(messages, [...LABELS], signal());
    const expected = softmax(values);
    expect(out.probs).toHaveLength(10);
    out.probs.forEach((p, i) => expect(Math.abs(p - expected[i])).toBeLessThan(1e-6));
    // One forward pass, over web-llm's own chat template of our messages.
    expect(calls.map((c) => c.kind)).toEqual(['prefill']);
    expect(await decode(calls[0].tokens)).toBe('<|im_start|>system\nPick the best match. One letter.<|im_end|>\n<|im_start|>user\nA: museums\nB: hiking<|im_end|>\n<|im_start|>assistant\n');
    // The labels' share of the whole distribution: ten tokens at ~3 against 151 926 at −20.
    expect(out.labelMass).toBeGreaterThan(0.99);
    expect(out.stats.promptTokens).toBe(calls[0].tokens.length);
    expect(out.stats.generatedTokens).toBe(1);
    expect(Number.isFinite(out.stats.prefillMs) && Number.isFinite(out.stats.decodeMs)).toBe(true);
  });

  it('ranks whatever the temperature or penalties of the model’s chat config', async () => {
    // Qwen's config has repetition_penalty 1.1: it applies after the tap, so it cannot bend scores.
    const values = [0.5, 0.4, 0.3, 0.2, 0.1, 0, -0.1, -0.2, -0.3, -0.4];
    const { llm } = await adapter(labelScript(values));
    const out = await llm.labelProbabilities(messages, [...LABELS], signal());
    expect(out.probs.map((p, i) => [p, i]).sort((a, b) => b[0] - a[0]).map(([, i]) => i)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('the blend orders all ten candidates as the scripted logits do, with ten distinct scores', async () => {
    // Model shares p/max of 1, 0.9, …, 0.1, in an order unlike the shortlist's; heuristic and
    // similarity held equal, so the blend's order is the model's alone.
    const shares = [0.6, 0.2, 1, 0.4, 0.9, 0.1, 0.7, 0.3, 0.8, 0.5];
    const { llm } = await adapter(labelScript(shares.map(Math.log)));
    const out = await llm.labelProbabilities(messages, [...LABELS], signal());
    const job: RankJob = {
      query: { pace: 'balanced', band: 'mid', interests: [], values: [], diet: 'none', transport: [], remoteWork: false },
      candidates: shares.map((_, i) => ({ index: i, facts: {} as never, otherInterests: [], heuristic: 0.6, sim: 0.5 })),
      top: 10,
    };
    const scores = blendScores(job, out.probs);
    expect(scores).toEqual(shares.map((m) => Math.round((BLEND.model * m + BLEND.heuristic * 0.6 + BLEND.similarity * 0.5) * 100) / 100));
    expect(new Set(scores).size).toBe(10);
    const byScore = (xs: number[]) => xs.map((x, i) => [x, i]).sort((a, b) => b[0] - a[0]).map(([, i]) => i);
    expect(byScore(scores)).toEqual(byScore(shares));
    expect(byScore(scores)).toEqual([2, 4, 8, 6, 0, 9, 3, 7, 1, 5]);
  });

  it('takes the label token ids from the model’s tokenizer (bare and after a space)', async () => {
    for (const l of LABELS) {
      expect(vocab.labelIds(l)).toEqual([...(await encode(l)), ...(await encode(` ${l}`))]);
    }
  });

  it('a label the vocabulary cannot spell is an error, not a zero', async () => {
    const { llm } = await adapter(labelScript(LABELS.map(() => 0)));
    await expect(llm.labelProbabilities(messages, ['A', '€€'], signal())).rejects.toThrow(/no token for the label/);
  });
});

describe('explanations on the real engine (JSON-schema mode)', () => {
  it('bounds every text to its length while the grammar keeps the JSON valid and complete', async () => {
    const { llm, calls } = await adapter(chatty);
    const schema = explanationSchema(['C', 'A'], 24);
    const out = await llm.generateJson(messages, { schema, maxTokens: 120, maxTextChars: 24 }, signal());
    const scan = scanJsonPrefix(out.text);
    expect(scan.complete).toBe(true);
    expect([...scan.entries.keys()]).toEqual(['C', 'A']);
    for (const v of scan.entries.values()) {
      expect(v.length).toBeGreaterThanOrEqual(24);
      expect(v.length).toBeLessThan(24 + 8);
    }
    expect(out.finish).toBe('stop');
    expect(out.stats.generatedTokens).toBe(calls.length);
  });

  it('a generation cut off by its budget is a valid JSON prefix whose complete entries are kept', async () => {
    const { llm } = await adapter(chatty);
    const out = await llm.generateJson(messages, { schema: explanationSchema(['A', 'B', 'C'], 4), maxTokens: 20, maxTextChars: 4 }, signal());
    const scan = scanJsonPrefix(out.text);
    expect(out.finish).toBe('length');
    expect(scan.validPrefix).toBe(true);
    expect(scan.complete).toBe(false);
    expect(scan.entries.size).toBeGreaterThanOrEqual(1);
    expect(scan.entries.size).toBeLessThan(3);
  });
});

describe('cancellation on the real engine', () => {
  it('an abort before the request starts runs no forward pass at all', async () => {
    const { llm, calls } = await adapter(chatty);
    const c = new AbortController();
    const pending = llm.generateJson(messages, { schema: explanationSchema(['A'], 100), maxTokens: 50, maxTextChars: 100 }, c.signal);
    c.abort();
    await expect(pending).rejects.toBeInstanceOf(AbortedError);
    expect(calls).toHaveLength(0);
  });

  it('a request queued behind another and aborted while waiting never starts', async () => {
    const { llm, calls } = await adapter(chatty);
    const first = llm.generateJson(messages, { schema: explanationSchema(['A'], 400), maxTokens: 60, maxTextChars: 400 }, signal());
    const c = new AbortController();
    const second = llm.labelProbabilities(messages, [...LABELS], c.signal);
    c.abort();
    await expect(second).rejects.toBeInstanceOf(AbortedError);
    await first;
    expect(calls.filter((x) => x.kind === 'prefill')).toHaveLength(1);
  });

  it('an abort that lands during the prefill forward pass stops the request before any decode step', async () => {
    // web-llm clears its interrupt flag before the prefill, so an interrupt raised during it holds.
    const c = new AbortController();
    const { llm, calls } = await adapter((call, history) => {
      if (call.kind === 'prefill') c.abort();
      return chatty(call, history);
    });
    const pending = llm.generateJson(messages, { schema: explanationSchema(['A'], 400), maxTokens: 200, maxTextChars: 400 }, c.signal);
    await expect(pending).rejects.toBeInstanceOf(AbortedError);
    expect(calls.map((x) => x.kind)).toEqual(['prefill']);
    expect(llm.activity().at(-1)).toMatchObject({ kind: 'explain', finish: 'abort', generatedTokens: 1 });
  });

  it('an abort that lands after create() but before the stream is first read stops the request before any decode step', async () => {
    // web-llm clears its interrupt flag when the stream starts (see the engine's own test above):
    // the adapter re-asserts the interrupt on the first chunk.
    const { engine, calls, tap } = await adapter(chatty);
    const c = new AbortController();
    const create = engine.chat.completions.create.bind(engine.chat.completions);
    const wrapped: MlcEngine = {
      chat: { completions: { create: async (request) => { const stream = await create(request); c.abort(); return stream; } } },
      interruptGenerate: () => engine.interruptGenerate(),
      unload: () => engine.unload(),
    };
    const llm = new WebLlmEngine(wrapped, MODEL_ID, tap, vocab);
    const pending = llm.generateJson(messages, { schema: explanationSchema(['A'], 400), maxTokens: 200, maxTextChars: 400 }, c.signal);
    await expect(pending).rejects.toBeInstanceOf(AbortedError);
    expect(calls.map((x) => x.kind)).toEqual(['prefill']);
  });

  it('an abort during generation stops it within a step, and the engine takes the next request', async () => {
    const { llm, calls } = await adapter(chatty);
    const c = new AbortController();
    const pending = llm.generateJson(messages, { schema: explanationSchema(['A'], 400), maxTokens: 200, maxTextChars: 400 }, c.signal, (text) => {
      if (text.length > 12) c.abort();
    });
    await expect(pending).rejects.toBeInstanceOf(AbortedError);
    const steps = calls.length;
    expect(steps).toBeLessThan(20);
    expect(llm.activity().at(-1)).toMatchObject({ kind: 'explain', finish: 'abort', maxTokens: 200 });
    // web-llm's lock was released: the next request runs to its end.
    const next = await llm.labelProbabilities(messages, [...LABELS], signal());
    expect(next.probs).toHaveLength(10);
    expect(calls.length).toBe(steps + 1);
  });
});

describe('loading through the app’s loader', () => {
  it('creates web-llm’s engine with the app’s record, hosts, cache backend and the tap registered for the model', async () => {
    const { module, reloads, calls } = await scriptedWebLlmModule(labelScript([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]));
    const tokenizerUrls: string[] = [];
    const llm = await loadWebLlm(module, {
      modelId: MODEL_ID,
      hosts: { modelHost: '/models/', libHost: '/models/web-llm-libs/', cache: 'indexeddb', origin: 'http://localhost:4173' },
      totalBytes: 300e6,
      label: 'test',
      tokenizerJson: async (url) => { tokenizerUrls.push(url); return JSON.parse(qwenTokenizerJson()); },
    });
    const { appConfig } = reloads[0];
    expect(appConfig.useIndexedDBCache).toBe(true);
    expect(appConfig.model_list).toEqual([expect.objectContaining({
      model_id: MODEL_ID,
      model: `http://localhost:4173/models/mlc-ai/${MODEL_ID}`,
      model_lib: 'http://localhost:4173/models/web-llm-libs/v0_2_48/Qwen2-0.5B-Instruct-q4f32_1-ctx4k_cs1k-webgpu.wasm',
    })]);
    expect(tokenizerUrls).toEqual([`http://localhost:4173/models/mlc-ai/${MODEL_ID}/resolve/main/`]);
    const out = await llm.labelProbabilities(messages, [...LABELS], signal());
    expect(out.probs.indexOf(Math.max(...out.probs))).toBe(9);
    expect(calls).toHaveLength(1);
  });

  it('reads a model from the folder web-llm reads it from', async () => {
    const { cleanModelUrl } = await webllmInternals();
    for (const url of ['https://huggingface.co/mlc-ai/X-MLC', 'https://huggingface.co/mlc-ai/X-MLC/', 'http://localhost:4173/models/mlc-ai/X', 'https://hf-mirror.com/a/b/resolve/dev/']) {
      expect(modelBaseUrl(url)).toBe(cleanModelUrl(url));
    }
  });

  it('the vocabulary covers the model’s whole output layer', () => {
    expect(vocab.size).toBeLessThanOrEqual(VOCAB_SIZE);
    expect(vocab.text(vocab.labelIds('x')[0])).toBe('x');
    expect(vocab.text(151645)).toBe('<|im_end|>');
  });
});

export type { ForwardCall };
