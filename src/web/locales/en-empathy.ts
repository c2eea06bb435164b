/**
 * English messages of the empathy feedback panel (shown to supporters while they write). Kept
 * apart from `en.ts` so that they load with the panel's lazy chunk (see `load-empathy.ts`).
 * Voice: a kind trainer beside the writer — specific, short, never scolding. Every note code of
 * `src/safety/empathy.ts` has a message here (checked by en-empathy.test.ts).
 */
const enEmpathy = {
  empathy: {
    title: 'Feedback on your reply',
    privateHint: 'Only you see this. It is worked out on your device, is never sent, and never changes your words.',
    hide: 'Hide feedback',
    show: 'Show feedback',
    empty: 'Start writing and suggestions will appear here.',
    summary_one: 'Warmth: {{warmth}}. Understanding: {{understanding}}. Exploring: {{exploring}}. {{count}} note.',
    summary_other: 'Warmth: {{warmth}}. Understanding: {{understanding}}. Exploring: {{exploring}}. {{count}} notes.',
    dimensions: {
      emotionalReactions: 'Warmth',
      interpretations: 'Understanding',
      explorations: 'Exploring',
    },
    dimensionHints: {
      emotionalReactions: 'Saying how their words make you feel: care, concern, compassion.',
      interpretations: 'Showing what you understood of their feelings or experience.',
      explorations: 'Asking gently about their feelings and what they are going through.',
    },
    levels: {
      '0': 'not yet',
      '1': 'some',
      '2': 'strong',
    },
    kinds: {
      strength: 'Going well',
      suggestion: 'You could',
      pitfall: 'Take care',
    },
    inYourWords: 'In your words: “{{words}}”',
    notes: {
      acknowledge_feelings: 'Let them know you heard how hard this is, for example “That sounds really painful.”',
      reflect_back: 'Say back what you understood, for example “It sounds like you feel alone with this.”',
      ask_what_would_help: 'Ask what would help, for example “What would feel most helpful right now?”',
      ask_open_question: 'Ask an open question about them, for example “How have you been feeling since then?”',
      acknowledge_before_advice: 'You offer advice; first let them know you heard how hard this is.',
      minimizing: 'This may make their feelings sound small (“at least”, “just”, “cheer up”). Their pain is real to them.',
      toxic_positivity: 'Upbeat sayings can feel like being told not to feel this way. Stay with them where they are.',
      unsolicited_advice: 'Advice comes before any acknowledgement. People take advice best once they feel heard.',
      self_focus: 'Much of your reply is about your own story. Sharing can help; keep it short and bring it back to them.',
      contact_details: 'This looks like contact details. Keep support on Kindred, where it is safe for both of you.',
      method_details: 'This describes how someone could harm themselves. Please leave out methods and amounts; they can put people at risk.',
      judgement: 'This may sound like judgement. People open up when they feel accepted.',
      good_emotional_reaction: 'You said how their words make you feel.',
      good_interpretation: 'You showed that you understood what they are going through.',
      good_exploration: 'You asked about their feelings or experience.',
      good_shared_experience: 'You shared something similar from your own life; that can help them feel less alone.',
      name_the_feeling: 'You show warmth; you could also name the feeling, for example “I’m so sorry you’re going through this.”',
      say_what_you_understood: 'You say you understand; say what you understood, for example “It sounds like the evenings are hardest.”',
      ask_about_them: 'You ask a question; you could ask about their feelings, for example “How are you feeling about it now?”',
      bring_it_back_to_them: 'Bring it back to them, for example “How is it for you?”',
      rhetorical_question: 'This question may not invite an answer. Ask something they can answer about themselves.',
    },
  },
};

export default enEmpathy;
