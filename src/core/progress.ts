/**
 * The one progress type: how far something being loaded (a file, or a model as a whole) has
 * come, in bytes so far and in all. Model loads also name their phase — downloading, reading
 * from the browser's cache, compiling for the GPU — so one bar can say what the wait is for.
 */
export type LoadPhase = 'download' | 'cache' | 'compile';

export interface Progress {
  file: string;
  loaded: number;
  total: number;
  phase?: LoadPhase;
}

export type OnProgress = (p: Progress) => void;
