import { z } from 'zod';
import { EXPERIENCE_TAGS, LanguageTag } from './accounts.js';
import { SafetyNotice } from './safety.js';
import { ClientId } from './common.js';

export const LIBRARY_LIMITS = {
  titleMax: 120,
  stepMax: 500,
  stepsMax: 12,
  whenItHelpsMax: 600,
  situationNoteMax: 80,
  resourceNameMax: 160,
  resourceDescriptionMax: 2_000,
  openingHoursMax: 200,
  /** Verified entries older than this are flagged to supervisors. */
  staleAfterMonths: 12,
} as const;

/**
 * Curated situations a strategy helps in. A short free-text note may say more (screened, shown
 * beside the tags, not used as a filter), so the filter stays a small, translatable list.
 */
export const SITUATIONS = [
  'panic_attack',
  'panic_at_night',
  'cannot_sleep',
  'before_an_exam',
  'before_a_hard_conversation',
  'after_an_argument',
  'after_a_setback',
  'racing_thoughts',
  'low_motivation',
  'lonely_evening',
  'strong_urge',
  'flashback',
  'at_work',
  'in_public',
] as const;
export const Situation = z.enum(SITUATIONS);

export const RESOURCE_KINDS = ['therapist', 'clinic', 'hotline', 'peer_group', 'app', 'reading'] as const;
export const COSTS = ['free', 'sliding_scale', 'paid'] as const;

const id = (field = 'id') => z.uuid({ message: `${field} must be a valid id` });
const text = (min: number, max: number) =>
  z.string({ message: 'must be text' }).trim().min(min, min === 1 ? 'is required' : `must be at least ${min} characters`).max(max, `must be at most ${max} characters`);
const RegionCode = z.string({ message: 'must be text' }).trim().toUpperCase().regex(/^([A-Z]{2}|INTL)$/, 'must be a two-letter country code such as GB, or INTL');

// ── coping strategies ────────────────────────────────────────────────────────
export const StrategyBody = z.strictObject({
  title: text(3, LIBRARY_LIMITS.titleMax),
  steps: z.array(text(1, LIBRARY_LIMITS.stepMax), { message: 'must be a list of steps' }).min(1, 'needs at least one step').max(LIBRARY_LIMITS.stepsMax, `must have at most ${LIBRARY_LIMITS.stepsMax} steps`),
  whenItHelps: text(3, LIBRARY_LIMITS.whenItHelpsMax),
  conditions: z.array(z.enum(EXPERIENCE_TAGS, { message: 'must be one of the listed experiences' })).max(6, 'choose at most 6').default([]),
  situations: z.array(Situation, { message: 'must be one of the listed situations' }).max(6, 'choose at most 6').default([]),
  situationNote: text(1, LIBRARY_LIMITS.situationNoteMax).optional(),
  /** Idempotency key (ADR 042): a retry with the same one answers with the first strategy. */
  clientId: ClientId.optional(),
});

export const StrategyListQuery = z.strictObject({
  q: z.string().trim().max(200, 'must be at most 200 characters').optional(),
  condition: z.enum(EXPERIENCE_TAGS, { message: 'must be one of the listed experiences' }).optional(),
  situation: Situation.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number({ message: 'must be a number' }).int().min(1).max(50).default(20),
});

export const StrategyView = z.object({
  id: z.string(),
  title: z.string(),
  steps: z.array(z.string()),
  whenItHelps: z.string(),
  conditions: z.array(z.string()),
  situations: z.array(z.string()),
  situationNote: z.string().nullable(),
  /** "Kindred team" for the project's own; a member's handle; null after the author left. */
  author: z.object({ id: z.string().nullable(), handle: z.string() }).nullable(),
  byTeam: z.boolean(),
  isMine: z.boolean(),
  state: z.enum(['visible', 'pending', 'removed']),
  helpedCount: z.number(),
  helpedByMe: z.boolean(),
  savedByMe: z.boolean(),
  reviewed: z.boolean(),
  reviewedAt: z.string().nullable(),
  createdAt: z.string(),
});
export const StrategyPage = z.object({ strategies: z.array(StrategyView), nextCursor: z.string().nullable() });
export const StrategyWritten = z.object({ strategy: StrategyView, safety: SafetyNotice });
export const HelpedResult = z.object({ strategyId: z.string(), helpedCount: z.number(), helpedByMe: z.boolean() });

// ── resource directory ───────────────────────────────────────────────────────
const Contact = {
  phone: z.string().trim().max(40, 'must be at most 40 characters').regex(/^[+0-9 ()\-.]*$/, 'must be a phone number (digits, spaces, + ( ) - .)').optional(),
  url: z.url({ message: 'must be a web address starting with https://', protocol: /^https?$/ }).max(500).optional(),
  email: z.email({ message: 'must be an email address' }).max(200).optional(),
};

const ResourceFields = {
  kind: z.enum(RESOURCE_KINDS, { message: `must be one of ${RESOURCE_KINDS.join(', ')}` }),
  name: text(2, LIBRARY_LIMITS.resourceNameMax),
  region: RegionCode,
  languages: z.array(LanguageTag).min(1, 'name at least one language').max(10, 'at most 10 languages'),
  cost: z.enum(COSTS, { message: `must be one of ${COSTS.join(', ')}` }),
  ...Contact,
  openingHours: text(1, LIBRARY_LIMITS.openingHoursMax).optional(),
  description: text(10, LIBRARY_LIMITS.resourceDescriptionMax),
};
/** At least one way to reach it. */
const reachable = (r: { phone?: string; url?: string; email?: string }) => !!(r.phone || r.url || r.email);
const REACHABLE_RULE = { message: 'give at least one way to reach it: phone, url or email', path: ['contact'] };

/** A directory entry as edited. */
export const ResourceBody = z.strictObject(ResourceFields).refine(reachable, REACHABLE_RULE);
/** A suggested entry: with the create's optional key (ADR 042). */
export const ResourceCreateBody = z.strictObject({ ...ResourceFields, clientId: ClientId.optional() }).refine(reachable, REACHABLE_RULE);

export const ResourceListQuery = z.strictObject({
  region: RegionCode.optional(),
  kind: z.enum(RESOURCE_KINDS, { message: `must be one of ${RESOURCE_KINDS.join(', ')}` }).optional(),
  language: LanguageTag.optional(),
  cost: z.enum(COSTS, { message: `must be one of ${COSTS.join(', ')}` }).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number({ message: 'must be a number' }).int().min(1).max(100).default(50),
});

export const ResourceView = z.object({
  id: z.string(),
  /** directory: an entry of this directory; crisis_line: the foundation's crisis lines (read-only). */
  source: z.enum(['directory', 'crisis_line']),
  kind: z.enum(RESOURCE_KINDS),
  name: z.string(),
  region: z.string(),
  /** Empty for crisis lines, whose languages are not recorded. */
  languages: z.array(z.string()),
  cost: z.enum(COSTS),
  phone: z.string().nullable(),
  url: z.string().nullable(),
  email: z.string().nullable(),
  openingHours: z.string().nullable(),
  description: z.string(),
  status: z.enum(['pending', 'verified']),
  verifiedAt: z.string().nullable(),
  /** For supervisors' lists only: no longer verified within the last 12 months. */
  stale: z.boolean(),
  createdAt: z.string().nullable(),
});
export const ResourcePage = z.object({ resources: z.array(ResourceView), nextCursor: z.string().nullable() });
export const ResourceWritten = z.object({ resource: ResourceView, safety: SafetyNotice });
export const ResourceParams = z.strictObject({ id: id() });
