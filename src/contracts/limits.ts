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
