/** Sizes shared by server validation and client forms, so both refuse the same things. */
export const LIMITS = {
  handleMin: 3,
  handleMax: 24,
  passwordMin: 10,
  passwordMax: 200,
  emailMax: 254,
  pronounsMax: 40,
  bioMax: 600,
  experienceNoteMax: 200,
  languagesMax: 8,
  experienceTagsMax: 12,
  reasonMax: 500,
  minimumAge: 16,
} as const;

/**
 * The home page counts an open-ended list (followed threads with news, unanswered questions) up to
 * this many, and shows "this many or more": it is read on every visit and every notice, and a
 * worklist longer than this says the same thing to the person.
 */
export const TODAY_COUNT_CAP = 100;
