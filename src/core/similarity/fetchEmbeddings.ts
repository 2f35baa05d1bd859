/** Fetch the pool's embeddings for a model from `<pool>/embeddings/` and check them (SPEC §4). */
import { embedModel } from '../engines/embedder';
import type { Notice } from '../errors';
import { PROFILE_TEXT_VERSION } from '../profile/text';
import type { Progress } from '../service';
import { loadPair } from '../util/savedPair';
import { type PoolEmbeddings, decodeEmbeddings, embeddingsStem } from './poolEmbeddings';
import { reasonOf } from './semantic';

export async function fetchPoolEmbeddings(
  poolBaseUrl: string,
  modelId: string,
  pool: { sha256: string; count: number },
  onProgress?: (p: Progress) => void,
): Promise<PoolEmbeddings | Notice> {
  const stem = embeddingsStem(modelId);
  const missing: Notice = {
    code: 'embeddings_missing',
    message: `The pool has no embeddings for ${modelId} (build them with npm run embeddings -- --model ${modelId}), so the shortlist uses the rule bonus only.`,
  };
  // The query is embedded with the catalog's weights and pooling for this model: the pool's must match.
  const { weights, pooling } = embedModel(modelId);
  const got = await loadPair<PoolEmbeddings>({
    // One saved pair per pool and model: embeddings for another pool never stand in.
    name: `embeddings:${poolBaseUrl}:${stem}`,
    manifestUrl: `${poolBaseUrl}embeddings/${stem}.json`,
    label: 'pool embeddings manifest',
    dataUrl: () => `${poolBaseUrl}embeddings/${stem}.bin`,
    dataFile: () => `${stem}.bin`,
    check: (manifest, bytes) => decodeEmbeddings(manifest, bytes, { modelId, weights, pooling, poolSha256: pool.sha256, count: pool.count, textVersion: PROFILE_TEXT_VERSION }),
    onProgress,
  });
  if (got.ok) return got.value;
  if (got.status === 404) return missing;
  const e = got.error;
  if (e.code === 'embeddings_mismatch') return { code: e.code, message: `${e.message}. They are not used; the shortlist uses the rule bonus only.` };
  return { code: 'embeddings_unavailable', message: `Pool embeddings could not be loaded (${reasonOf(new Error(e.message))}); the shortlist uses the rule bonus only.` };
}
