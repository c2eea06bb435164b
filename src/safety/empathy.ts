/**
 * Empathy feedback: reads a peer supporter's reply to a seeker's post the way a trainer would, and
 * rates it on the three EPITOME dimensions (Sharma et al., EMNLP 2020) — emotional reactions,
 * interpretations, explorations; each 0 none / 1 weak / 2 strong — with concrete, kind notes:
 * strengths, suggestions and pitfalls (minimizing, toxic positivity, advice before
 * acknowledgement, self-focus, contact details, method details, judgement).
 *
 * Pure and synchronous (no I/O), hand-written rules and word lists: nothing here is trained on or
 * derived from a data set (see README.md, "Empathy feedback"). Every regular expression is
 * compiled once, at module load. Notes carry codes and spans only; the words people read live in
 * the web catalog (src/web/locales/en-empathy.ts).
 */
import { findContactDetails } from './contact-details.js';
import { METHOD_RULES, CORE_RULES } from './lexicon.js';
import { screen } from './screen.js';

/** Bumped whenever a rule changes, so stored feedback can say which rules produced it. */
export const EMPATHY_VERSION = 'kindred-empathy-1.0.0';

export type EmpathyLevel = 0 | 1 | 2; // none | weak | strong (EPITOME)

export interface EmpathyRating {
  emotionalReactions: EmpathyLevel;
  interpretations: EmpathyLevel;
  explorations: EmpathyLevel;
}

export type EmpathyNoteCode =
  | 'acknowledge_feelings'
  | 'reflect_back'
  | 'ask_what_would_help'
  | 'ask_open_question'
  | 'acknowledge_before_advice'
  | 'minimizing'
  | 'toxic_positivity'
  | 'unsolicited_advice'
  | 'self_focus'
  | 'contact_details'
  | 'method_details'
  | 'judgement'
  | 'good_emotional_reaction'
  | 'good_interpretation'
  | 'good_exploration'
  // Added by the library (beyond the shared design's list):
  /** A weak reaction ("hugs", "sorry"): say how their words made you feel. */
  | 'name_the_feeling'
  /** A generic "I understand": say what you understood. */
  | 'say_what_you_understood'
  /** A generic question ("what happened?"): ask about their feelings or experience. */
  | 'ask_about_them'
  /** Much of the reply is about the writer: come back to the seeker. */
  | 'bring_it_back_to_them'
  /** A question that does not invite an answer ("who cares?", "why would you do that?"). */
  | 'rhetorical_question';

export interface EmpathyNote {
  kind: 'suggestion' | 'pitfall' | 'strength';
  code: EmpathyNoteCode;
  /** [start, end) in the response, when the note is about particular words. */
  span?: { start: number; end: number };
}

export interface EmpathyFeedback extends EmpathyRating {
  notes: EmpathyNote[];
}

// ---------------------------------------------------------------------------------------------
// Text preparation
// ---------------------------------------------------------------------------------------------

/**
 * Lower case with every apostrophe made straight, one code unit for one code unit, so that spans
 * found in it are spans of the original text ("İ".toLowerCase() has two code units; it stays as is).
 */
