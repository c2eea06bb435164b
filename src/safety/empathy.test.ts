import { describe, expect, it } from 'vitest';
import { EMPATHY_NOTE_CODES, EMPATHY_RULES, EMPATHY_VERSION, rateEmpathy, type EmpathyLevel, type EmpathyNoteCode } from './empathy.js';

// Every reply below was written for this test by the Kindred project (none is taken from a data
// set). Levels follow EPITOME (Sharma et al., EMNLP 2020): 0 none, 1 weak, 2 strong.

const JOB = "I lost my job last week and I can't stop feeling like a failure. I haven't told my family yet.";
const ALONE = "Does anyone else feel completely alone even when they're around people?";
const DARK = "I've been having really dark thoughts lately and I don't know who to talk to.";

interface Case {
  /** What the case shows. */
  name: string;
  seeker?: string;
  reply: string;
  er?: EmpathyLevel;
  ip?: EmpathyLevel;
  ex?: EmpathyLevel;
  /** Notes that must be there. */
  has?: EmpathyNoteCode[];
  /** Notes that must not be there. */
  not?: EmpathyNoteCode[];
}

const CASES: Case[] = [
  // Emotional reactions: strong (the writer names their own feeling towards the seeker).
  { name: 'sorry, named', reply: "I'm so sorry you're going through this.", er: 2, has: ['good_emotional_reaction'], not: ['acknowledge_feelings'] },
  { name: 'sorry to hear', reply: 'Sorry to hear that.', er: 2 },
  { name: 'heart goes out', reply: 'My heart goes out to you.', er: 2 },
  { name: 'sending love', reply: 'Sending you so much love tonight.', er: 2 },
  { name: 'a hug', reply: '*hugs*', er: 2 },
  { name: 'worried about you', reply: "I'm really worried about you.", er: 2 },
  { name: 'proud of you', reply: "I'm so proud of you for telling us.", er: 2 },
  { name: 'congratulations', reply: 'Congratulations on getting through the interview!', er: 2 },
  { name: 'upper case', reply: 'SORRY TO HEAR THAT!!!', er: 2 },
  { name: 'curly apostrophes and an emoji', reply: 'I’m so sorry you’re going through this 💙', er: 2 },
  // Emotional reactions: weak (warmth without naming a feeling).
  { name: 'hang in there', reply: 'Hang in there.', er: 1, has: ['name_the_feeling'] },
  { name: 'hope', reply: 'I hope tomorrow is kinder to you.', er: 1 },
  { name: 'not alone', reply: "You're not alone in this.", er: 1 },
  { name: 'good luck', reply: 'Good luck with everything.', er: 1 },
  { name: 'here for you', reply: "I'm here for you if you want to talk.", er: 1 },
  { name: 'a heart', reply: '<3', er: 1 },
  { name: 'an emoji hug', reply: '🤗', er: 1 },
  { name: 'take care is warmth, not advice', reply: 'Take care of yourself.', er: 1, not: ['unsolicited_advice'] },
  { name: 'not your fault', reply: "It's not your fault.", er: 1, not: ['judgement'] },
  { name: 'not a burden', reply: 'You are not a burden.', er: 1, not: ['judgement'] },
  // Emotional reactions: none.
  { name: 'unrelated', reply: 'The bus leaves at nine.', er: 0, ip: 0, ex: 0, has: ['acknowledge_feelings', 'ask_open_question'] },
  { name: 'a negated sorry', reply: "I'm not sorry for what I said.", er: 0 },
  { name: 'German is not read (no false praise)', reply: 'Ich bin für dich da.', er: 0, ip: 0, ex: 0 },

  // Interpretations: strong (what the writer understood, or a similar experience).
  { name: 'sounds exhausting', reply: 'That sounds exhausting.', ip: 2, has: ['good_interpretation'], not: ['reflect_back'] },
  { name: 'must be hard', seeker: JOB, reply: 'It must be so hard to carry that on your own.', ip: 2 },
  { name: 'sounds like you feel', seeker: JOB, reply: "It sounds like you feel you've let everyone down.", ip: 2 },
  { name: 'you must be feeling', seeker: ALONE, reply: 'You must be feeling really lonely right now.', ip: 2 },
  { name: 'I can only imagine', reply: 'I can only imagine how painful that was.', ip: 2 },
  { name: 'been there', reply: "I've been there too.", ip: 2 },
  { name: 'same here', seeker: ALONE, reply: 'Same here.', ip: 2 },
  {
    name: 'a similar experience, briefly',
    seeker: JOB,
    reply: 'I lost my job two years ago and I felt like a failure for months. My family helped me more than I expected.',
    ip: 2,
    has: ['good_shared_experience'],
    not: ['self_focus'],
  },
  { name: 'yes, me too (agreement)', seeker: ALONE, reply: 'Yes, all the time, even at parties.', ip: 2 },
  // Interpretations: weak (generic understanding).
  { name: 'I understand', reply: 'I understand.', ip: 1, has: ['say_what_you_understood'] },
  { name: 'makes sense', reply: 'That makes sense.', ip: 1 },
  { name: 'I can relate', reply: 'I can relate.', ip: 1 },
  { name: 'it can be hard', reply: 'It can be hard.', ip: 1 },
  // Interpretations: none.
  { name: 'small talk', reply: 'The weather was nice today.', ip: 0, has: ['acknowledge_feelings'] },
  { name: "a negated 'I understand'", reply: "I don't understand why you're upset.", ip: 0, er: 0 },

  // Explorations: strong (asking about their feelings or experience).
  { name: 'how have you been feeling', seeker: JOB, reply: 'How have you been feeling since then?', ex: 2, has: ['good_exploration'], not: ['ask_open_question'] },
  { name: 'anyone to talk to', seeker: DARK, reply: 'Do you have anyone you can talk to about this?', ex: 2 },
  { name: 'what would help', seeker: DARK, reply: 'What would help most right now?', ex: 2, has: ['good_exploration'] },
  { name: 'when did it start', seeker: DARK, reply: 'When did this start?', ex: 2 },
  { name: 'a question without a question mark', reply: 'How long have you felt like this', ex: 2 },
  { name: 'advice as a question still explores (EPITOME)', seeker: DARK, reply: 'Have you tried going for a walk?', ex: 2, has: ['unsolicited_advice'], not: ['good_exploration'] },
  // Explorations: weak (a generic question or an invitation).
  { name: 'what happened', reply: 'What happened?', ex: 1, has: ['ask_about_them'] },
  { name: 'how are you', reply: 'How are you?', ex: 1 },
  { name: 'tell me more', reply: 'Tell me more about what happened.', ex: 1 },
  // Explorations: none (questions that ask nothing of them).
  { name: 'rhetorical: who cares', reply: 'Who cares what they think?', ex: 0, has: ['rhetorical_question'] },
  { name: 'rhetorical: why would anyone', reply: 'Why would anyone do that to you?', ex: 0, has: ['rhetorical_question'] },
  { name: 'rhetorical: isn’t it obvious', reply: "Isn't it obvious?", ex: 0, has: ['rhetorical_question'] },
  { name: 'rhetorical: how could you', reply: 'How could you think that?', ex: 0, has: ['rhetorical_question'] },
  { name: 'a tag question', reply: 'It gets easier, you know?', ex: 0, has: ['rhetorical_question'] },
  { name: 'an offer to talk is warmth, not a question about them', reply: 'Want to talk about it?', ex: 0 },
  { name: 'a quoted question', seeker: ALONE, reply: '>Does anyone else feel this way? Yes, all the time.', ex: 0, ip: 2 },

  // Minimizing.
  { name: 'at least', reply: 'At least you still have your health.', has: ['minimizing'] },
  { name: 'cheer up, could be worse', reply: 'Cheer up, it could be worse!', has: ['minimizing'] },
  { name: 'just get over it', reply: 'You just need to get over it.', has: ['minimizing'] },
  { name: 'others have it worse', reply: 'Other people have it worse than you.', has: ['minimizing'] },
  { name: 'not that big a deal', reply: "Honestly it's not that bad, everyone goes through this.", has: ['minimizing'] },
  { name: 'a kind "don\'t be so hard on yourself"', reply: "Don't be so hard on yourself.", not: ['minimizing', 'judgement'] },
  { name: 'refusing to minimize', reply: "I'm not going to tell you to cheer up.", not: ['minimizing'] },
  { name: 'negation does not cross "but"', reply: "I'm not trying to minimize it, but at least you found out now.", has: ['minimizing'] },
  // Toxic positivity.
  { name: 'everything happens for a reason', reply: 'Everything happens for a reason.', has: ['toxic_positivity'] },
  { name: 'good vibes only', reply: 'Stay positive and good vibes only!', has: ['toxic_positivity'] },
  { name: 'bright side', reply: "Look on the bright side, you're free now.", has: ['toxic_positivity'] },
  // Advice before acknowledgement.
  {
    name: 'you should, first',
    seeker: JOB,
    reply: 'You should talk to your family.',
    has: ['unsolicited_advice', 'acknowledge_before_advice', 'ask_what_would_help'],
    not: ['ask_open_question'],
  },
  { name: 'an imperative first', reply: 'Go for a run every morning, it fixes everything.', has: ['unsolicited_advice'] },
  { name: 'advice only', reply: 'Drink water, get some sleep and call your doctor tomorrow.', er: 0, ip: 0, ex: 0, has: ['unsolicited_advice', 'ask_what_would_help'] },
  { name: 'try', reply: 'Try meditation.', has: ['unsolicited_advice'] },
  {
    name: 'advice after acknowledgement is fine',
    seeker: JOB,
    reply: 'That sounds so hard. Maybe you should talk to your family when you feel ready.',
    ip: 2,
    not: ['unsolicited_advice', 'acknowledge_before_advice'],
  },
  { name: 'a question of advice after sorrow is fine', reply: "I'm so sorry. Have you thought about seeing a counsellor?", er: 2, ex: 2, not: ['unsolicited_advice'] },
  {
    name: 'advice first, then a question',
    reply: 'You should see a doctor. How long has this been going on?',
    ex: 2,
    has: ['unsolicited_advice', 'acknowledge_before_advice', 'acknowledge_feelings'],
  },
  // Too much self-focus.
  {
    name: 'my story, at length',
    seeker: JOB,
    reply:
      'I remember when I lost my job. I was angry and I drank too much and my wife left me. I moved back in with my parents and I still feel like I wasted my twenties. My brother never calls me either.',
    ip: 2,
    has: ['self_focus', 'bring_it_back_to_them'],
    not: ['good_shared_experience'],
  },
  // Contact details.
  { name: 'a snap handle', reply: 'Add me on snap: sam_22 and we can talk there', has: ['contact_details'] },
  { name: 'a phone number', reply: 'Text me on 07700 900123 any time.', has: ['contact_details'] },
  { name: 'an email', reply: 'Email me at sam.j@example.com', has: ['contact_details'] },
  { name: 'a street address', reply: 'I live at 12 Oak Street if you want to visit.', has: ['contact_details'] },
  { name: 'a crisis line is not contact details', reply: "You can call 116 123 any time, they're kind.", not: ['contact_details'] },
  // Method details (read by the crisis screen).
  { name: 'an overdose with an amount', reply: 'When I overdosed I took 40 paracetamol, so I know how you feel.', has: ['method_details'] },
  { name: 'a method named as a question', reply: 'How many pills would it take to die?', has: ['method_details'] },
  { name: 'a method asked in other words (screen 1.6.0)', reply: "What's the least painful way to die? Asking for a reason.", has: ['method_details'] },
  { name: 'a lethal way named (screen 1.6.0)', reply: 'A lethal way to kill yourself is not something I will talk about here.', has: ['method_details'] },
  { name: 'no method in plain support', seeker: DARK, reply: "I'm so glad you told us. Are you safe right now?", not: ['method_details'] },
  // Judgement.
  { name: 'overreacting', reply: "You're overreacting.", has: ['judgement'] },
  { name: 'dramatic', reply: 'Stop being so dramatic.', has: ['judgement'] },
  { name: 'your own fault', reply: "It's your own fault for trusting him.", has: ['judgement'] },
  { name: 'not judging (negated)', reply: "I'm not judging you at all.", not: ['judgement'] },
  { name: 'nobody thinks you are overreacting', reply: "Nobody thinks you're overreacting.", not: ['judgement'] },

  // Empty, short, odd.
  { name: 'empty', reply: '', er: 0, ip: 0, ex: 0 },
  { name: 'whitespace', reply: '   \n ', er: 0, ip: 0, ex: 0 },
  { name: 'one word', reply: 'ok', er: 0, ip: 0, ex: 0, has: ['acknowledge_feelings', 'ask_open_question'] },
  { name: 'a lone question mark', reply: '?', ex: 0 },
  { name: 'dotted capital I (lower-casing changes its length)', reply: 'İ am here for you', er: 1 },

  // Suggestions and their order.
  { name: 'a hug alone: reflect and ask', reply: 'Sending hugs.', er: 2, has: ['reflect_back', 'ask_open_question'] },
  { name: 'generic understanding and question', reply: 'I understand. What happened?', ip: 1, ex: 1, has: ['say_what_you_understood', 'ask_about_them'] },
  {
    name: 'all three, strong',
    seeker: JOB,
    reply: "I'm so sorry you're going through this. It sounds like losing your job has shaken how you see yourself. What has been the hardest part?",
    er: 2,
    ip: 2,
    ex: 2,
    has: ['good_emotional_reaction', 'good_interpretation', 'good_exploration'],
    not: ['acknowledge_feelings', 'reflect_back', 'ask_open_question', 'unsolicited_advice'],
  },
];

