/** Jest globalSetup: see global-temp.ts. */
export { setup as default } from './global-temp';
