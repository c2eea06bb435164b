/** Public surface of the safety library: pure, synchronous, no I/O. */
export * from './types.js';
export { screen, SCREEN_VERSION } from './screen.js';
export { responseFor, alertTimeLimitMinutes } from './safe-messaging.js';
export type { ResponsePlan, ResponseTone } from './safe-messaging.js';