describe('rateEmpathy over hand-written replies', () => {
  it('has at least 80 cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(80);
  });

  for (const c of CASES) {
    it(c.name, () => {
      const f = rateEmpathy(c.seeker ?? JOB, c.reply);
      const codes = f.notes.map((n) => n.code);
      if (c.er !== undefined) expect(f.emotionalReactions, 'emotional reactions').toBe(c.er);
      if (c.ip !== undefined) expect(f.interpretations, 'interpretations').toBe(c.ip);
      if (c.ex !== undefined) expect(f.explorations, 'explorations').toBe(c.ex);
      for (const code of c.has ?? []) expect(codes, `has ${code}`).toContain(code);
      for (const code of c.not ?? []) expect(codes, `has no ${code}`).not.toContain(code);
      for (const n of f.notes) {
        if (n.span) {
          expect(n.span.start).toBeGreaterThanOrEqual(0);
          expect(n.span.end).toBeLessThanOrEqual(c.reply.length);
          expect(n.span.start).toBeLessThanOrEqual(n.span.end);
        }
      }
    });
  }
});

describe('the notes', () => {
  it('quote the words they are about', () => {
    const reply = 'Honestly, at least you have a roof over your head.';
    const f = rateEmpathy(JOB, reply);
    const n = f.notes.find((x) => x.code === 'minimizing');
    expect(n?.span && reply.slice(n.span.start, n.span.end)).toBe('at least');
    const strong = rateEmpathy(JOB, 'Oh no. I am so sorry.').notes.find((x) => x.code === 'good_emotional_reaction');
    expect(strong?.span && 'Oh no. I am so sorry.'.slice(strong.span.start, strong.span.end)).toMatch(/sorry/);
  });

  it('list pitfalls first, then at most three suggestions, then strengths', () => {
    const f = rateEmpathy(JOB, 'At least you have savings. You should update your CV tonight. Sending hugs.');
    const kinds = f.notes.map((n) => n.kind);
    expect(kinds).toEqual([...kinds].sort((a, b) => ['pitfall', 'suggestion', 'strength'].indexOf(a) - ['pitfall', 'suggestion', 'strength'].indexOf(b)));
    expect(kinds.filter((k) => k === 'suggestion').length).toBeLessThanOrEqual(3);
    expect(f.notes.map((n) => n.code)).toEqual(expect.arrayContaining(['minimizing', 'unsolicited_advice', 'acknowledge_before_advice', 'good_emotional_reaction']));
  });

  it('use only the published codes, once each', () => {
    for (const c of CASES) {
      const codes = rateEmpathy(c.seeker ?? JOB, c.reply).notes.map((n) => n.code);
      for (const code of codes) expect(EMPATHY_NOTE_CODES).toContain(code);
      expect(new Set(codes).size).toBe(codes.length);
    }
  });
});

