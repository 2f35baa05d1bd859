/**
 * The one progress type: how far something being loaded (a file, or a model as a whole) has
 * come, in bytes so far and in all. Model loads also name their phase — downloading, reading
 * from the browser's cache, compiling for the GPU — so one bar can say what the wait is for;
 * and the model and its role, so that files of two models with the same name (`config.json`)
 * stay apart.
 */
/** A model's load: downloading, reading from the browser's cache, compiling for the GPU. */
export type ModelLoadPhase = 'download' | 'cache' | 'compile';
/** `index`: the pool's index being built on this device (loaded / total: candidates). */
export type LoadPhase = ModelLoadPhase | 'index';

/** Which model a load is for, as the page names it (one progress bar per model). */
export type ModelRole = 'embedder' | 'webgpu ranker' | 'wasm ranker' | 'custom';

export interface Progress {
  file: string;
  loaded: number;
  total: number;
  phase?: LoadPhase;
  /** The model this file belongs to (its id), when the load is a model's. */
  model?: string;
  /** What that model is for. */
  role?: ModelRole;
  /**
   * Per second, in `loaded`'s unit, where the producer measures it itself (the index builder:
   * candidates embedded in this run); otherwise whoever shows the progress measures the rate.
   */
  rate?: number;
  /** Time left at `rate` (null until known), with `rate`. */
  etaMs?: number | null;
}

export type OnProgress = (p: Progress) => void;

/**
 * The reports of one model's load, each naming the model and its role (one bar per model on the
 * page) and, where a library does not name it, the phase known before the load started (a
 * transformers.js model read from this device's cache reports its files as downloads).
 */
export function forModel(onProgress: OnProgress | undefined, model: string, role: ModelRole, phase?: ModelLoadPhase): OnProgress | undefined {
  if (!onProgress) return undefined;
  return (p) => {
    const named = p.phase ?? phase;
    onProgress(named ? { ...p, model, role, phase: named } : { ...p, model, role });
  };
}
