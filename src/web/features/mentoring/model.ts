/**
 * The mentoring contract's lists and limits, repeated as plain data: importing the contract's
 * values would bring zod into these chunks. The type checks below fail the build if the contract
 * gains a value these lists lack.
 */
import type { EXPERIENCE_TAGS } from '../../../contracts/accounts.js';
import type { MENTORING_LIMITS as ContractLimits, MENTORING_REPORT_REASONS, SUPPORTER_GENDERS } from '../../../contracts/mentoring.js';

export type ExperienceTag = (typeof EXPERIENCE_TAGS)[number];
export type SupporterGender = (typeof SUPPORTER_GENDERS)[number];
export type MentoringReportReason = (typeof MENTORING_REPORT_REASONS)[number];

export const TAGS = [
  'anxiety',
  'depression',
  'grief_and_loss',
  'bipolar',
  'ptsd_and_trauma',
  'eating_difficulties',
  'substance_use',
  'self_harm',
  'suicidal_thoughts',
  'psychosis',
  'ocd',
  'adhd',
  'autism',
  'loneliness',
  'caring_for_someone',
  'lgbtq',
  'student_life',
  'work_stress',
  'chronic_illness',
  'relationships',
  'parenting',
  'postnatal',
] as const satisfies readonly ExperienceTag[];

export const GENDERS = ['woman', 'man', 'non_binary', 'another'] as const satisfies readonly SupporterGender[];
export const REPORT_REASONS = ['harassment', 'inappropriate', 'boundary', 'safety_concern', 'spam', 'other'] as const satisfies readonly MentoringReportReason[];
/** ISO weekdays, Monday first. */
export const DAYS = [1, 2, 3, 4, 5, 6, 7] as const;

export const LIMITS = {
  topicMin: 3,
  topicMax: 500,
  introMax: 600,
  helpWithMax: 500,
  autoReplyMax: 500,
  awayMessageMax: 300,
  capacityMin: 1,
  capacityMax: 10,
  availabilityWindowsMax: 28,
  experienceTagsMax: 12,
  languagesMax: 8,
  closingMessageMax: 1_000,
  handoverNoteMax: 1_000,
  feedbackNoteMax: 1_000,
  reportNoteMax: 1_000,
  escalationNoteMax: 1_000,
  consentDaysDefault: 30,
} as const satisfies Partial<{ [K in keyof typeof ContractLimits]: (typeof ContractLimits)[K] }>;

// Completeness: each is `true` only while the list above holds every value of the contract's.
type Complete<All, Listed> = [Exclude<All, Listed>] extends [never] ? true : false;
export const LISTS_COMPLETE: [
  Complete<ExperienceTag, (typeof TAGS)[number]>,
  Complete<SupporterGender, (typeof GENDERS)[number]>,
  Complete<MentoringReportReason, (typeof REPORT_REASONS)[number]>,
] = [true, true, true];
