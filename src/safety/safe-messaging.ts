export function responseFor(): void {}
export function alertTimeLimitMinutes(): void {}
export type ResponsePlan = unknown; export type ResponseTone = unknown;
