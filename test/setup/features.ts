/**
 * Every test file starts with the app's features registered, as the app does at start-up (its
 * Store is made through src/app/store.ts): a test of the grammar or a view needs no Store for that.
 */
import { registerAppFeatures } from '../../src/app/features';

registerAppFeatures();
