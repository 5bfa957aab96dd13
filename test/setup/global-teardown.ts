/** Jest globalTeardown: see global-temp.ts. */
export { teardown as default } from './global-temp';
