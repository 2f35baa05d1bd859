/** Playwright global setup: the generated pool, fixture models and their embeddings must exist. */
import { prepareAssets } from '../../scripts/prepare';

export default async function setup(): Promise<void> {
  await prepareAssets();
}
