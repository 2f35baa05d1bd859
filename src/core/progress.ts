/**
 * The one progress type: how far something being loaded (a file, or a model as a whole) has
 * come, in bytes so far and in all. Model loads also name their phase — downloading, reading
 * from the browser's cache, compiling for the GPU — so one bar can say what the wait is for.
 */
/** A model's load: downloading, reading from the browser's cache, compiling for the GPU. */
export type ModelLoadPhase = 'download' | 'cache' | 'compile';
/** `index`: the pool's index being built on this device (loaded / total: candidates). */
export type LoadPhase = ModelLoadPhase | 'index';

export interface Progress {
  file: string;
  loaded: number;
  total: number;
  phase?: LoadPhase;
}

export type OnProgress = (p: Progress) => void;
