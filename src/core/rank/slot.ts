/**
 * An engine slot that loads once per session and remembers failure: after a failed load (or a
 * failure mid-run, such as a lost device), later searches skip straight past it with the same
 * reason instead of retrying.
 */
import type { Progress } from '../progress';
import type { EngineActivity, EngineInfo, EngineSlot, LlmEngine } from './engine';

type ProgressFn = (p: Progress) => void;

export function memoSlot(info: EngineInfo, skipReason: string | null, loader: (onProgress?: ProgressFn) => Promise<LlmEngine>): EngineSlot & { fail(reason: string): void } {
  let loading: Promise<LlmEngine> | null = null;
  let loaded: LlmEngine | null = null;
  let broken: string | null = null;
  const slot = {
    info,
    get skipReason() {
      return skipReason ?? (broken ? `failed earlier in this session: ${broken}` : null);
    },
    load(onProgress?: ProgressFn): Promise<LlmEngine> {
      loading ??= loader(onProgress).then((e) => { loaded = e; return e; }, (e: unknown) => {
        broken = e instanceof Error ? e.message : typeof e === 'string' ? e : 'load failed';
        throw e;
      });
      return loading;
    },
    activity(): EngineActivity[] {
      return loaded?.activity?.() ?? [];
    },
    fail(reason: string) {
      broken = reason;
      const engine = loading;
      loading = null;
      loaded = null;
      void engine?.then((e) => e.dispose()).catch(() => undefined);
    },
  };
  return slot;
}
