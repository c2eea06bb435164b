import { z } from 'zod';
import { SafetyNotice } from './safety.js';
import { ClientId } from './common.js';

export const RECOVERY_LIMITS = {
  goalTitleMax: 200,
  stepMax: 300,
  stepsPerGoalMax: 30,
  goalsMax: 50,
  planItemMax: 300,
  planItemsMax: 15,
  reasonMax: 1_000,
  checkinNoteMax: 500,
  journalTitleMax: 120,
  journalBodyMax: 20_000,
  /** Search opens at most this many of my most recent entries (see docs/adr/008-journal-search.md). */
  journalSearchWindow: 2_000,
  summaryJournalEntriesMax: 20,
  summaryDaysMax: 366,
} as const;

/** Curated feelings for a check-in (the web translates each). */
export const FEELINGS = [
  'calm',
  'hopeful',
  'content',
  'grateful',
  'energetic',
  'tired',
  'anxious',
  'sad',
  'lonely',
  'angry',
  'overwhelmed',
  'numb',
  'irritable',
  'ashamed',
] as const;
export const Feeling = z.enum(FEELINGS);

const id = (field = 'id') => z.uuid({ message: `${field} must be a valid id` });
const text = (min: number, max: number) =>
  z.string({ message: 'must be text' }).trim().min(min, min === 1 ? 'is required' : `must be at least ${min} characters`).max(max, `must be at most ${max} characters`);
