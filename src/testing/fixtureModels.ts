/**
 * The models the project generates for its tests (scripts/fixtures/), registered in the model
 * catalog by what is made for tests only: the test build's worker (testHooks.ts), the unit
 * tests, and the tools that build their pool embeddings or run them (scripts/).
 */
import { registerModels } from '../core/models/catalog';

export const FIXTURE_MODELS = {
  embed: {
    // The tiny encoder is built for mean pooling; the perf encoder has bge-small's shape.
    'fixtures/tiny-encoder': { dims: 64, pooling: 'mean', weights: 'fp32', prefix: '' },
    'fixtures/perf-encoder': { dims: 384, pooling: 'cls', weights: 'q8', prefix: '' },
    // The same files, loaded as fp32 (what a WebGPU figure is measured with; its own pool index).
    'fixtures/perf-encoder-fp32': { dims: 384, pooling: 'cls', weights: 'fp32', prefix: '' },
  },
  llm: {
    'fixtures/tiny-decoder': { fp32Only: true },
    // Qwen2.5-0.5B's architecture with generated 4-bit weights (scripts/fixtures/qwenDecoder.ts).
    'fixtures/qwen2.5-0.5b-perf': { defaultArchitecture: true },
    'fixtures/qwen2.5-0.5b-perf-fullhead': { defaultArchitecture: true },
  },
} as const;

export function registerFixtureModels(): void {
  registerModels(FIXTURE_MODELS);
}
