/**
 * The local Slack emulator and its driver: what end-to-end tests and `npm run demo` import.
 */
export { SlackEmulator, type SlackEmulatorOptions } from './slack-emulator';
export type { HeldCall } from './held-calls';
export { SlackDriver, type SlackDriverOptions, type EventSendOptions, type EventSendResult } from './driver';
export { slackSignature, type SendResult } from './signing';
export { callDepths, callWaves, type CallDepth } from './call-waves';
export { METHOD_SPECS, EXTRA_METHODS, GENERAL_ERRORS, UNDOCUMENTED_ERRORS, type MethodName, type MethodSpec, type RequiredArg } from './methods';
export { checkMessageBlocks, checkView, MAX_MESSAGE_BLOCKS, MAX_VIEW_BLOCKS } from './block-limits';
export { SEED_HUMANS, BOT_ID, APP_ID, TEAM_DOMAIN, VERIFICATION_TOKEN } from './state';
export type {
  EmittedEvent,
  EmulatedBookmark,
  EmulatedChannel,
  EmulatedEphemeral,
  EmulatedMessage,
  EmulatedPin,
  EmulatedUser,
  EmulatedView,
  FileSummary,
  RecordedCall,
  RecordedResponse,
} from './types';
