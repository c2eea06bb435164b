/**
 * Lists and limits of the contracts as plain data, without zod: the web client's route chunks
 * import them from here (the contracts re-export them), so one list serves server and client.
 */

/** Curated lived-experience tags; members may add a short free-text note beside them. */
export const EXPERIENCE_TAGS = [
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
] as const;

/** Sizes and timings shared by server validation and client forms. */
export const MENTORING_LIMITS = {
  topicMin: 3,
  topicMax: 500,
  introMax: 600,
  helpWithMax: 500,
  autoReplyMax: 500,
  awayMessageMax: 300,
  awayMaxDays: 180,
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
  /** A member's consent lets a supervisor in for this many days unless they say otherwise. */
  consentDaysDefault: 30,
  consentDaysMax: 90,
  /** An escalation (the supporter's call, or a crisis screening) opens the conversation for this long. */
  escalationDays: 7,
  /** Round 1 asks this many supporters (or the preferred supporter alone); later rounds ask more. */
  firstRoundSize: 3,
  laterRoundSize: 5,
  /** A request nobody took is closed (and the member told) after this many days. */
  requestMaxAgeDays: 14,
} as const;

export const SUPPORTER_GENDERS = ['woman', 'man', 'non_binary', 'another'] as const;

export const MENTORING_REPORT_REASONS = ['harassment', 'inappropriate', 'boundary', 'safety_concern', 'spam', 'other'] as const;
