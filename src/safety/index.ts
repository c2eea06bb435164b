/** Public surface of the safety library: pure, synchronous, no I/O. */
export * from './types.js';
export { screen, SCREEN_VERSION } from './screen.js';
export { responseFor, alertTimeLimitMinutes } from './safe-messaging.js';
export type { ResponseOptions, ResponsePlan, ResponseTone } from './safe-messaging.js';
export { findContactDetails, contactKinds } from './contact-details.js';
export type { ContactFinding, ContactKind, ContactOptions } from './contact-details.js';
export { rateEmpathy, EMPATHY_VERSION } from './empathy.js';
export type { EmpathyFeedback, EmpathyLevel, EmpathyNote, EmpathyNoteCode, EmpathyRating } from './empathy.js';
