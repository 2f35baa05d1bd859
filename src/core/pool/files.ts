/** File names of a pool folder (kept apart so the main thread can name them without the loader). */
export const MANIFEST_FILE = 'manifest.json';
export const PROFILES_FILE = 'profiles.jsonl';
/** The packed pool file the worker and the CLI load; profiles.jsonl stays the canonical data. */
export const PACKED_FILE = 'pool.bin';
