/**
 * The contract of the safety screen, shared by the server, the web client and the tools.
 * Levels follow the Columbia Suicide Severity Rating Scale (C-SSRS), in plain words.
 */
export const RISK_LEVELS = [0, 1, 2, 3, 4, 5] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export const RISK_LEVEL_NAMES: Record<RiskLevel, string> = {
  0: 'none',
  1: 'distress',
  2: 'passive_ideation',
  3: 'active_ideation',
  4: 'method_plan_or_intent',
  5: 'imminent',
};

export const RISK_CATEGORIES = [
  'suicide',
  'self_harm',
  'harm_to_others',
  'abuse_or_unsafe_home',
  'eating_disorder',
  'substances',
  'harassment',
] as const;
export type RiskCategory = (typeof RISK_CATEGORIES)[number];

/** Whose risk the text is about: the writer, someone else the writer worries about, or no one. */
export type RiskSubject = 'self' | 'other' | 'none';

export interface ScreenReason {
  /** Stable machine code of the rule or signal, e.g. "passive.wish_dead". */
  code: string;
  category: RiskCategory | null;
  /** The level this signal alone supports (after negation / past / idiom handling). */
  level: RiskLevel;
  /** Character span [start, end) in the original text. */
  span: [number, number];
  /**
   * Optional: how the context changed the signal, e.g. ["negated"], ["past"], ["other"],
   * ["hypothetical"], ["joke"], ["intent"], ["recent"], ["conditional"], ["reported"].
   */
  context?: string[];
}

export interface Screening {
  level: RiskLevel;
  categories: RiskCategory[];
  reasons: ScreenReason[];
  /** The text describes how (method, means, dose, place): hold it for review under safe-messaging rules. */
  methodDetail: boolean;
  subject: RiskSubject;
  /** Version of the rules/weights that produced this verdict, stored with each screening. */
  version: string;
}

export interface ScreenOptions {
  /** Where the text is written; some surfaces (1:1 chat) weigh short replies differently. */
  surface?: 'post' | 'reply' | 'message' | 'group_message' | 'checkin_note' | 'journal' | 'bio' | 'support_request' | 'other';
}
