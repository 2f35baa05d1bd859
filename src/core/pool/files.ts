/** File names of a pool folder (kept apart so the main thread can name them without the loader). */
export const MANIFEST_FILE = 'manifest.json';
/**
 * The canonical profiles a pool is packed from, one per line. Never served (SPEC §2.3: it holds
 * bios, hidden home cities and faith of people who did not opt in): it lives in the pool's data
 * folder outside the site, where only the Node tools (embeddings, benchmarks) read it.
 */
export const PROFILES_FILE = 'profiles.jsonl';
/** The packed pool file the worker and the CLI load: what is served. */
export const PACKED_FILE = 'pool.bin';
/** The candidates' embedding texts, for a browser that indexes the pool itself (textsFile.ts). */
export const TEXTS_FILE = 'texts.bin';
