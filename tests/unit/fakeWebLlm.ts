/**
 * A scripted fake of web-llm's MLCEngine (the subset the adapter uses): each call to
 * `chat.completions.create` plays the next scripted step — a scoring reply with top logprobs,
 * a streamed text, an error (web-llm sometimes rejects with plain strings), or a slow stream
 * that only ends when `interruptGenerate()` is called.
 */
import type { MlcEngineLike } from '../../src/core/rank/webllmEngine';

export type Step =
  | { kind: 'logprobs'; top: { token: string; logprob: number }[] }
  | { kind: 'stream'; text: string; chunk?: number }
  | { kind: 'slow-stream'; text: string }
  | { kind: 'reject'; error: unknown };

export class FakeMlcEngine implements MlcEngineLike {
  readonly requests: Record<string, unknown>[] = [];
  interrupts = 0;
  unloaded = false;
  private interrupted: (() => void) | null = null;

  constructor(private readonly script: Step[]) {}

  chat = {
    completions: {
      create: async (request: Record<string, unknown>) => {
        this.requests.push(request);
        const step = this.script.shift();
        if (!step) throw new Error('fake: no scripted step left');
        if (step.kind === 'reject') throw step.error;
        if (step.kind === 'logprobs') {
          return {
            choices: [{ message: { content: step.top[0]?.token ?? '' }, logprobs: { content: [{ top_logprobs: step.top }] } }],
            usage: { prompt_tokens: 420, completion_tokens: 1, extra: { prefill_tokens_per_s: 2100, decode_tokens_per_s: 50 } },
          };
        }
        const chunks = step.kind === 'stream' ? split(step.text, step.chunk ?? 7) : [step.text.slice(0, 5)];
        const slow = step.kind === 'slow-stream';
        const fake = this;
        return (async function* () {
          for (const c of chunks) yield { choices: [{ delta: { content: c } }] };
          if (slow) {
            // Never finishes on its own: ends only when interrupted.
            await new Promise<void>((resolve) => { fake.interrupted = resolve; });
            return;
          }
          yield { choices: [{ delta: {} }], usage: { prompt_tokens: 380, completion_tokens: Math.ceil(step.text.length / 4), extra: { prefill_tokens_per_s: 2000, decode_tokens_per_s: 40 } } };
        })();
      },
    },
  };

  interruptGenerate(): void {
    this.interrupts++;
    this.interrupted?.();
  }

  async unload(): Promise<void> {
    this.unloaded = true;
  }
}

function split(text: string, n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += n) out.push(text.slice(i, i + n));
  return out;
}

/** top_logprobs that put `weights` (label → probability) on the labels. */
export function labelLogprobs(weights: Record<string, number>): { token: string; logprob: number }[] {
  return Object.entries(weights).map(([token, p]) => ({ token, logprob: Math.log(p) }));
}
