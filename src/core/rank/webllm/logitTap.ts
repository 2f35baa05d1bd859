/**
 * A web-llm `LogitProcessor` (registered for the model in `logitProcessorRegistry`; it sees every
 * step's logits when the engine runs in the caller's own thread, as it does in our worker).
 *
 * - **Capture**: armed before a scoring request, it keeps the raw logits of the request's first
 *   step — before temperature, penalties and sampling — for the labels' token ids, plus the
 *   log-normaliser of the whole distribution. `top_logprobs` cannot serve: web-llm returns at
 *   most 5 and computes them after the temperature (one-hot at temperature 0).
 * - **Text bound**: during an explanation request it follows the JSON being written and, once the
 *   value string being written has `maxChars` characters, allows only tokens that close it (the
 *   grammar's mask is already applied to the logits it sees, so what remains is valid JSON). The
 *   JSON schema says `maxLength` too, but web-llm 0.2.79's grammar engine ignores that keyword.
 *
 * It never changes logits otherwise. `resetState` is a no-op: web-llm calls it when a request
 * starts a new conversation, after the tap was armed for that request.
 */
import type { LogitProcessor } from '@mlc-ai/web-llm';
import { JsonPrefixScanner } from '../jsonPrefix';
import { logSumExp } from '../engine';
import type { TokenVocab } from '../tokenVocab';

export interface CapturedLogits {
  /** Raw logits of the label forms, in the order they were armed. */
  values: number[];
  /** log Σ exp over the whole vocabulary. */
  logNormaliser: number;
}

interface Bound {
  maxChars: number;
  scanner: JsonPrefixScanner;
}

export class LogitTap implements LogitProcessor {
  private armedIds: number[] | null = null;
  private captured: CapturedLogits | null = null;
  private bound: Bound | null = null;
  private quoteIds: Int32Array | null = null;
  /** Tokens sampled since the last `startRequest`. */
  sampled = 0;

  constructor(private readonly vocab: TokenVocab) {}

  /** Start counting a new request's tokens; arm a capture of `ids` when given. */
  startRequest(opts: { captureIds?: number[]; boundChars?: number } = {}): void {
    this.sampled = 0;
    this.captured = null;
    this.armedIds = opts.captureIds ?? null;
    this.bound = opts.boundChars ? { maxChars: opts.boundChars, scanner: new JsonPrefixScanner() } : null;
  }

  /** End the request: disarm, and hand over what was captured (null when nothing was). */
  endRequest(): CapturedLogits | null {
    const c = this.captured;
    this.armedIds = null;
    this.captured = null;
    this.bound = null;
    return c;
  }

  processLogits(logits: Float32Array): Float32Array {
    if (this.armedIds && !this.captured) {
      this.captured = { values: this.armedIds.map((id) => logits[id]), logNormaliser: logSumExp(logits) };
    }
    const b = this.bound;
    if (b) {
      const open = b.scanner.openValueLength;
      if (open !== null && open >= b.maxChars) this.allowOnlyClosingQuote(logits);
    }
    return logits;
  }

  processSampledToken(token: number): void {
    this.sampled++;
    this.bound?.scanner.push(this.vocab.text(token));
  }

  resetState(): void {}

  private allowOnlyClosingQuote(logits: Float32Array): void {
    this.quoteIds ??= this.findQuoteIds(logits.length);
    const keep = new Float32Array(this.quoteIds.length);
    this.quoteIds.forEach((id, i) => { keep[i] = logits[id]; });
    logits.fill(-Infinity);
    this.quoteIds.forEach((id, i) => { logits[id] = keep[i]; });
  }

  /** Tokens whose text starts with `"`: the ones that can end a string value. */
  private findQuoteIds(n: number): Int32Array {
    const ids: number[] = [];
    for (let id = 0; id < n; id++) if (this.vocab.text(id).startsWith('"')) ids.push(id);
    return Int32Array.from(ids);
  }
}
