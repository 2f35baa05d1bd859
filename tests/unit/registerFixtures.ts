/** vitest setup (every test file): the generated test models are known to the model catalog. */
import { registerFixtureModels } from '../../src/testing/fixtureModels';

registerFixtureModels();
