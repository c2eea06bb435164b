import { z } from 'zod';
import { ClientId } from './common.js';

export const CrisisLine = z.object({
  id: z.string(),
  region: z.string(),
  kind: z.enum(['emergency', 'crisis_line', 'text_line', 'directory']),
  name: z.string(),
  description: z.string(),
  phone: z.string().nullable(),
  sms: z.string().nullable(),
  web: z.string().nullable(),
  hours: z.string(),
});
export type CrisisLine = z.infer<typeof CrisisLine>;

/**
 * What the writer of a text sees at once after the safety screen: a warm headline, one clear
 * first step, and (level ≥ 2) the crisis lines for their region, with the rest one click away.
 */
export const SafetyNotice = z.object({
  level: z.number().int(),
  showCrisisResponse: z.boolean(),
  headline: z.string(),
  firstStep: z.string(),
  helperGuidance: z.string().nullable(),
  held: z.boolean(),
  heldReason: z.string().nullable(),
  region: z.string().nullable(),
  /** The region's lines (emergency first) then the international directory; empty below level 2. */
  resources: z.array(CrisisLine),
});
export type SafetyNotice = z.infer<typeof SafetyNotice>;

export const CrisisResourcesQuery = z.strictObject({
  region: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^([A-Z]{2}|INTL)$/, 'must be a two-letter country code such as GB or US')
    .optional(),
});

export const CrisisResources = z.object({
  region: z.string().nullable(),
  lines: z.array(CrisisLine),
  /** The international directory, always offered as the fallback. */
  directory: z.array(CrisisLine),
  regions: z.array(z.string()),
  notice: z.string(),
});

export const AlertSummaryView = z.object({
  id: z.string(),
  level: z.number().int(),
  status: z.enum(['open', 'acknowledged', 'resolved']),
  escalated: z.boolean(),
  dueAt: z.string(),
  overdue: z.boolean(),
  createdAt: z.string(),
  acknowledgedAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  outcome: z.string().nullable(),
  categories: z.array(z.string()),
  objectType: z.string(),
  subject: z.string(),
});
export type AlertSummary = z.infer<typeof AlertSummaryView>;

export const AlertDetailView = AlertSummaryView.extend({
  member: z.object({ id: z.string(), handle: z.string(), region: z.string().nullable() }).nullable(),
  objectId: z.string(),
  reasons: z.array(z.object({ code: z.string(), level: z.number() })),
  methodDetail: z.boolean(),
  notes: z.array(z.object({ id: z.string(), authorHandle: z.string().nullable(), createdAt: z.string(), body: z.string() })),
  /**
   * The words that raised the alert, read when a supervisor opens it (audited for the member):
   * `shown` with the text (and an opening post's title), the flagged passages as offsets into each,
   * and a link to where they were written when this supervisor may open it; `gone` when the writer
   * deleted them or they were removed; `private` for words nobody but their writer reads (journal,
   * safety plan, goals, mood check-in) or a 1:1 message without the member's consent or an escalation;
   * `not_kept` when no words were stored (a write refused meanwhile, a supporter's call for help);
   * `unavailable` for a place this view cannot show yet, or for a reader who is not a supervisor (an admin).
   * `anonymous`: the words were posted anonymously: never name their writer where they wrote (ADR 005).
   */
  source: z.object({
    state: z.enum(['shown', 'gone', 'private', 'not_kept', 'unavailable']),
    text: z.string().nullable(),
    title: z.string().nullable(),
    flagged: z.array(z.object({ field: z.enum(['title', 'text']), start: z.number().int(), end: z.number().int() })),
    link: z.string().nullable(),
    anonymous: z.boolean(),
  }),
});
export type AlertSource = z.infer<typeof AlertDetailView>['source'];

