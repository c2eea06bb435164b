/**
 * The mentoring contract's lists and limits, as plain data (contracts/plain-lists.ts): importing
 * the contract's zod schemas would bring zod into these chunks.
 */
import {
  EXPERIENCE_TAGS,
  MENTORING_LIMITS,
  MENTORING_REPORT_REASONS,
  SUPPORTER_GENDERS,
} from '../../../contracts/plain-lists.js';

export type ExperienceTag = (typeof EXPERIENCE_TAGS)[number];
export type SupporterGender = (typeof SUPPORTER_GENDERS)[number];
export type MentoringReportReason = (typeof MENTORING_REPORT_REASONS)[number];

export const TAGS = EXPERIENCE_TAGS;
export const GENDERS = SUPPORTER_GENDERS;
export const REPORT_REASONS = MENTORING_REPORT_REASONS;
export const LIMITS = MENTORING_LIMITS;

/** ISO weekdays, Monday first. */
export const DAYS = [1, 2, 3, 4, 5, 6, 7] as const;