function fold(text: string): string {
  const lower = text.toLowerCase();
  const same = lower.length === text.length ? lower : foldEach(text);
  return same.replace(/[’‘`´]/g, "'");
}

function foldEach(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const l = c.toLowerCase();
    out += l.length === 1 ? l : c;
  }
  return out;
}

interface Sentence {
  start: number;
  end: number;
  question: boolean;
}

const SENTENCE = /[^.!?\n]+(?:[.!?]+|\n|$)/g;

function sentencesOf(lower: string): Sentence[] {
  const out: Sentence[] = [];
  SENTENCE.lastIndex = 0;
  for (let m = SENTENCE.exec(lower); m !== null; m = SENTENCE.exec(lower)) {
    if (m[0].length === 0) {
      SENTENCE.lastIndex++;
      continue;
    }
    let start = m.index;
    let end = m.index + m[0].length;
    while (start < end && /\s/.test(lower[start]!)) start++;
    while (end > start && /\s/.test(lower[end - 1]!)) end--;
    if (end > start) out.push({ start, end, question: lower.slice(start, end).includes('?') });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Rules (written by the project; see README.md)
// ---------------------------------------------------------------------------------------------

/** A regular expression source with "'" meaning an optional apostrophe. */
function re(source: string): RegExp {
  return new RegExp(source.replace(/'/g, "'?"), 'g');
}

const I_AM = "(?:i'm|i am|im)";
const YOU_ARE = "(?:you're|you are|ur|youre)";
const INTENSIFIER = '(?:so |really |very |truly |deeply |incredibly |genuinely |just )*';
const HARD = '(?:hard|difficult|tough|painful|scary|frightening|terrifying|exhausting|lonely|isolating|overwhelming|awful|horrible|heartbreaking|rough|draining|confusing|upsetting|devastating|unfair|frustrating|hurtful|stressful|heavy|crushing|brutal|miserable|sad|terrible|a lot|too much)';
const FEELING = '(?:sad|down|lonely|alone|hopeless|helpless|worthless|empty|numb|lost|scared|afraid|anxious|worried|overwhelmed|exhausted|tired|angry|frustrated|hurt|guilty|ashamed|stuck|trapped|broken|depressed|isolated|rejected|betrayed|unloved|invisible|useless|like a burden|like a failure|like nobody|like no one|like you)';

/** Emotional reactions, strong: the writer names their own feeling towards the seeker. */
const ER_STRONG = [
  re(`\\b${I_AM} ${INTENSIFIER}(?:sorry|sad|heartbroken|worried|concerned|scared|upset|angry|furious|happy|glad|proud|moved|touched) (?:to hear|for you|about you|that you|you|of you|to read|this|that)`),
  re(`\\bi (?:feel|felt) ${INTENSIFIER}(?:sad|sorry|bad|terrible|awful|for you|your pain|heartbroken|angry|worried|so much)`),
  re(`\\bmy heart (?:goes out|breaks|is breaking|aches|hurts|is with you|goes to you)`),
  re(`\\b(?:this|that|it|your (?:post|story|words)) (?:breaks|broke|warms|warmed) my heart`),
  re(`\\b(?:sending|sends|send) (?:you )?(?:so much |lots of |all (?:my|the) )?(?:love|hugs?|strength|care|warmth|compassion)`),
  re(`\\bi (?:really |truly )?care about you`),
  re(`\\b${I_AM} (?:so |really )?(?:sorry|sad) (?:you|that|for|to)`),
  re(`\\b(?:so|very|really|truly) sorry\\b`),
];

/** Emotional reactions, weak: warmth without naming a feeling. */
const ER_WEAK = [
  re(`\\bsorry\\b`),
  re(`\\b(?:\\(?hugs?\\)?|\\*hugs?\\*|big hug|virtual hug)\\b`),
  re(`\\b${I_AM} (?:always )?here (?:for you|if you|to listen|with you)`),
  re(`\\b${YOU_ARE} not alone\\b`),
  re(`\\bnot alone\\b`),
  re(`\\b(?:stay strong|hang in there|be strong|keep going|keep fighting|hold on|don't give up)\\b`),
  re(`\\b(?:it|things|everything|you) (?:will|'ll|ll|is going to|are going to|gonna) (?:be|get) (?:ok|okay|alright|all right|fine|better)\\b`),
  re(`\\b(?:good luck|best of luck|take care|wish you (?:the best|well|luck)|all the best|best wishes)\\b`),
  re(`\\b(?:that's|thats|that is|how|so) (?:great|awesome|amazing|wonderful|fantastic|brilliant)\\b`),
  re(`\\b(?:congrat\\w*|well done|good (?:for|on) you|proud of you|so happy for you|happy for you|glad (?:to hear|you))\\b`),
  re(`\\bi hope (?:you|things|it|that|everything|this)\\b`),
  re(`\\b(?:oh no|oh man|aw+|damn|wow)\\b`),
  re(`\\byou (?:deserve|matter|are (?:worth|loved|important|valued|enough))\\b`),
  re(`\\byour life matters\\b`),
  re(`(?:<3|❤|💕|💙|💜|💛|💚|🤗|🫂)`),
  re(`\\b(?:you've got this|you got this|you can do (?:it|this))\\b`),
];

/** Interpretations, strong: the writer says what they understood, or shares a similar experience. */
const IP_STRONG = [
  re(`\\b(?:that|this|it|what you're going through|what you are going through|everything|all of (?:that|this)) (?:must|would|can|could) (?:be|have been|feel) ${INTENSIFIER}${HARD}`),
  re(`\\b(?:that|this|it|everything|all of (?:that|this)) (?:sounds|seems|looks) ${INTENSIFIER}(?:like (?:a lot|too much|it)|${HARD})`),
  re(`\\b(?:it|that) sounds like (?:you|you're|your|it's been|things|a)`),
  re(`\\bi can (?:only |really )?(?:imagine|see|tell|hear) (?:how|that|why|what)`),
  re(`\\bi can't (?:even )?imagine how`),
  re(`\\byou (?:must|probably|might) (?:be |have been )?(?:feel|feeling|felt|be) `),
  re(`\\b${YOU_ARE} (?:feeling|going through|dealing with|struggling|carrying|hurting|in pain|exhausted|overwhelmed)`),
  re(`\\b(?:you feel|you're feeling|feeling) ${FEELING}\\b`),
  re(`\\bi (?:also|too) (?:have|had|feel|felt|went|go|struggle|struggled|suffer|suffered|deal|dealt|get|got|was|am|used)\\b`),
  re(`\\bi(?:'ve| have) (?:been|gone) (?:there|through (?:this|that|it|the same|something similar|similar))`),
  re(`\\bi (?:feel|felt) (?:the same|the exact same|exactly the same|the same way|this way|that way|like this|like that|similar)`),
  re(`\\b(?:same (?:here|for me|thing|with me|boat)|me too|i'm the same|im the same|i am the same|i know (?:exactly )?(?:how|what) (?:that|it|you)|exactly how you feel)\\b`),
  re(`\\b(?:i had|i have|i've had) (?:the (?:exact )?same|a similar|similar|the same)\\b`),
  re(`\\bi (?:went|am going|was going|go) through (?:the same|something|this|that|similar|it)`),
  re(`\\b(?:happened|happens) to me\\b`),
  re(`\\b(?:i used to|when i was|i remember|i struggled|i've struggled|i struggle|i was (?:in|diagnosed|depressed|suicidal|the same)|i suffer|i've suffered|i suffered|i dealt|i've dealt|i deal)\\b`),
  re(`\\b(?:my (?:own )?(?:depression|anxiety|experience|ptsd|therapist|psychiatrist|panic|ocd|bipolar)|in my experience|for me(?: personally)?,)`),
];

/** Interpretations, weak: a generic "I understand". */
const IP_WEAK = [
  re(`\\bi (?:totally |completely |really |fully )?(?:understand|get (?:it|that|you|what|how)|hear you|see what you mean|know how you feel|know the feeling|know that feeling|feel you|can relate|relate)\\b`),
  re(`\\b(?:relatable|i feel that|felt that|that makes sense|it makes sense|makes (?:total |complete )?sense|understandable|that's valid|your feelings are valid|it's valid|valid)\\b`),
  re(`\\b(?:it's|that's|its|thats) (?:normal|okay|ok|understandable) to (?:feel|be)\\b`),
];

/** Questions that do not ask the seeker anything: rhetorical, or advice in a question's clothes. */
const RHETORICAL = re(
  `^(?:(?:and|but|so|like|i mean|honestly|seriously),? )?(?:who (?:cares|knows|doesn't|does not|wouldn't|would not|needs|said)|what(?:'s| is) the point|why (?:would|should|did|do) (?:anyone|anybody|you even)|isn't (?:it|that)|aren't (?:we|they)|how (?:dare|could|can) you|what did you expect|what do you expect|(?:really|seriously|right|ok|okay|lol|huh|eh)\\?|you know\\?|right\\??$|am i (?:right|making sense|wrong))`,
);
const ADVICE_QUESTION = re(
  `\\b(?:have you (?:tried|considered|thought (?:about|of)|looked into)|did you (?:try|consider)|why (?:don't|dont|not) you|why not|what about (?:trying|going|talking|getting|seeing|calling)|how about (?:trying|going|talking|getting|seeing|calling|you)|would(?:n't)? it (?:help|be better)|can't you (?:just)?|could(?:n't)? you (?:just|try|maybe)|wouldn't you|shouldn't you|don't you think)\\b`,
);
/** A question about the seeker's feelings or experience (strong exploration). */
const EX_SPECIFIC = re(
  `\\b(?:how (?:are|were|do|did|have|has|long have|long has|much|often) (?:you|it|this|that|things)|are you (?:feeling|still|ok|okay|alright|all right|safe|alone|able|getting|doing|thinking|in|having|going|seeing|taking)|do you (?:feel|think|want|have|know|need|ever|still|often|mean|like|get|see)|did (?:you|it|this|that|something|anything|anyone|someone)|have you (?:been|felt|had|ever|always|told|talked|spoken|got|gotten)|what (?:happened|made you|makes you|do you|did you|would you|are you|is it|was it|has been|have you|kind|sort|helps|would help|could help|can we|brought|led|triggered)|when did|why do you (?:feel|think)|is (?:there|it|this|that) (?:something|anything|anyone|someone|a|what|how|the)|would you (?:like|want|be|feel|say|mind)|can you (?:tell|say|share|talk|describe|explain)|could you (?:tell|say|share|talk|describe|explain)|where (?:are|do|did) you|who (?:are|do|did|is|has) (?:you|your|in))`,
);
/** A generic opening question (weak exploration). */
const EX_GENERIC = re(
  `\\b(?:what(?:'s| is| has been) (?:up|wrong|going on|happening|the matter|on your mind|bothering you|up with you)|what happened|how are you|how are things|how's it going|(?:wanna|want to|do you want to) talk|why\\?|how so|in what way|what do you mean|and you)\\b`,
);
/** An invitation to say more, without a question mark. */
const EX_INVITE = re(
  `\\b(?:tell (?:me|us) (?:more|about)|feel free to (?:talk|message|share|reach|vent|dm|pm|tell)|i'd (?:love|like) to hear|if you (?:want|need|ever want|ever need) (?:to talk|to vent|someone to talk)|(?:my|our) (?:inbox|dms?|door) (?:is|are) (?:always )?open|happy to (?:listen|talk|chat))\\b`,
);

const SECOND_PERSON = /\b(?:you|your|yours|yourself|u|ur|you're|youre|you've|you'll|you'd)\b/g;
const FIRST_PERSON = /\b(?:i|me|my|mine|myself|i'm|im|i've|ive|i'd|i'll)\b/g;

// Pitfalls.
const MINIMIZING = [
  re(`\\b(?:at least|cheer up|could (?:be|have been) (?:a lot |much |way )?worse|it's not (?:that|so) bad|its not (?:that|so) bad|not (?:that|a) big (?:of a )?deal|others have it (?:worse|harder)|other people have it (?:worse|harder)|people have it worse|first world problems?|get over it|snap out of it|it's nothing|it's just a|don't (?:worry|stress) (?:about it|so much)|don't be so|calm down|lighten up|man up|toughen up|suck it up|you're overthinking|you are overthinking|stop overthinking|it's all in your head|everyone (?:feels|gets|goes through) (?:that|this|sad|down|like that)|that's life|it is what it is)\\b`),
  re(`\\b(?:you )?(?:just|simply) (?:need to |have to |gotta |got to |should )?(?:get over|stop|relax|ignore|think positive|be happy|move on|cheer up|smile|try harder|go out|snap out|chill|calm down|forget|let it go|deal with it|focus on the positive|be grateful|get out|man up|toughen up)\\b`),
];
const TOXIC_POSITIVITY = re(
  `\\b(?:everything happens for a reason|it all happens for a reason|stay positive|good vibes(?: only)?|positive vibes(?: only)?|just be positive|be positive|think positive(?:ly)?|positive thinking|look on the bright side|look at the bright side|happiness is a choice|choose (?:to be )?happy|choose happiness|just be happy|don't be sad|dont be sad|no need to be sad|don't cry|be grateful|count your blessings|god (?:never|won't|doesn't) give(?:s)? (?:you|us) more than|there's always a silver lining|every cloud has a silver lining|smile more|just smile)\\b`,
);
const JUDGEMENT = re(
  `\\b(?:${YOU_ARE} (?:overreacting|being (?:dramatic|silly|stupid|ridiculous|selfish|childish|a baby|weak|lazy|too sensitive|oversensitive)|so (?:dramatic|selfish|lazy|weak)|too sensitive|pathetic|weak|lazy|selfish|an idiot|stupid|dramatic|crazy|attention seeking|attention-seeking|just seeking attention|making (?:it|this) (?:up|about you))|stop (?:being (?:so )?(?:dramatic|selfish|lazy|weak|a baby)|whining|complaining|feeling sorry for yourself)|quit (?:whining|complaining)|what(?:'s| is) wrong with you|grow up|you brought (?:this|it) on yourself|(?:it's|its|it is) (?:your own fault|all your fault|your fault)|you only have yourself to blame|attention (?:seeker|whore)|that's (?:stupid|ridiculous|pathetic|dumb)|you deserve(?:d)? (?:it|this|that))\\b`,
);
/** Words before a phrase that turn it round: "I'm not judging", "you're not overreacting". */
const NEGATION_BEFORE = /(?:\bnot|n't|\bnever|\bno|\bnor|\bwithout|\bnobody|\bno one)\s+(?:\w+\s+){0,2}$/;
const NEGATION_RIGHT_BEFORE = /(?:\bnot|n't|\bnever|\bno)\s+$/;

/** Advice: "you should", "you need to", or a sentence that opens with an imperative verb. */
const ADVICE = re(
  `\\b(?:you (?:should|shouldn't|need to|needs to|have to|must|gotta|got to|ought to|oughta|better)|you'd better|i (?:would )?(?:suggest|recommend|advise)|my advice|(?:try|remember) to|make sure (?:you|to)|it would help (?:to|if you)|the best thing (?:to do|you can do)|what you need (?:to do|is))\\b`,
);
const IMPERATIVE_START = re(
  `^(?:(?:just|maybe|so|and|but|please|also|then|now|honestly|seriously|first|definitely|ok|okay|well),? )*(?:try|go|get|stop|start|take (?!care)|talk|call|see|make|do|don't (?!give up|worry about it)|eat|drink|exercise|write|read|find|tell|ask|seek|quit|leave|focus|remember|consider|think about|give|avoid|put|listen|join|look|sleep|walk|move|keep (?!going|fighting)|learn|work on|reach out|speak|meditate|breathe|distract|download|check out|watch|buy|ignore|forget|cut|block|delete|let|accept|believe|trust|surround|spend|set|journal|practice|practise|google|visit|contact|text|pray|use|don't let|never|always)\\b`,
);

/** Method words in the safety lexicon: the screen is only worth running when one of these starts a word. */
const METHOD_GATE = new RegExp(
  `(?<![a-z])(?:${[...new Set([...METHOD_RULES, ...CORE_RULES.filter((r) => r.kind === 'act')].flatMap((r) => r.anchors))]
    .map((a) => a.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('|')})`,
);

// ---------------------------------------------------------------------------------------------
// Rating
// ---------------------------------------------------------------------------------------------

interface Found {
  start: number;
  end: number;
}

/** The first match of any of `res` in `lower` that is not negated just before it. */
function firstOf(res: readonly RegExp[], lower: string, negatable: boolean): Found | null {
  let best: Found | null = null;
  for (const r of res) {
    r.lastIndex = 0;
    for (let m = r.exec(lower); m !== null; m = r.exec(lower)) {
      if (m[0].length === 0) {
        r.lastIndex++;
        continue;
      }
      if (negatable && NEGATION_RIGHT_BEFORE.test(lower.slice(Math.max(0, m.index - 12), m.index))) continue;
      if (best === null || m.index < best.start) best = { start: m.index, end: m.index + m[0].length };
      break;
    }
  }
  return best;
}

function count(r: RegExp, s: string): number {
  r.lastIndex = 0;
  let n = 0;
  while (r.exec(s) !== null) n++;
  return n;
}

interface Question {
  span: Found;
  level: 0 | 1 | 2;
  rhetorical: boolean;
}

/** Reads each question (and invitation to say more) of the reply: how much it explores the seeker. */
function explorations(lower: string, sentences: readonly Sentence[]): { level: EmpathyLevel; best: Found | null; rhetorical: Found | null } {
  let level: EmpathyLevel = 0;
  let best: Found | null = null;
  let rhetorical: Found | null = null;
  for (const s of sentences) {
    const text = lower.slice(s.start, s.end);
    let q: Question | null = null;
    if (s.question) {
      RHETORICAL.lastIndex = 0;
      ADVICE_QUESTION.lastIndex = 0;
      if (RHETORICAL.test(text) || ADVICE_QUESTION.test(text)) {
        q = { span: s, level: 0, rhetorical: true };
      } else {
        EX_SPECIFIC.lastIndex = 0;
        EX_GENERIC.lastIndex = 0;
        if (EX_GENERIC.test(text) && text.length < 40) q = { span: s, level: 1, rhetorical: false };
        else if (EX_SPECIFIC.test(text)) q = { span: s, level: 2, rhetorical: false };
        else if (EX_GENERIC.test(text)) q = { span: s, level: 1, rhetorical: false };
        else if (/\b(?:you|your|u|ur)\b/.test(text)) q = { span: s, level: 1, rhetorical: false };
      }
    } else {
      EX_INVITE.lastIndex = 0;
      if (EX_INVITE.test(text)) q = { span: s, level: 1, rhetorical: false };
    }
    if (q === null) continue;
    if (q.rhetorical) {
      rhetorical ??= { start: s.start, end: s.end };
      continue;
    }
    if (q.level > level) {
      level = q.level;
      best = { start: s.start, end: s.end };
    }
  }
  return { level, best, rhetorical };
}

/**
 * Rates `response` as a reply to `seekerPost` and names what helps and what may hurt.
 * Guarantees: never throws; same input → same output; every span indexes into `response`;
 * the words of the response are never changed.
 */
export function rateEmpathy(seekerPost: string, response: string): EmpathyFeedback {
  const text = typeof response === 'string' ? response : '';
  const lower = fold(text);
  const sentences = sentencesOf(lower);
  const notes: EmpathyNote[] = [];
  void seekerPost; // the first version reads the response alone; the post will sharpen interpretations

  if (lower.trim().length === 0) {
    return { emotionalReactions: 0, interpretations: 0, explorations: 0, notes: [] };
  }

  // Emotional reactions.
  const erStrong = firstOf(ER_STRONG, lower, true);
  const erWeak = erStrong ? null : firstOf(ER_WEAK, lower, true);
  const emotionalReactions: EmpathyLevel = erStrong ? 2 : erWeak ? 1 : 0;

  // Interpretations.
  const ipStrong = firstOf(IP_STRONG, lower, true);
  const ipWeak = ipStrong ? null : firstOf(IP_WEAK, lower, true);
  const interpretations: EmpathyLevel = ipStrong ? 2 : ipWeak ? 1 : 0;

  // Explorations.
  const ex = explorations(lower, sentences);

  // Pitfalls.
  const method = METHOD_GATE.test(lower) ? screen(text, { surface: 'reply' }) : null;
  if (method?.methodDetail) {
    const r = method.reasons.find((x) => x.code.startsWith('method.') || x.code.startsWith('act.'));
    notes.push(r ? { kind: 'pitfall', code: 'method_details', span: { start: r.span[0], end: r.span[1] } } : { kind: 'pitfall', code: 'method_details' });
  }
  const contact = findContactDetails(text);
  if (contact.length > 0) notes.push({ kind: 'pitfall', code: 'contact_details', span: { start: contact[0]!.span[0], end: contact[0]!.span[1] } });

  const judgement = firstOfNotNegated([JUDGEMENT], lower);
  if (judgement) notes.push({ kind: 'pitfall', code: 'judgement', span: judgement });
  const minimizing = firstOfNotNegated(MINIMIZING, lower);
  if (minimizing) notes.push({ kind: 'pitfall', code: 'minimizing', span: minimizing });
  const toxic = firstOfNotNegated([TOXIC_POSITIVITY], lower);
  if (toxic) notes.push({ kind: 'pitfall', code: 'toxic_positivity', span: toxic });

  const acknowledged = [erStrong, erWeak, ipStrong, ipWeak].reduce<number>((min, f) => (f && f.start < min ? f.start : min), Number.POSITIVE_INFINITY);
  const advice = firstAdvice(lower, sentences);
  if (advice && advice.start < acknowledged) {
    notes.push({ kind: 'pitfall', code: 'unsolicited_advice', span: advice });
  }

  const fp = count(FIRST_PERSON, lower);
  const sp = count(SECOND_PERSON, lower);
  const selfFocus = fp >= 6 && fp >= 3 * (sp + 1);
  if (selfFocus) notes.push({ kind: 'pitfall', code: 'self_focus' });

  if (ex.rhetorical && ex.level === 0) notes.push({ kind: 'pitfall', code: 'rhetorical_question', span: ex.rhetorical });

  // Suggestions: the most useful first, at most two.
  const suggestions: EmpathyNote[] = [];
  if (advice && advice.start < acknowledged) suggestions.push({ kind: 'suggestion', code: 'acknowledge_before_advice' });
  if (selfFocus) suggestions.push({ kind: 'suggestion', code: 'bring_it_back_to_them' });
  if (emotionalReactions === 0 && interpretations === 0) suggestions.push({ kind: 'suggestion', code: 'acknowledge_feelings' });
  if (ex.level === 0) suggestions.push({ kind: 'suggestion', code: advice ? 'ask_what_would_help' : 'ask_open_question' });
  if (interpretations === 0 && emotionalReactions > 0) suggestions.push({ kind: 'suggestion', code: 'reflect_back' });
  if (emotionalReactions === 1) suggestions.push({ kind: 'suggestion', code: 'name_the_feeling', span: erWeak! });
  if (interpretations === 1) suggestions.push({ kind: 'suggestion', code: 'say_what_you_understood', span: ipWeak! });
  if (ex.level === 1) suggestions.push({ kind: 'suggestion', code: 'ask_about_them', span: ex.best! });
  const seen = new Set<EmpathyNoteCode>();
  for (const s of suggestions) {
    if (seen.has(s.code)) continue;
    seen.add(s.code);
    notes.push(s);
    if (seen.size === 2) break;
  }

  // Strengths.
  if (emotionalReactions === 2) notes.push({ kind: 'strength', code: 'good_emotional_reaction', span: erStrong! });
  if (interpretations === 2) notes.push({ kind: 'strength', code: 'good_interpretation', span: ipStrong! });
  if (ex.level === 2) notes.push({ kind: 'strength', code: 'good_exploration', span: ex.best! });

  return { emotionalReactions, interpretations, explorations: ex.level, notes };
}

/** The first match not turned round by a negation in the few words before it ("I'm not judging you"). */
function firstOfNotNegated(res: readonly RegExp[], lower: string): Found | null {
  let best: Found | null = null;
  for (const r of res) {
    r.lastIndex = 0;
    for (let m = r.exec(lower); m !== null; m = r.exec(lower)) {
      if (m[0].length === 0) {
        r.lastIndex++;
        continue;
      }
      const before = lower.slice(Math.max(0, m.index - 24), m.index);
      if (NEGATION_BEFORE.test(before) && !/\bnot (?:to|that)\s+$/.test(before)) continue;
      if (best === null || m.index < best.start) best = { start: m.index, end: m.index + m[0].length };
      break;
    }
  }
  return best;
}

/** The first piece of advice: a "you should"-type phrase, or a sentence opening with an imperative. */
function firstAdvice(lower: string, sentences: readonly Sentence[]): Found | null {
  let best = firstOfNotNegated([ADVICE], lower);
  for (const s of sentences) {
    if (best !== null && s.start >= best.start) break;
    if (s.question) continue;
    IMPERATIVE_START.lastIndex = 0;
    const m = IMPERATIVE_START.exec(lower.slice(s.start, s.end));
    if (m) {
      best = { start: s.start, end: s.end };
      break;
    }
  }
  return best;
}
