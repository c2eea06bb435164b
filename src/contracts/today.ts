import { z } from 'zod';

export { TODAY_COUNT_CAP } from './limits.js';

/** A meeting as the home page names it: which group, what, when (the group page has the rest). */
export const TodayMeeting = z.object({
  groupId: z.string(),
  groupName: z.string(),
  meetingId: z.string(),
  title: z.string(),
  startUtc: z.string(),
});
export type TodayMeeting = z.infer<typeof TodayMeeting>;


/** Something waiting in a queue: how many, and since when the oldest has waited (null when none). */
const Waiting = z.object({ count: z.number().int(), oldestAt: z.string().nullable() });

/**
 * `GET /api/me/today`: what waits for the signed-in person, as counts and links only (no one's
 * words, no author). A role's part is null for everyone without that role.
 */
export const TodayView = z.object({
  checkedInToday: z.boolean(),
  unreadNotifications: z.number().int(),
  /** Followed threads with new replies the person has not read (counted up to `TODAY_COUNT_CAP`). */
  followedThreadsWithNews: z.number().int(),
  /** The person's own conversations with a supporter that hold unread messages. */
  conversations: z.array(z.object({ mentorshipId: z.string(), unread: z.number().int() })),
  /** Their request for support still waits for a supporter. */
  requestWaiting: z.boolean(),
  nextMeeting: TodayMeeting.nullable(),
  supporter: z
    .object({
      offers: z.number().int(),
      /** Mentees whose messages the supporter has not read yet. */
      menteesWaiting: z.number().int(),
      /** Questions nobody answered, as the reader's unanswered list shows them (up to `TODAY_COUNT_CAP`). */
      unansweredQuestions: z.number().int(),
    })
    .nullable(),
  supervisor: z.object({ alerts: Waiting, held: Waiting }).nullable(),
  facilitator: z.object({ meetings: z.array(TodayMeeting) }).nullable(),
});
export type TodayView = z.infer<typeof TodayView>;
