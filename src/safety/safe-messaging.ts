/**
 * Safe-messaging: what the writer sees after a screening, and how fast a supervisor must act.
 * Pure data, no I/O. Strings are plain, kind and non-judgemental; they never repeat method
 * details back and never promise confidentiality or outcomes the platform cannot keep.
 */
import type { RiskLevel, Screening } from './types.js';

export type ResponseTone = 'none' | 'gentle' | 'warm' | 'urgent';

export interface ResponsePlan {
  /** Show crisis resources for the writer's region now (level >= 2, or a concern for someone else). */
  showCrisisResponse: boolean;
  tone: ResponseTone;
  headline: string;
  firstStep: string;
  /** For someone worried about another person (subject 'other'): how to help them. */
  helperGuidance?: string;
  /** Hold the text from others until a supervisor has looked (method detail, imminent risk, harassment). */
  holdForReview: boolean;
  reasonForHold?: string;
}

const HELPER_GUIDANCE =
  'Thank you for looking out for them. It is okay to ask them directly whether they are thinking about suicide; asking does not put the idea in their head. ' +
  'Listen without judging, stay with them or keep talking if you can, and help them contact a crisis line or emergency services. ' +
  'If they are in danger right now, call emergency services. Look after yourself too: you do not have to carry this alone.';

export interface ResponseOptions {
  /**
   * Whether the writer can reach a supporter here (default true). False for a person whose account
   * was just deleted (ADR 061): no supporter can check in and none can be asked, so the first step
   * names only what is there for them without an account, a crisis line.
   */
  supportHere?: boolean;
}

/** Returns a response plan for the writer; guarantees a crisis response for any level >= 2 and a hold whenever method detail is present. */
export function responseFor(screening: Screening, options: ResponseOptions = {}): ResponsePlan {
  const supportHere = options.supportHere ?? true;
  const { level, subject, methodDetail, categories } = screening;
  const harassment = categories.includes('harassment');
  const aboutOther = subject === 'other';

  let plan: ResponsePlan;
  if (level >= 4) {
    plan = {
      showCrisisResponse: true,
      tone: 'urgent',
      headline: aboutOther ? 'It sounds like someone you care about may be in danger right now.' : 'We are really glad you told us. Your safety matters right now.',
      firstStep: aboutOther
        ? 'If they might act on this now, call emergency services or a crisis line for them, and stay with them if you can.'
        : 'Please reach out to a crisis line or emergency services now. If you can, move away from anything you could use to hurt yourself and stay near someone.',
      holdForReview: methodDetail || level >= 5,
    };
  } else if (level === 3) {
    plan = {
      showCrisisResponse: true,
      tone: 'urgent',
      headline: aboutOther ? 'It sounds like someone you care about is going through something very hard.' : 'Thank you for sharing something this painful. You do not have to face it alone.',
      firstStep: aboutOther
        ? 'Reach out to them today, ask how they are, and share a crisis line with them.'
        : supportHere
          ? 'You can talk to someone right now: a crisis line is free and there for exactly this. A supporter here will also check in with you soon.'
          : 'You can talk to someone right now: a crisis line is free and there for exactly this.',
      holdForReview: methodDetail,
    };
  } else if (level === 2) {
    plan = {
      showCrisisResponse: true,
      tone: 'warm',
      headline: aboutOther ? 'It sounds like you are worried about someone.' : 'It sounds like things are really heavy right now.',
      firstStep: aboutOther
        ? 'Let them know you noticed and that you care. The resources below can help both of you.'
        : supportHere
          ? 'If it would help to talk now, a crisis line is there any time. You can also ask a supporter here to talk with you.'
          : 'If it would help to talk now, a crisis line is there any time.',
      holdForReview: methodDetail,
    };
  } else if (level === 1) {
    plan = {
      showCrisisResponse: false,
      tone: 'gentle',
      headline: 'It sounds like you are carrying a lot.',
      firstStep: 'Would it help to talk with a supporter or look at coping ideas others have found helpful?',
      holdForReview: methodDetail,
    };
  } else {
    plan = { showCrisisResponse: false, tone: 'none', headline: '', firstStep: '', holdForReview: methodDetail };
  }

  if (aboutOther) plan.helperGuidance = HELPER_GUIDANCE;
  if (harassment) plan.holdForReview = true;
  if (plan.holdForReview) {
    plan.reasonForHold = methodDetail
      ? 'It describes how someone could be harmed; a supervisor reviews such details before others see them.'
      : harassment
        ? 'It may hurt someone; a moderator will look at it before it is shown.'
        : 'A supervisor will look at it first so that the right support reaches the writer.';
  }
  return plan;
}

const ALERT_MINUTES: Record<RiskLevel, number | null> = { 0: null, 1: null, 2: null, 3: 30, 4: 10, 5: 5 };

/** Returns the default minutes a supervisor has to respond to an alert at `level`; null below level 3 (no alert). */
export function alertTimeLimitMinutes(level: RiskLevel): number | null {
  return ALERT_MINUTES[level] ?? null;
}