const LocalDate = z
  .string({ message: 'must be a date' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-03-31')
  .refine((d) => {
    const t = new Date(`${d}T00:00:00Z`);
    return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === d;
  }, 'must be a real calendar date');

// ── goals ────────────────────────────────────────────────────────────────────
export const GoalBody = z.strictObject({
  title: text(1, RECOVERY_LIMITS.goalTitleMax),
  targetDate: LocalDate.nullable().optional(),
  steps: z.array(text(1, RECOVERY_LIMITS.stepMax)).max(RECOVERY_LIMITS.stepsPerGoalMax, `must have at most ${RECOVERY_LIMITS.stepsPerGoalMax} steps`).default([]),
  /** Idempotency key (ADR 042): a retry with the same one answers with the first goal. */
  clientId: ClientId.optional(),
});
export const GoalPatchBody = z.strictObject({
  title: text(1, RECOVERY_LIMITS.goalTitleMax).optional(),
  targetDate: LocalDate.nullable().optional(),
  done: z.boolean({ message: 'must be true or false' }).optional(),
});
export const StepBody = z.strictObject({ text: text(1, RECOVERY_LIMITS.stepMax), clientId: ClientId.optional() });
export const StepPatchBody = z.strictObject({ done: z.boolean({ message: 'must be true or false' }) });
export const GoalStepParams = z.strictObject({ id: id(), stepId: id('stepId') });

export const GoalStepView = z.object({ id: z.string(), text: z.string(), done: z.boolean(), doneAt: z.string().nullable() });
export const GoalView = z.object({
  id: z.string(),
  title: z.string(),
  targetDate: z.string().nullable(),
  done: z.boolean(),
  doneAt: z.string().nullable(),
  steps: z.array(GoalStepView),
  stepsDone: z.number(),
  createdAt: z.string(),
});
export const GoalWritten = z.object({ goal: GoalView, safety: SafetyNotice.nullable() });

// ── a goal shared into a support group (explicit, per goal and group) ─────────
export const GoalShareParams = z.strictObject({ id: id(), groupId: id('groupId') });
/** My shares and the groups I may share into (member, current agreement accepted). */
export const GoalSharesView = z.object({
  groups: z.array(z.object({ id: z.string(), name: z.string() })),
  shares: z.array(z.object({ goalId: z.string(), groupId: z.string(), sharedAt: z.string() })),
});
/** What a group sees of a shared goal: no step texts, no notes, no dates it was reached. */
export const SharedGoalView = z.object({
  goalId: z.string(),
  handle: z.string(),
  title: z.string(),
  stepsDone: z.number(),
  stepsTotal: z.number(),
  reached: z.boolean(),
  targetDate: z.string().nullable(),
});
export type SharedGoalView = z.infer<typeof SharedGoalView>;

// ── safety plan (Stanley–Brown) ──────────────────────────────────────────────
const items = z.array(text(1, RECOVERY_LIMITS.planItemMax)).max(RECOVERY_LIMITS.planItemsMax, `must have at most ${RECOVERY_LIMITS.planItemsMax} items`).default([]);
const Contact = z.strictObject({
  name: text(1, 120),
  phone: z.string().trim().max(40, 'must be at most 40 characters').optional(),
  note: text(1, RECOVERY_LIMITS.planItemMax).optional(),
});
export const SafetyPlanBody = z.strictObject({
  warningSigns: items,
  internalCoping: items,
  /** People and social settings that take my mind off things. */
  distractions: z.array(Contact).max(RECOVERY_LIMITS.planItemsMax).default([]),
  /** People I can ask for help. */
  helpers: z.array(Contact).max(RECOVERY_LIMITS.planItemsMax).default([]),
  /** Professionals and agencies, crisis lines included. */
  professionals: z.array(Contact).max(RECOVERY_LIMITS.planItemsMax).default([]),
  /** Making the environment safe. */
  safeEnvironment: items,
  reasonForLiving: text(1, RECOVERY_LIMITS.reasonMax).nullable().optional(),
});
export const SafetyPlanView = z.object({
  warningSigns: z.array(z.string()),
  internalCoping: z.array(z.string()),
  distractions: z.array(z.object({ name: z.string(), phone: z.string().nullable(), note: z.string().nullable() })),
  helpers: z.array(z.object({ name: z.string(), phone: z.string().nullable(), note: z.string().nullable() })),
  professionals: z.array(z.object({ name: z.string(), phone: z.string().nullable(), note: z.string().nullable() })),
  safeEnvironment: z.array(z.string()),
  reasonForLiving: z.string().nullable(),
  updatedAt: z.string().nullable(),
});
export const SafetyPlanWritten = z.object({ plan: SafetyPlanView, safety: SafetyNotice });

// ── check-ins ────────────────────────────────────────────────────────────────
export const MoodCheckinBody = z.strictObject({
  mood: z.number({ message: 'must be a number from 1 to 5' }).int('must be a whole number').min(1, 'must be 1 to 5').max(5, 'must be 1 to 5'),
  feelings: z.array(Feeling, { message: 'must be from the list of feelings' }).max(6, 'choose at most 6').default([]),
  sleepHours: z.number({ message: 'must be a number of hours' }).min(0, 'must be 0 to 24').max(24, 'must be 0 to 24').optional(),
  sleepQuality: z.number({ message: 'must be a number from 1 to 5' }).int().min(1, 'must be 1 to 5').max(5, 'must be 1 to 5').optional(),
  note: text(1, RECOVERY_LIMITS.checkinNoteMax).optional(),
  /**
   * Circles (of mine) to share this one check-in into: its mood and note, never feelings or sleep.
   * Empty (the default) keeps it private.
   */
  shareToCircles: z.array(z.uuid({ message: 'each circle must be a valid id' }), { message: 'must be a list of circle ids' }).max(20, 'choose at most 20 circles').default([]),
});
export const MoodCheckinView = z.object({
  id: z.string(),
  mood: z.number(),
  feelings: z.array(z.string()),
  sleepHours: z.number().nullable(),
  sleepQuality: z.number().nullable(),
  note: z.string().nullable(),
  createdAt: z.string(),
});
/** `sharedWith`: the circles it now reaches (empty: private). */
/** A new check-in; `clientId` (ADR 042): a retry with the same one answers with the first check-in. */
export const MoodCheckinCreateBody = MoodCheckinBody.extend({ clientId: ClientId.optional() });
export const MoodCheckinWritten = z.object({ checkin: MoodCheckinView, safety: SafetyNotice.nullable(), sharedWith: z.array(z.string()) });
export const MoodCheckinPage = z.object({ checkins: z.array(MoodCheckinView), nextCursor: z.string().nullable() });

export const TREND_RANGES = ['week', 'month', 'quarter'] as const;
export const TrendQuery = z.strictObject({ range: z.enum(TREND_RANGES, { message: 'must be week, month or quarter' }).default('week') });
export const TrendDay = z.object({
  /** Local date in the member's time zone. */
  date: z.string(),
  /** Average mood that day, rounded to 0.1; null on a day without a check-in (a gap, not a zero). */
  mood: z.number().nullable(),
  checkins: z.number(),
  sleepHours: z.number().nullable(),
});
export const TrendView = z.object({ range: z.enum(TREND_RANGES), timeZone: z.string(), from: z.string(), to: z.string(), days: z.array(TrendDay) });

export const ReminderBody = z.strictObject({
  enabled: z.boolean({ message: 'must be true or false' }),
  time: z.string({ message: 'must be a time' }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time like 20:30'),
  /** IANA zone; defaults to the zone in my profile, else UTC. */
  timeZone: z
    .string()
    .max(64)
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'must be an IANA time zone such as Europe/London')
    .optional(),
});
export const ReminderView = z.object({ enabled: z.boolean(), time: z.string().nullable(), timeZone: z.string().nullable() });

// ── journal ──────────────────────────────────────────────────────────────────
export const JournalBody = z.strictObject({
  title: text(1, RECOVERY_LIMITS.journalTitleMax).nullable().optional(),
  body: text(1, RECOVERY_LIMITS.journalBodyMax),
});
/** A new entry (an edit takes `JournalBody`); `clientId` (ADR 042). */
export const JournalCreateBody = JournalBody.extend({ clientId: ClientId.optional() });
export const JournalQuery = z.strictObject({
  q: z.string().trim().max(200, 'must be at most 200 characters').optional(),
  cursor: z.string().max(64).optional(),
  limit: z.coerce.number({ message: 'must be a number' }).int().min(1).max(100).default(30),
});
export const JournalEntryView = z.object({ id: z.string(), title: z.string().nullable(), body: z.string(), createdAt: z.string(), updatedAt: z.string() });
export const JournalEntryWritten = z.object({ entry: JournalEntryView, safety: SafetyNotice });
export const JournalPage = z.object({ entries: z.array(JournalEntryView), nextCursor: z.string().nullable() });

// ── therapist summary ────────────────────────────────────────────────────────
export const SummaryBody = z
  .strictObject({
    from: LocalDate,
    to: LocalDate,
    include: z.strictObject({
      moodTrend: z.boolean().default(false),
      goals: z.boolean().default(false),
      safetyPlan: z.boolean().default(false),
      journalEntryIds: z.array(id('journalEntryIds')).max(RECOVERY_LIMITS.summaryJournalEntriesMax, `choose at most ${RECOVERY_LIMITS.summaryJournalEntriesMax} entries`).default([]),
    }),
  })
  .refine((b) => b.from <= b.to, { message: 'must not be after "to"', path: ['from'] })
  .refine((b) => (new Date(`${b.to}T00:00:00Z`).getTime() - new Date(`${b.from}T00:00:00Z`).getTime()) / 86_400_000 < RECOVERY_LIMITS.summaryDaysMax, {
    message: `the period must be at most ${RECOVERY_LIMITS.summaryDaysMax} days`,
    path: ['to'],
  });

/** Only the parts the member chose appear as keys; nothing else is added. */
export const SummaryView = z.object({
  member: z.object({ handle: z.string() }),
  period: z.object({ from: z.string(), to: z.string(), timeZone: z.string() }),
  generatedAt: z.string(),
  moodTrend: z.object({ days: z.array(TrendDay), average: z.number().nullable(), checkins: z.number() }).optional(),
  goals: z.array(GoalView).optional(),
  journalEntries: z.array(JournalEntryView).optional(),
  safetyPlan: SafetyPlanView.optional(),
});

export const SavedStrategyParams = z.strictObject({ id: id() });