export const AlertsQuery = z.strictObject({
  status: z.enum(['open', 'resolved']).default('open'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const AlertNoteBody = z.strictObject({ body: z.string().trim().min(1, 'is required').max(4000), clientId: ClientId.optional() });
export const ALERT_OUTCOMES = [
  'member_safe_and_supported',
  'referred_to_crisis_line',
  'emergency_services_contacted',
  'no_risk_on_review',
  'could_not_reach_member',
] as const;
export const AlertResolveBody = z.strictObject({
  outcome: z.enum(ALERT_OUTCOMES),
  note: z.string().trim().max(4000).optional(),
});
export const DutyBody = z.strictObject({ onDuty: z.boolean() });

/**
 * Why text waits in the supervisors' review queue (`held_content.reason`): the safety screen's
 * method_detail, harassment or imminent_risk; a 1:1 message's contact_details (mentoring); shared
 * advice that screened at level ≥ 2 (library_review). The one list: the server's type, the API's enum
 * and the web's translations (a test checks each has one) all come from here.
 */
export const HELD_REASONS = ['method_detail', 'harassment', 'imminent_risk', 'contact_details', 'library_review'] as const;
export type HeldReason = (typeof HELD_REASONS)[number];

/**
 * What became of a held item (`held_content.status`): waiting; decided by a supervisor (released, edited,
 * removed); replaced by its object's newer words (superseded, ADR 052); or withdrawn: its object was
 * deleted or taken back by its writer (or removed by a moderator) before anyone decided, so it left the
 * queue with nothing to decide (ADR 055, amendment).
 */
export const HELD_STATUSES = ['pending', 'released', 'edited', 'removed', 'superseded', 'withdrawn'] as const;
export type HeldStatus = (typeof HELD_STATUSES)[number];

export const HeldItemView = z.object({
  id: z.string(),
  objectType: z.string(),
  objectId: z.string(),
  reason: z.enum(HELD_REASONS),
  status: z.enum(HELD_STATUSES),
  createdAt: z.string(),
  /** Null for anonymous posts: the review list does not unmask anyone. */
  authorHandle: z.string().nullable(),
  anonymous: z.boolean(),
  /** The held words, so the reviewer decides on what was actually written. */
  text: z.string().nullable(),
  /**
   * An opening post's thread title as it is now (a held title edit is written into the thread, which
   * waits with the post): screened with the body, so it may be what was held. Null for anything else.
   */
  title: z.string().nullable(),
});

/** A thread title's limits (`COMMUNITY_LIMITS`, which imports this module: repeated here, checked equal in a test). */
export const HELD_TITLE_MIN = 4;
export const HELD_TITLE_MAX = 140;

export const HeldDecisionBody = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('release') }),
  z.strictObject({ action: z.literal('remove') }),
  z.strictObject({
    action: z.literal('edit'),
    text: z.string().trim().min(1, 'is required').max(20000),
    /** An opening post's new thread title (limits as a new thread's); refused for anything else. */
    title: z.string().trim().min(HELD_TITLE_MIN, `must be at least ${HELD_TITLE_MIN} characters`).max(HELD_TITLE_MAX, `must be at most ${HELD_TITLE_MAX} characters`).optional(),
    /**
     * The reviewer's words are screened like any other (ADR 055); words the screen would still hold are
     * refused (422, naming what is flagged) unless this is true: then they are published as they are,
     * and the audit log records who did it.
     */
    publishAnyway: z.boolean().optional(),
  }),
]);

/** One thing the screen still flags in a reviewer's edit: where it is (the title or the text), its words and span there. */
export const StillFlagged = z.object({
  field: z.enum(['title', 'text']),
  words: z.string(),
  start: z.number().int(),
  end: z.number().int(),
  code: z.string(),
  level: z.number().int(),
});
export type StillFlagged = z.infer<typeof StillFlagged>;

/** 422 to a reviewer's edit the screen would still hold: why, and each passage to take out. */
export const StillHeldError = z.object({
  error: z.looseObject({
    code: z.literal('still_held'),
    message: z.string(),
    reason: z.enum(HELD_REASONS),
    flagged: z.array(StillFlagged),
  }),
});

export const ScreenPreviewBody = z.strictObject({ text: z.string().max(20000) });
