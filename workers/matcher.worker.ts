/**
 * The worker entry: the only file that knows it runs in a worker. It sets up the environment
 * (device facts, `performance.measure` entries named `rm:<stage>`) and exposes the matcher
 * service over comlink. Everything else lives in the environment-neutral core.
 */
import * as Comlink from 'comlink';
import { type InitOutcome, MatcherService, type Progress, type PublicSearchOptions } from '../src/core/service';
import type { SearchOutcome } from '../src/core/search';
import { toMatchError } from '../src/core/errors';
import { type DeviceInfo, detectDevice } from './device';

const service = new MatcherService((stage, start, end) => {
  performance.measure(`rm:${stage}`, { start, end });
});

const api = {
  init(poolBaseUrl: string, onProgress?: (p: Progress) => void): Promise<InitOutcome> {
    return service.init(poolBaseUrl, onProgress);
  },
  search(profile: unknown, options?: PublicSearchOptions): SearchOutcome {
    try {
      performance.clearMeasures();
      return service.search(profile, options);
    } catch (e) {
      return { ok: false, error: toMatchError(e) };
    }
  },
  device(): Promise<DeviceInfo> {
    return detectDevice();
  },
};

export type MatcherApi = typeof api;
Comlink.expose(api);
