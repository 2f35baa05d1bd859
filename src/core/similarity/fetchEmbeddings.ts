/** Fetch the pool's embeddings for a model from `<pool>/embeddings/` and check them (SPEC §4). */
import { embedModel } from '../engines/embedder';
import type { Notice } from '../errors';
import { PROFILE_TEXT_VERSION } from '../profile/text';
import type { Progress } from '../service';
import { fetchBytes } from '../util/fetchBytes';
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
  try {
    const res = await fetch(`${poolBaseUrl}embeddings/${stem}.json`);
    if (res.status === 404) return missing;
    if (!res.ok) return { code: 'embeddings_unavailable', message: `Pool embeddings could not be loaded (HTTP ${res.status}); the shortlist uses the rule bonus only.` };
    const manifest: unknown = await res.json().catch(() => null);
    const bytes = await fetchBytes(`${poolBaseUrl}embeddings/${stem}.bin`, `${stem}.bin`, onProgress);
    // The query is embedded with the catalog's weights and pooling for this model: the pool's must match.
    const { weights, pooling } = embedModel(modelId);
    const decoded = await decodeEmbeddings(manifest, bytes, { modelId, weights, pooling, poolSha256: pool.sha256, count: pool.count, textVersion: PROFILE_TEXT_VERSION });
    if ('code' in decoded) return { code: decoded.code, message: `${decoded.message}. They are not used; the shortlist uses the rule bonus only.` };
    return decoded;
  } catch (e) {
    return { code: 'embeddings_unavailable', message: `Pool embeddings could not be loaded (${reasonOf(e)}); the shortlist uses the rule bonus only.` };
  }
}
