/**
 * A followed-thread notice (one a thread until read, ADR 012) counts its new replies up to this
 * many; the count then means "this many or more". Bounds the work of listing a notice left unread
 * in a very busy thread. A module of its own, without zod, so the web client can import it.
 */
export const FOLLOWED_NOTICE_COUNT_CAP = 100;
