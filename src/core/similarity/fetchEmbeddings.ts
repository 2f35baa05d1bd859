/** Fetch the pool's embeddings for a model from `<pool>/embeddings/` and check them (SPEC §4). */
import { embedModel } from '../models/catalog';
import { type Result, fail, failure, notice, ok } from '../outcome';
import type { OnProgress } from '../progress';
import { PROFILE_TEXT_VERSION } from '../profile/text';
import { declaredBytes, loadPair } from '../util/savedPair';
import { type PoolEmbeddings, decodeEmbeddings, embeddingsStem } from './poolEmbeddings';

/** The pool's embeddings, or why there are none (a notice-coded failure: the shortlist goes rule-only). */
export async function fetchPoolEmbeddings(
  poolBaseUrl: string,
  modelId: string,
  pool: { sha256: string; count: number },
  onProgress?: OnProgress,
): Promise<Result<PoolEmbeddings>> {
  const stem = embeddingsStem(modelId);
  // The query is embedded with the catalog's weights and pooling for this model: the pool's must match.
  const { weights, pooling } = embedModel(modelId);
  const got = await loadPair<PoolEmbeddings>({
    // One saved pair per pool and model: embeddings for another pool never stand in.
    name: `embeddings:${poolBaseUrl}:${stem}`,
    manifestUrl: `${poolBaseUrl}embeddings/${stem}.json`,
    label: 'pool embeddings manifest',
    dataUrl: () => ok(`${poolBaseUrl}embeddings/${stem}.bin`),
    dataFile: () => `${stem}.bin`,
    dataBytes: (m) => declaredBytes((m as { file?: { bytes?: unknown } } | null)?.file?.bytes),
    check: (manifest, bytes) => decodeEmbeddings(manifest, bytes, { modelId, weights, pooling, poolSha256: pool.sha256, count: pool.count, textVersion: PROFILE_TEXT_VERSION }),
    onProgress,
  });
  if (got.ok) return ok(got.value);
  if (got.status === 404) return fail(notice('embeddings_missing', { model: modelId }, { detail: `The site can ship them: npm run embeddings -- --model ${modelId}` }));
  if (got.error.code === 'embeddings_mismatch') return fail(got.error);
  return fail(failure('embeddings_unavailable', { why: got.error.message }));
}
