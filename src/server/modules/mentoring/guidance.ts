/**
 * Turns a safety screening of a member's message into short, kind, practical guidance for their
 * supporter: what to say (validate, ask directly and calmly about safety, never promise secrecy)
 * and when to bring in their supervisor (always at level ≥ 3, consider at 2). Pure; keys and
 * params for the web's i18n catalog (the words live only there: src/web/locales/en-mentoring.ts, `mentoring.guidance`).
 */
import type { GuidanceKey, ScreenVerdictView } from '../../../contracts/conversations.js';
import { RISK_LEVEL_NAMES, type RiskCategory, type RiskLevel } from '../../../safety/types.js';

export interface ScreeningSummary {
  level: number;
  categories: readonly string[];
  subject: string;
  /** An alert was raised for this screening. */
  alerted: boolean;
}

/** Steps added for a kind of risk, after the level's own steps. */
const FOR_CATEGORY: Partial<Record<RiskCategory, GuidanceKey>> = {
  self_harm: 'selfHarm',
  eating_disorder: 'eating',
  abuse_or_unsafe_home: 'unsafeHome',
  substances: 'substances',
  harm_to_others: 'harmToOthers',
  harassment: 'harassment',
};

/** These call for the supervisor whatever the level: someone may be in danger from another person. */
const SUPERVISOR_NOW_CATEGORIES = new Set(['abuse_or_unsafe_home', 'harm_to_others']);

/** Guidance for the supporter on one member message; null below level 1 (nothing to say). */
export function guidanceFor(s: ScreeningSummary): ScreenVerdictView | null {
  if (s.level < 1) return null;
  const level = Math.min(5, Math.max(0, Math.round(s.level))) as RiskLevel;
  const aboutOther = s.subject === 'other';
  const steps: GuidanceKey[] = [];

  if (level >= 5) steps.push('emergencyNow', 'stayWithThem', 'noSecrecy', 'shareCrisisLine');
  else if (level >= 3) steps.push('validate', aboutOther ? 'aboutSomeoneElse' : 'askDirectly', 'askSafeNow', 'noSecrecy', 'shareCrisisLine', 'stayWithThem');
  else if (level === 2) steps.push('validate', aboutOther ? 'aboutSomeoneElse' : 'askDirectly', 'noSecrecy', 'shareCrisisLine');
  else steps.push('validate', aboutOther ? 'aboutSomeoneElse' : 'askWhatHelps');

  for (const c of s.categories) {
    const key = FOR_CATEGORY[c as RiskCategory];
    if (key && !steps.includes(key)) steps.push(key);
  }

  const urgentCategory = s.categories.some((c) => SUPERVISOR_NOW_CATEGORIES.has(c));
  const callSupervisor = level >= 3 || urgentCategory ? 'now' : level === 2 ? 'consider' : 'if_unsure';
  if (s.alerted) steps.push('supervisorAlerted');
  steps.push(callSupervisor === 'now' ? 'supervisorNow' : callSupervisor === 'consider' ? 'supervisorConsider' : 'supervisorIfUnsure');
  if (level >= 3) steps.push('lookAfterYourself');

  return {
    level,
    levelName: RISK_LEVEL_NAMES[level],
    categories: [...s.categories],
    aboutSomeoneElse: aboutOther,
    supervisorAlerted: s.alerted,
    callSupervisor,
    tone: level >= 3 ? 'urgent' : level === 2 ? 'warm' : 'gentle',
    guidance: steps.map((key) => ({ key })),
  };
}
