/**
 * A scripted language-model engine behind the app's own `LlmEngine` interface, for tests of the
 * ranking chain's logic (order, blend, validation, fallbacks, cancellation). It stands in for no
 * library: the web-llm adapter is tested against web-llm itself (tests/unit/webllm/), the
 * transformers.js one against transformers.js (transformersLlm.test.ts).
 *
 * Each call plays the next step: label probabilities, a JSON text, an error, or a generation
 * that only ends when its signal aborts.
 */
import { AbortedError, type ChatMessage, type JsonOutput, type JsonRequest, type LabelScores, type LlmEngine, throwIfAborted } from '../../src/core/rank/engine';

export type Step =
  | { kind: 'probs'; probs: Record<string, number> }
  | { kind: 'text'; text: string }
  | { kind: 'error'; error: unknown }
  | { kind: 'slow'; text: string };

export class ScriptedLlm implements LlmEngine {
  readonly device = 'webgpu';
  readonly calls: { kind: 'score' | 'explain'; messages: ChatMessage[]; request?: JsonRequest }[] = [];
  disposed = false;

  constructor(private readonly script: Step[], readonly modelId = 'scripted-model') {}

  private next(): Step {
    const step = this.script.shift();
    if (!step) throw new Error('scripted engine: no step left');
    return step;
  }

  async labelProbabilities(messages: ChatMessage[], labels: string[], signal: AbortSignal): Promise<LabelScores> {
    throwIfAborted(signal);
    this.calls.push({ kind: 'score', messages });
    const step = this.next();
    if (step.kind === 'error') throw step.error;
    if (step.kind !== 'probs') throw new Error(`scripted engine: expected probs, got ${step.kind}`);
    const raw = labels.map((l) => step.probs[l] ?? 0);
    const z = raw.reduce((a, b) => a + b, 0);
    return { probs: raw.map((p) => (z > 0 ? p / z : p)), labelMass: z, stats: { promptTokens: 420, generatedTokens: 1, prefillMs: 200, decodeMs: 0 } };
  }

  async generateJson(messages: ChatMessage[], request: JsonRequest, signal: AbortSignal, onText?: (text: string) => void): Promise<JsonOutput> {
    throwIfAborted(signal);
    this.calls.push({ kind: 'explain', messages, request });
    const step = this.next();
    if (step.kind === 'error') throw step.error;
    if (step.kind === 'probs') throw new Error('scripted engine: expected text, got probs');
    if (step.kind === 'slow') {
      onText?.(step.text);
      await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
      throw new AbortedError();
    }
    onText?.(step.text);
    return { text: step.text, finish: 'stop', stats: { promptTokens: 380, generatedTokens: Math.ceil(step.text.length / 4), prefillMs: 190, decodeMs: 2000 } };
  }

  async dispose(): Promise<void> {
    this.disposed = true;
  }
}
