import { z } from 'zod';
import { SafetyNotice } from './safety.js';
import { ClientId } from './common.js';

/** Sizes shared by server validation and client forms. */
export const CIRCLE_LIMITS = {
  /** Members, the person who made the circle included. */
  maxMembers: 12,
  nameMax: 80,
  messageMax: 4_000,
  checkinNoteMax: 1_000,
  invitationHoursDefault: 7 * 24,
  invitationHoursMax: 30 * 24,
} as const;

const id = (field = 'id') => z.uuid({ message: `${field} must be a valid id` });
const text = (min: number, max: number) =>
  z.string({ message: 'must be text' }).trim().min(min, min === 1 ? 'is required' : `must be at least ${min} characters`).max(max, `must be at most ${max} characters`);

export const CircleMemberParams = z.strictObject({ id: id(), userId: id('userId') });
export const CircleInvitationParams = z.strictObject({ id: id(), invitationId: id('invitationId') });

export const CircleBody = z.strictObject({ name: text(1, CIRCLE_LIMITS.nameMax) });
export const InvitationBody = z.strictObject({
  expiresInHours: z.number({ message: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(CIRCLE_LIMITS.invitationHoursMax, `must be at most ${CIRCLE_LIMITS.invitationHoursMax}`).default(CIRCLE_LIMITS.invitationHoursDefault),
  /** Idempotency key (ADR 042): a retry with the same one answers with the first invitation and its link. */
  clientId: ClientId.optional(),
});
export const AcceptInvitationBody = z.strictObject({ token: z.string({ message: 'must be text' }).min(20, 'is not an invitation token').max(100, 'is not an invitation token') });
export const CircleMessageBody = z.strictObject({
  body: text(1, CIRCLE_LIMITS.messageMax),
  /** Idempotency key (ADR 042): a retry with the same one answers with the first message. */
  clientId: ClientId.optional(),
});
export const CircleMessagesQuery = z.strictObject({
  cursor: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export const CheckinBody = z.strictObject({
  mood: z.number({ message: 'must be a number' }).int('must be a whole number').min(1, 'must be 1 to 5').max(5, 'must be 1 to 5'),
  note: text(1, CIRCLE_LIMITS.checkinNoteMax).optional(),
  /** Circles to share this one check-in into; empty keeps it to yourself. */
  shareWith: z.array(id('shareWith')).max(20).default([]),
  /** Idempotency key (ADR 042). */
  clientId: ClientId.optional(),
});

export const CircleUser = z.object({ id: z.string(), handle: z.string() });

export const CircleView = z.object({
  id: z.string(),
  name: z.string(),
  isOwner: z.boolean(),
  members: z.array(CircleUser.extend({ isOwner: z.boolean(), joinedAt: z.string() })),
  maxMembers: z.number(),
  createdAt: z.string(),
});

export const InvitationView = z.object({
  id: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  status: z.enum(['active', 'used', 'revoked', 'expired']),
});
/** The token is shown once: the link is `/circles/join#<token>` (a fragment never reaches a server log). */
export const InvitationCreated = InvitationView.extend({ token: z.string(), path: z.string() });

export const CircleMessageView = z.object({
  id: z.string(),
  circleId: z.string(),
  author: CircleUser.nullable(),
  isMe: z.boolean(),
  /** Null while held for review (for everyone but its author) or after removal. */
  body: z.string().nullable(),
  state: z.enum(['visible', 'pending', 'removed']),
  createdAt: z.string(),
});
export const CircleMessagePage = z.object({ messages: z.array(CircleMessageView), nextCursor: z.string().nullable() });
export const CircleMessageWritten = z.object({ message: CircleMessageView, safety: SafetyNotice });

export const CheckinView = z.object({
  id: z.string(),
  author: CircleUser.nullable(),
  isMe: z.boolean(),
  mood: z.number(),
  note: z.string().nullable(),
  /** The author's own view: the circles it was shared into. */
  sharedWith: z.array(z.string()).nullable(),
  createdAt: z.string(),
});
export const CheckinWritten = z.object({ checkin: CheckinView, safety: SafetyNotice.nullable() });
export const CheckinPage = z.object({ checkins: z.array(CheckinView), nextCursor: z.string().nullable() });

/** What a supervisor working an alert sees of a circle: that one message and a little context. */
export const CircleEscalationView = z.object({
  alertId: z.string(),
  circleId: z.string(),
  objectType: z.enum(['circle_message', 'circle_checkin']),
  flagged: CircleMessageView,
  context: z.array(CircleMessageView),
});