describe('guarantees', () => {
  it('never throws, whatever it is given', () => {
    for (const bad of [undefined, null, 42, {}, '\u0000', '\uD800', '🙂'.repeat(500)]) {
      expect(() => rateEmpathy(bad as unknown as string, bad as unknown as string)).not.toThrow();
    }
  });

  it('gives the same answer twice (no state between calls)', () => {
    const reply = "I'm so sorry. You should rest. How are you feeling?";
    const first = rateEmpathy(JOB, reply);
    rateEmpathy(ALONE, 'Everything happens for a reason, cheer up!');
    expect(rateEmpathy(JOB, reply)).toEqual(first);
  });

  it('reads a very long reply and keeps its spans inside it', () => {
    const reply = 'That sounds so hard. '.repeat(2_000) + 'At least it is Friday. How are you feeling today?';
    const f = rateEmpathy(JOB, reply);
    expect(f.interpretations).toBe(2);
    expect(f.explorations).toBe(2);
    const n = f.notes.find((x) => x.code === 'minimizing');
    expect(n?.span && reply.slice(n.span.start, n.span.end)).toBe('At least');
  });

  it('names its version', () => {
    expect(EMPATHY_VERSION).toMatch(/^kindred-empathy-\d+\.\d+\.\d+$/);
  });

  it('runs a rule only where one of its literals is, and every match of every rule holds one', () => {
    // The rater skips a rule when the text has none of its literals; that is only exact if every
    // match contains one. Checked on every reply of this file.
    for (const c of CASES) {
      const lower = c.reply.toLowerCase().replace(/[’‘`´]/g, "'");
      for (const r of EMPATHY_RULES) {
        for (const m of lower.matchAll(new RegExp(r.re.source, 'g'))) {
          if (m[0].length > 0) expect(r.needs.some((n) => m[0].includes(n)), `"${m[0]}" holds one of ${r.needs.join(' | ')}`).toBe(true);
        }
      }
    }
  });
});
