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
import { screen } from './screen.js';

/** A writer can act on a few suggestions at a time; the rest wait for the next draft. */
const MAX_SUGGESTIONS = 3;

/** Bumped whenever a rule changes, so stored feedback can say which rules produced it. */
export const EMPATHY_VERSION = 'kindred-empathy-1.1.0';

export type EmpathyLevel = 0 | 1 | 2; // none | weak | strong (EPITOME)

export interface EmpathyRating {
  emotionalReactions: EmpathyLevel;
  interpretations: EmpathyLevel;
  explorations: EmpathyLevel;
}

/** Every note code, in the order the catalog lists them (the web catalog has a message for each). */
export const EMPATHY_NOTE_CODES = [
  // The shared design's codes.
  'acknowledge_feelings',
  'reflect_back',
  'ask_what_would_help',
  'ask_open_question',
  'acknowledge_before_advice',
  'minimizing',
  'toxic_positivity',
  'unsolicited_advice',
  'self_focus',
  'contact_details',
  'method_details',
  'judgement',
  'good_emotional_reaction',
  'good_interpretation',
  'good_exploration',
  // Added by the library:
  /** A weak reaction ("hugs", "hang in there"): say how their words made you feel. */
  'name_the_feeling',
  /** A generic "I understand": say what you understood. */
  'say_what_you_understood',
  /** A generic question ("what happened?"): ask about their feelings or experience. */
  'ask_about_them',
  /** Much of the reply is about the writer: come back to the seeker. */
  'bring_it_back_to_them',
  /** A similar experience of the writer's own, briefly shared (EPITOME counts it as understanding). */
  'good_shared_experience',
  /** A question that does not invite an answer ("who cares?", "why would anyone…?"). */
  'rhetorical_question',
] as const;
export type EmpathyNoteCode = (typeof EMPATHY_NOTE_CODES)[number];

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
function re(source: string, flags = 'g'): RegExp {
  return new RegExp(source.replace(/'/g, "'?"), flags);
}

/**
 * A rule: a regular expression and the literals of which every match contains at least one.
 * The expression runs only on text holding one of them (a `String.includes` scan is far cheaper
 * than a regular expression's), which keeps a reply's rating in microseconds. The literals are
 * checked against every match by the tests and `npm run eval:empathy -- --check-rules`.
 */
export interface EmpathyRule {
  needs: readonly string[];
  re: RegExp;
}

interface CompiledRule extends EmpathyRule {
  /** Per literal, the hashed trigrams it contains (empty under three characters: always looked for). */
  trigrams: readonly (readonly number[])[];
}

const RULES: CompiledRule[] = [];

function rule(needs: readonly string[], source: string): CompiledRule {
  const r = { needs, re: re(source), trigrams: needs.map(trigramsOf) };
  RULES.push(r);
  return r;
}

// Trigram filter: one pass over the text sets a bit per (hashed) three-character sequence; a literal
// is looked for with `includes` only when every one of its trigrams is present. 4,096 bits, cleared
// per text; a 1 KB text sets at most ~1,000 of them.
const TRIGRAM_BITS = 12;
const seen = new Uint32Array((1 << TRIGRAM_BITS) / 32);

function trigramHash(a: number, b: number, c: number): number {
  return Math.imul((a << 16) ^ (b << 8) ^ c ^ (a >>> 8), 0x9e3779b1) >>> (32 - TRIGRAM_BITS);
}

function trigramsOf(literal: string): number[] {
  const out: number[] = [];
  for (let i = 0; i + 2 < literal.length; i++) out.push(trigramHash(literal.charCodeAt(i), literal.charCodeAt(i + 1), literal.charCodeAt(i + 2)));
  return out;
}

/** Marks the trigrams of the text being rated (called once per rating, before any rule runs). */
function indexTrigrams(lower: string): void {
  seen.fill(0);
  for (let i = 0; i + 2 < lower.length; i++) {
    const h = trigramHash(lower.charCodeAt(i), lower.charCodeAt(i + 1), lower.charCodeAt(i + 2));
    seen[h >>> 5]! |= 1 << (h & 31);
  }
}

/** Whether `text` (the rated text, or a part of it) holds one of the rule's literals. */
function mayMatch(r: CompiledRule, text: string): boolean {
  next: for (let i = 0; i < r.needs.length; i++) {
    for (const h of r.trigrams[i]!) if ((seen[h >>> 5]! & (1 << (h & 31))) === 0) continue next;
    if (text.includes(r.needs[i]!)) return true;
  }
  return false;
}

/** The rules with their literals, for the tests and the evaluation's rule check (read-only). */
export const EMPATHY_RULES: readonly EmpathyRule[] = RULES;

const I_AM = "(?:i'm|i am|im)";
const YOU_ARE = "(?:you're|you are|ur|youre)";
const INTENSIFIER = '(?:so |really |very |truly |deeply |incredibly |genuinely |just )*';
const HARD = '(?:hard|difficult|tough|painful|scary|frightening|terrifying|exhausting|lonely|isolating|overwhelming|awful|horrible|heartbreaking|rough|draining|confusing|upsetting|devastating|unfair|frustrating|hurtful|stressful|heavy|crushing|brutal|miserable|sad|terrible|a lot|too much)';
const FEELING = '(?:sad|down|lonely|alone|hopeless|helpless|worthless|empty|numb|lost|scared|afraid|anxious|worried|overwhelmed|exhausted|tired|angry|frustrated|hurt|guilty|ashamed|stuck|trapped|broken|depressed|isolated|rejected|betrayed|unloved|invisible|useless|like a burden|like a failure|like nobody|like no one|like you)';

/**
 * Emotional reactions, strong: the writer names their own feeling towards the seeker — sorrow
 * ("I'm so sorry", "sorry to hear that"), heartache, worry, joy or pride for them, sent love.
 */
const ER_STRONG = [
  rule(['sorry'], `\\b(?:${I_AM} |i feel |i felt )?${INTENSIFIER}(?:sorry)\\b(?! (?:for (?:myself|yourself|himself|herself|themselves|bothering|the (?:long|late|rant|wall|length))|if|but i (?:disagree|don't)|to (?:say|be|bother|ask|interrupt|intrude|butt)))`),
  rule(['i fe'], `\\bi (?:feel|felt) ${INTENSIFIER}(?:sad|bad|terrible|awful|heartbroken|angry|worried|so much) (?:for|about) you`),
  rule(['my heart'], `\\bmy heart (?:goes out|breaks|is breaking|aches|hurts|is with you|goes to you|sank|dropped)`),
  rule(['my heart'], `\\b(?:this|that|it|your (?:post|story|words)) (?:breaks|broke|warms|warmed|hurts|hurt) my heart`),
  rule(['send'], `\\b(?:sending|sends|send) (?:you )?(?:so much |lots of |all (?:my|the) |a )?(?:love|hugs?|strength|care|warmth|compassion|virtual hugs?)`),
  rule(['hug'], `\\b(?:\\*\\s*hugs?\\s*\\*|big hugs?|virtual hugs?|(?:here'?s|have) a hug|hugs)\\b|\\bi (?:would|want to|wanna|'d) (?:give you a )?hug`),
  rule(['care about you', 'love you'], `\\bi (?:really |truly )?(?:care about|love) you\\b`),
  rule(['to hear', 'to read', 'for you', 'about you', 'that you', 'of you'], `\\b${I_AM} ${INTENSIFIER}(?:heartbroken|worried|concerned|scared|upset|angry|furious|happy|glad|proud|moved|touched|sad) (?:to hear|to read|for you|about you|that you|of you)`),
  rule(['congrat'], `\\bcongrat\\w*`),
];

/** Emotional reactions, weak: warmth, hope and encouragement without naming a feeling. */
const ER_WEAK = [
  rule(['hope'], `\\bhope (?:you|u|it|things|that|everything|this|your|the|for the best|so|tomorrow)\\b`),
  rule(['here for you', 'here if you', 'here to listen', 'here with you', 'listen'], `\\b(?:${I_AM} |we'?re |we are )?(?:always )?here (?:for you|if you|to listen|with you)|\\b(?:i'll|we'll|i will|we will) listen\\b`),
  rule(['alone'], `\\b(?:${YOU_ARE}|you're|you aren't|you are not|ur|u r|u are) (?:not|never) alone\\b|\\b(?:aren't|not|never) alone\\b`),
  rule(['strong', 'hang in', 'hold in', 'keep', 'hold on', 'give up', 'head up', 'chin up'], `\\b(?:stay strong|hang in there|hold in there|be strong|keep going|keep fighting|hold on|don't give up|keep your head up|chin up)\\b`),
  rule(['be ok', 'be fine', 'be alright', 'be all right', 'be better', 'get ok', 'get fine', 'get alright', 'get all right', 'get better'], `\\b(?:it|things|everything|you) (?:will|'ll|ll|is going to|are going to|gonna) (?:be|get) (?:ok|okay|alright|all right|fine|better)\\b`),
  rule(['luck', 'take care', 'wish you', 'all the best', 'best wishes'], `\\b(?:good luck|best of luck|take care|wish you (?:the best|well|luck)|all the best|best wishes)\\b`),
  rule(['great', 'awesome', 'amazing', 'wonderful', 'fantastic', 'brilliant'], `\\b(?:that's|thats|that is|how|so) (?:great|awesome|amazing|wonderful|fantastic|brilliant)\\b`),
  rule(['well done', 'good for you', 'good on you', 'proud of you', 'glad'], `\\b(?:well done|good (?:for|on) you|proud of you|glad (?:to hear|you|that))\\b`),
  rule(['i get it', 'i hear you', 'i feel you', 'i feel for you'], `\\bi (?:get it|hear you|feel you|feel for you)\\b`),
  rule(['understand'], `\\bi (?:totally |completely |really )?understand\\b`),
  rule(['sucks'], `\\b(?:that|it|this) (?:really )?sucks\\b`),
  rule(['please'], `\\bplease (?:don't|do not|reach|talk|stay|take|pm|message|know|remember|be|hold|keep|look after)\\b`),
  rule(['deserve', 'matter', 'worth', 'loved', 'important', 'valued', 'enough', 'strong', 'brave', 'amazing'], `\\byou (?:deserve|matter)\\b|\\b${YOU_ARE} (?:worth|loved|important|valued|enough|strong|brave|amazing)\\b|\\byour life matters\\b`),
  rule(['<3', '❤', '💕', '💙', '💜', '💛', '💚', '🤗', '🫂', ':)', ':-)', '(:', ':d', '☺', '🙂', '😊'], `(?:<3|❤|💕|💙|💜|💛|💚|🤗|🫂|:\\)|:-\\)|\\(:|:d\\b|☺|🙂|😊)`),
  rule(['got this', 'can do'], `\\b(?:you've got this|you got this|you can do (?:it|this))\\b`),
  rule(['aw', 'oh '], `\\baww+\\b|\\boh (?:no|god|man|crap|dear)\\b`),
  rule(['i know'], `\\bi know (?:exactly )?(?:what you mean|how you feel|the feeling|this feeling|that feeling|how (?:that|it) (?:is|feels)|(?:it's|it can be|it is) (?:hard|tough|difficult|rough))`),
  rule(['if you', 'pm ', 'dm ', 'message ', 'hmu ', 'talk to ', 'to listen', 'to talk', 'to help'], `\\bif you (?:ever )?(?:want|need|feel like) (?:to|someone to|anyone to) (?:talk|vent|chat)|\\b(?:pm|dm|message|hmu|talk to) (?:me|us)\\b|\\b(?:willing|happy|here|glad) to (?:listen|talk|help)\\b`),
  rule(['ok to', 'okay to', 'alright to', 'normal to', 'natural to', 'fine to', 'understandable to', 'no shame'], `\\b(?:it's|it is|its) (?:ok|okay|alright|normal|natural|fine|understandable) to\\b|\\bno shame\\b`),
  rule(['get better', 'gets better', 'll find', 'will find', 'get through', 'make it', 'be ok', 'be fine', 'be alright'], `\\b(?:it|things|life) (?:gets|will get|can get|do get|does get) better\\b|\\byou(?:'ll| will) (?:find|get through|make it|be (?:ok|okay|fine|alright))\\b`),
  rule(['not a burden', 'not a bother', 'not alone', 'not crazy', 'not weak', 'not stupid', 'not broken', 'not weird', 'not worthless', 'not useless', 'not a failure', 'not the only one', 'not your fault'], `\\b(?:${YOU_ARE}|you're|you are) (?:definitely |really |absolutely )?not (?:a burden|a bother|alone|crazy|weak|stupid|broken|weird|worthless|useless|a failure|the only one)\\b|\\b(?:it's|it is|its|that's|that is|this is) not your fault\\b`),
];

/** Interpretations, strong: the writer says what they understood, or shares a similar experience. */
const IP_STRONG = [
  rule(['must ', 'would be', 'would have been', 'would feel', 'has to', 'had to'], `\\b(?:that|this|it|what you're going through|what you are going through|everything|all of (?:that|this)) (?:must|would|has to|had to) (?:be|have been|feel) ${INTENSIFIER}${HARD}`),
  rule(['sounds', 'seems', 'looks'], `\\b(?:that|this|it|everything|all of (?:that|this)) (?:sounds|seems|looks) ${INTENSIFIER}(?:like (?:a lot|too much|it)|${HARD})`),
  rule(['sounds like', 'seems like'], `\\b(?:it|that|this) (?:sounds|seems) like\\b(?! (?:a plan|fun|a good idea|a good one|a joke))`),
  rule(['i can '], `\\bi can (?:only |really )?(?:imagine|see|tell|hear) (?:how|that|why|what)`),
  rule(['imagine how'], `\\bi can't (?:even )?imagine how`),
  rule(['you must', 'you probably'], `\\byou (?:must|probably) (?:be |have been )?(?:feel|feeling|felt) `),
  rule(['you must'], `\\byou must (?:be|have been) ${INTENSIFIER}(?:${FEELING}|${HARD}|going through|struggling|hurting|in pain)\\b`),
  rule(['going through', 'dealing with', 'carrying', 'struggling', 'hurting', 'in pain', 'exhausted', 'overwhelmed', 'grieving'], `\\b${YOU_ARE} ${INTENSIFIER}(?:going through|dealing with|carrying) (?:a lot|so much|too much|hell|something|a (?:hard|tough|difficult|rough|lot)|such)|\\b${YOU_ARE} ${INTENSIFIER}(?:struggling|hurting|in pain|exhausted|overwhelmed|grieving)\\b`),
  rule(['feel'], `\\b(?:you feel|you're feeling|you are feeling|feeling) ${INTENSIFIER}${FEELING}\\b`),
  rule(['i also', 'i too'], `\\bi (?:also|too) (?:have|had|feel|felt|went|go|struggle|struggled|suffer|suffered|deal|dealt|get|got|was|am|used)\\b`),
  rule(['been there', 'been through', 'gone there', 'gone through'], `\\bi(?:'ve| have) (?:been|gone) (?:there|through (?:this|that|it|the same|something similar|similar))`),
  rule(['i fe'], `\\bi (?:feel|felt) (?:the same|the exact same|exactly the same|the same way|this way|that way|like this|like that|similar)`),
  rule(['same', 'me too', 'i know', 'exactly how you feel'], `\\b(?:same (?:here|for me|thing (?:here|with me|happened|happens|for me)|with me|boat)|me too|i'm the same|im the same|i am the same|i know (?:exactly )?(?:how|what) (?:that|it|you)|exactly how you feel)\\b`),
  rule(['same', 'similar'], `\\b(?:i had|i have|i've had) (?:the (?:exact )?same|a similar|similar|the same)\\b`),
  rule(['through'], `\\bi (?:went|am going|was going|go) through (?:the same|something|this|that|similar|it)`),
  rule(['to me'], `\\b(?:happened|happens) to me\\b`),
  rule(['i used to', 'when i was', 'i remember', 'i struggle', 'i was ', 'i suffer', 'i dealt', 'i deal', 'struggled', 'suffered', 'dealt'], `\\b(?:i used to|when i was|i remember|i struggled|i've struggled|i struggle|i was (?:in|diagnosed|depressed|suicidal|the same)|i suffer|i've suffered|i suffered|i dealt|i've dealt|i deal)\\b`),
  rule(['my own', 'my depression', 'my anxiety', 'my experience', 'my ptsd', 'my therapist', 'my psychiatrist', 'my panic', 'my ocd', 'my bipolar', 'for me'], `\\b(?:my (?:own )?(?:depression|anxiety|experience|ptsd|therapist|psychiatrist|panic|ocd|bipolar)|in my experience|for me(?: personally)?,)`),
];

/** Interpretations, weak: a generic "I understand". */
const IP_WEAK = [
  rule(['understand', 'get it', 'get that', 'get you', 'get what', 'get how', 'hear you', 'see what you mean', 'know how you feel', 'know the feeling', 'know that feeling', 'feel you', 'relate'], `\\bi (?:totally |completely |really |fully )?(?:understand|get (?:it|that|you|what|how)|hear you|see what you mean|know how you feel|know the feeling|know that feeling|feel you|can relate|relate)\\b`),
  rule(['relatable', 'feel that', 'felt that', 'makes sense', 'understandable', 'valid'], `\\b(?:relatable|i feel that|felt that|that makes sense|it makes sense|makes (?:total |complete )?sense|understandable|that's valid|your feelings are valid|it's valid|valid)\\b`),
  rule([' to feel', ' to be'], `\\b(?:it's|that's|its|thats) (?:normal|okay|ok|understandable) to (?:feel|be)\\b`),
  rule(['can be', 'can feel', 'could be', 'could feel'], `\\b(?:that|this|it) (?:can|could) (?:be|feel) ${INTENSIFIER}${HARD}`),
];

/**
 * Questions that ask nothing of the seeker: rhetorical ("who cares?", "what's the point?",
 * "right?"), or a challenge ("how could you…", "what did you expect?").
 */
const RHETORICAL = re(
  `^(?:(?:and|but|so|like|i mean|honestly|seriously|well),? )?(?:who (?:cares|knows|doesn't|does not|wouldn't|would not|needs|said)|what(?:'s| is) the point|why (?:would|should) (?:anyone|anybody)|why (?:would|did) you even|isn't (?:it|that) (?:obvious|funny|ironic)|how (?:dare|could|can) you|what did you expect|what do you expect|(?:really|seriously|right|ok|okay|lol|huh|eh|no|yeah|yes)\\W*$|(?:you know|am i right|right|isn't it|don't you think)\\W*$)`,
);
/** "Want to talk?", "Do you need someone to talk to?": an offer (warmth), not a question about them. */
const OFFER_TO_TALK = re(
  `\\b(?:(?:do|would) you (?:want|need|like) (?:to|someone to|me to|anyone to) (?:talk|vent|chat|listen)|(?:wanna|want to|want me to) (?:talk|vent|chat|listen)|need someone to talk to|need to talk|anyone to talk to)\\b`,
);
/** Advice asked as a question ("have you tried…?", "why don't you…?"): EPITOME counts it as exploring; the notes count it as advice too. */
const ADVICE_QUESTION = re(
  `\\b(?:have you (?:tried|considered|thought (?:about|of)|looked into)|did you (?:try|consider)|why (?:don't|dont|not) you|why not|what about (?:trying|going|talking|getting|seeing|calling)|how about (?:trying|going|talking|getting|seeing|calling|you)|would(?:n't)? it (?:help|be better)|can't you (?:just)?|could(?:n't)? you (?:just|try|maybe)|shouldn't you|don't you think)\\b`,
);
/** A short opening question ("what happened?", "how are you?", "why?"): weak exploration. */
const EX_GENERIC = re(
  `^(?:(?:hey|hi|so|and|but|ok|okay|well|oh|then),? )?(?:what(?:'s| is| has been| was|s) (?:up|wrong|going on|happening|happened|the matter|on your mind|bothering you|your story|your situation)|what happened|how are you(?: doing| holding up)?|how are things|how's it going|how so|in what way|what do you mean|and you|(?:how|what) about you|would you like to (?:elaborate|share|talk about it|say more)|care to (?:share|elaborate)|anything (?:else|in particular)|why|what now|what|how come|are you (?:ok|okay|alright|all right))(?: (?:with you|to you|today|now|lately|anyway|man|dude|friend|op|buddy|mate|bro|then))*\\W*$`,
);
/** A question put to the seeker: second person, or a specific "what/how/why … it/that". */
const ADDRESSED = re(`\\b(?:you|your|yours|yourself|u|ur|you're|youre|you've|you'd|you'll|op)\\b`);
/** A question about their situation without "you": "what would help?", "when did this start?". */
const ABOUT_THEM = re(
  `^(?:(?:and|but|so|hey|ok|okay),? )?(?:what (?:would|could|might|will|can) (?:help|make (?:it|things|this))|is there (?:anything|something|anyone|someone)|anything (?:i|we) can do|how can (?:i|we) help|(?:what|when|how|why|where) (?:did|does|do|is|was|has|have) (?:it|this|that|things|everything)\\b|how long has (?:it|this|that)|what(?:'s| has| is| was)(?: been)? (?:the )?(?:hardest|worst|toughest|scariest|most|best|biggest))`,
);
/** A sentence without "?" that is still a question to the seeker ("How old are you", "what life path are you"). */
const BARE_QUESTION = re(
  `^(?:(?:hey|so|and|but|just|also|btw),? )?(?:(?:do|did|are|have|were|can|could|would|will|does|is) (?:you|your|u|ur)\\b|(?:what|how(?: long| often| much)?|why|when|where|who|which) (?:are|do|did|is|was|were|have|has|would|can|could|will|made|makes) (?:you|your|u|ur)\\b)`,
);
/** A tag that turns a statement into a question without asking anything: "…, you know?", "…, right?". */
const TAG_QUESTION = re(`(?:^|\\W)(?:you know|ya know|right|am i right|isn't it|don't you think|yeah|eh|huh|no|lol|haha)\\W*$`);
/** An invitation to say more: "tell me more", "can you tell us…" (a weak exploration without a question mark). */
const EX_INVITE = rule(['tell ', 'to hear'], `\\b(?:tell (?:me|us) (?:more|about (?:it|this|that|what|how|why|your))|i'd (?:love|like) to hear (?:more|about))\\b`);

/** "Same.", "Yes, …", "Me too": the writer says at once that they have lived this too. */
const AGREEMENT_OPENER = re(`^\\W*(?:same|me too|yes|yeah|yea|yup|yep|definitely|exactly|absolutely|totally|this|true|so true|relatable|i relate|oh god yes)\\b`);
/** Person words: "i", "me", "my"… and "you", "your", "u"… (one scan for both). */
const PERSON_WORD = /\b(?:i|me|my|mine|myself|i'm|im|i've|ive|i'd|i'll|you|your|yours|yourself|u|ur|you're|youre|you've|you'll|you'd)\b/g;
/**
 * First-person words that are not about the writer's own story: opinions, wishes for the seeker,
 * and the empathy phrases themselves ("I think", "I hope you", "I'm sorry", "I understand").
 */
const NOT_OWN_STORY = re(
  `(?:i'd\\b|id\\b|(?:i|i'm|im|i am) (?:think|thought|hope|guess|mean|believe|promise|suggest|recommend|would|wish you|know you|don't know|'m not sure|am not sure|not sure|'m sure|am sure|sure|agree|can't say|can tell you|say|understand|get it|hear you|feel you|sorry|'m sorry|am sorry|so sorry|care|love you|want you|can't imagine|can imagine|can only imagine|bet|doubt|feel like you|would like|'d like|'d love|'d say|'m here|am here|here|really hope|just want to say|just wanted to say)\\b)`,
  'y',
);

interface Persons {
  /** First-person words that tell the writer's own story (a similar experience shared). */
  own: number;
  /** Second-person words: the reply speaking to the seeker. */
  you: number;
}

function persons(lower: string): Persons {
  const out: Persons = { own: 0, you: 0 };
  PERSON_WORD.lastIndex = 0;
  for (let m = PERSON_WORD.exec(lower); m !== null; m = PERSON_WORD.exec(lower)) {
    const c = m[0].charCodeAt(0);
    if (c === 121 /* y */ || c === 117 /* u */) {
      out.you++;
      continue;
    }
    NOT_OWN_STORY.lastIndex = m.index;
    if (!NOT_OWN_STORY.test(lower)) out.own++;
  }
  return out;
}

// Pitfalls.
const MINIMIZING = [
  rule(['at least', 'cheer up', 'worse', 'not that bad', 'not so bad', 'big deal', 'big of a deal', 'have it harder', 'first world', 'get over it', 'snap out', 's nothing', 's just a', 'worry about it', 'worry so much', 'stress about it', 'stress so much', 'be so ', 'calm down', 'lighten up', 'man up', 'toughen up', 'suck it up', 'overthinking', 'in your head', 'everyone feels', 'everyone gets', 'everyone goes through', 's life', 'it is what it is'], `\\b(?:at least|cheer up|could (?:be|have been) (?:a lot |much |way )?worse|it's not (?:that|so) bad|its not (?:that|so) bad|not (?:that|a) big (?:of a )?deal|others have it (?:worse|harder)|other people have it (?:worse|harder)|people have it worse|first world problems?|get over it|snap out of it|it's nothing|it's just a|don't (?:worry|stress) (?:about it|so much)|don't be so (?:dramatic|sensitive|negative|sad|down|upset|emotional|serious)|calm down|lighten up|man up|toughen up|suck it up|you're overthinking|you are overthinking|stop overthinking|it's all in your head|everyone (?:feels|gets|goes through) (?:that|this|sad|down|like that)|that's life|it is what it is)\\b`),
  rule(['get over', 'stop', 'relax', 'ignore', 'think positive', 'be happy', 'move on', 'cheer up', 'smile', 'try harder', 'go out', 'snap out', 'chill', 'calm down', 'forget', 'let it go', 'deal with it', 'focus on the positive', 'be grateful', 'get out', 'man up', 'toughen up'], `\\b(?:you )?(?:just|simply) (?:need to |have to |gotta |got to |should )?(?:get over|stop|relax|ignore|think positive|be happy|move on|cheer up|smile|try harder|go out|snap out|chill|calm down|forget|let it go|deal with it|focus on the positive|be grateful|get out|man up|toughen up)\\b`),
];
const TOXIC_POSITIVITY = rule(
  ['reason', 'positive', 'vibes', 'bright side', 'happ', 'sad', 'cry', 'grateful', 'blessings', 'more than', 'silver lining', 'smile'],
  `\\b(?:everything happens for a reason|it all happens for a reason|stay positive|good vibes(?: only)?|positive vibes(?: only)?|just be positive|be positive|think positive(?:ly)?|positive thinking|look on the bright side|look at the bright side|happiness is a choice|choose (?:to be )?happy|choose happiness|just be happy|don't be sad|dont be sad|no need to be sad|don't cry|be grateful|count your blessings|god (?:never|won't|doesn't) give(?:s)? (?:you|us) more than|there's always a silver lining|every cloud has a silver lining|smile more|just smile)\\b`,
);
const JUDGEMENT = rule(
  ['overreact', 'dramatic', 'silly', 'stupid', 'ridiculous', 'selfish', 'childish', 'baby', 'weak', 'lazy', 'sensitive', 'pathetic', 'idiot', 'crazy', 'attention', 'making it', 'making this', 'whining', 'complaining', 'sorry for yourself', 'wrong with you', 'grow up', 'brought', 'fault', 'blame', 'dumb', 'deserve'],
  `\\b(?:${YOU_ARE} (?:overreacting|being (?:dramatic|silly|stupid|ridiculous|selfish|childish|a baby|weak|lazy|too sensitive|oversensitive)|so (?:dramatic|selfish|lazy|weak)|too sensitive|pathetic|weak|lazy|selfish|an idiot|stupid|dramatic|crazy|attention seeking|attention-seeking|just seeking attention|making (?:it|this) (?:up|about you))|stop (?:being (?:so )?(?:dramatic|selfish|lazy|weak|a baby)|whining|complaining|feeling sorry for yourself)|quit (?:whining|complaining)|what(?:'s| is) wrong with you|grow up|you brought (?:this|it) on yourself|(?:it's|its|it is) (?:your own fault|all your fault|your fault)|you only have yourself to blame|attention (?:seeker|whore)|that's (?:stupid|ridiculous|pathetic|dumb)|you deserve(?:d)? (?:it|this|that))\\b`,
);
/** Words before a phrase that turn it round: "I'm not judging", "you're not overreacting". */
const NEGATION_BEFORE = /(?:\bnot|n't|\bnever|\bno|\bnor|\bwithout|\bnobody|\bno one)\s+(?:[\w']+\s+){0,5}$/;
/** Where a clause starts: a negation before it does not reach past ("I'm not sure, but at least…"). */
const CLAUSE_BREAK = /[,;:.!?]|\b(?:but|and|though|although|yet)\b/g;
const NEGATION_RIGHT_BEFORE = /(?:\bnot|n't|\bnever|\bno)\s+$/;

/** Advice: "you should", "you need to", or a sentence that opens with an imperative verb. */
const ADVICE = rule(
  ['you should', 'you shouldn', 'you need', 'you have to', 'you must', 'you gotta', 'you got to', 'you ought', 'you better', 'd better', 'suggest', 'recommend', 'advise', 'advice', 'try to', 'remember to', 'make sure', 'would help', 'best thing'],
  `\\b(?:you (?:should|shouldn't|need to|needs to|have to|must|gotta|got to|ought to|oughta|better)|you'd better|i (?:would )?(?:suggest|recommend|advise)|my advice|(?:try|remember) to|make sure (?:you|to)|it would help (?:to|if you)|the best thing (?:to do|you can do)|what you need (?:to do|is))\\b`,
);
const IMPERATIVE_START = re(
  `^(?:(?:just|maybe|so|and|but|please|also|then|now|honestly|seriously|first|definitely|ok|okay|well),? )*(?:try|go|get|stop|start|take (?!care)|talk|call|see|make|do|don't (?!give up|worry about it)|eat|drink|exercise|write|read|find|tell|ask|seek|quit|leave|focus|remember|consider|think about|give|avoid|put|listen|join|look|sleep|walk|move|keep (?!going|fighting)|learn|work on|reach out|speak|meditate|breathe|distract|download|check out|watch|buy|ignore|forget|cut|block|delete|let|accept|believe|trust|surround|spend|set|journal|practice|practise|google|visit|contact|text|pray|use|don't let|never|always)\\b`,
);

/**
 * Words without which no method or act rule of the crisis screen's lexicon (METHOD_RULES in
 * lexicon.ts) can match: for each alternative of each rule, one group of words it cannot do without
 * (the pills' names; "how many"; "knife"; "noose"; "carbon monoxide"…), spaces optional as the
 * screen reads them. The screen only runs when one is present; most replies have none. Kept in
 * step with the lexicon by a test (empathy.test.ts) that runs the screen's own test sentences and
 * the lexicon's method examples through both; `npm run eval:empathy -- --check-rules` checks it
 * on every local text.
 */
const METHOD_GATE = new RegExp(
  [
    // act.taken
    'taken|took|swallow|downed|drank|chugged|(?:standing|sitting|stood)\\s*(?:on|at)|rope|noose|gun|knife|knives|blade|razor|bleed|garage',
    // pills and medicines (stockpile, overdose_on, means_near)
    'pill|tablet|meds|medication|killer|paracetamol|tylenol|acetaminophen|ibuprofen|aspirin|xanax|benzo|oxy|opioid|insulin|antidepressant',
    // dose_question
    'dose|dosage|amount|how\\s*(?:many|much|long|fast)|(?:painless|quickest|quick|easiest|easy|fastest|best|surest|lethal|least\\s*painful|most\\s*(?:effective|reliable))\\s*(?:way|method)',
    // place
    'highest|tallest|which\\s*(?:bridge|building|cliff|tower)|high\\s*enough|(?:jump|leap)(?:ing)?\\s*(?:off|from|in\\s*front|under)|throw\\s*m[ey]',
    // hanging, firearm
    'knot|hang(?:ing)?\\s*m[ey]|belt\\s*(?:to|for|strong)|trigger|pistol|revolver|barrel|rifle|shotgun|to\\s*my\\s*(?:head|mouth|temple|chin)|shoot|bullet',
    // cutting
    'glass\\s*(?:to|down|across|on|into|against)|wrist|throat|shredded|slit|(?:vertical|deep)\\s*cut|cut\\s*(?:(?:too|so|really)\\s*)?deep|stitches',
    // gas and poison, overdose, rails
    'carbon|exhaust\\s*(?:fumes|pipe)|helium|bleach|antifreeze|poison|drain\\s*cleaner|charcoal|overdos|od(?:ing)?\\s*on|tracks',
  ].join('|'),
);
/** The method gate, for the evaluation's check (read-only use). */
export const EMPATHY_METHOD_GATE: RegExp = METHOD_GATE;

// ---------------------------------------------------------------------------------------------
// Rating
// ---------------------------------------------------------------------------------------------

interface Found {
  start: number;
  end: number;
}

/** The first match of any of `rules` in `lower` that is not negated just before it ("not sorry"). */
function firstOf(rules: readonly CompiledRule[], lower: string): Found | null {
  let best: Found | null = null;
  for (const r of rules) {
    if (!mayMatch(r, lower)) continue;
    const g = r.re;
    g.lastIndex = 0;
    for (let m = g.exec(lower); m !== null; m = g.exec(lower)) {
      if (m[0].length === 0) {
        g.lastIndex++;
        continue;
      }
      if (NEGATION_RIGHT_BEFORE.test(lower.slice(Math.max(0, m.index - 12), m.index))) continue;
      if (best === null || m.index < best.start) best = { start: m.index, end: m.index + m[0].length };
      break;
    }
  }
  return best;
}

type QuestionKind = 'none' | 'generic' | 'specific' | 'advice' | 'rhetorical' | 'offer';

/** What one sentence asks of the seeker, if anything. */
function questionKind(text: string, question: boolean): QuestionKind {
  if (text.startsWith('>')) return 'none'; // a quote of the seeker's words, Reddit style
  if (!question) {
    if (test(BARE_QUESTION, text)) return 'specific';
    return test(EX_INVITE, text) ? 'generic' : 'none';
  }
  if (test(RHETORICAL, text) || test(TAG_QUESTION, text)) return 'rhetorical';
  if (test(OFFER_TO_TALK, text)) return 'offer';
  if (test(ADVICE_QUESTION, text)) return 'advice';
  // Short openers are generic even with "you" in them ("how are you?").
  if (text.length <= 40 && test(EX_GENERIC, text)) return 'generic';
  if (test(ADDRESSED, text) || test(ABOUT_THEM, text)) return 'specific';
  if (test(EX_INVITE, text)) return 'generic';
  return 'none';
}

function test(r: RegExp | CompiledRule, s: string): boolean {
  if (!(r instanceof RegExp)) {
    if (!mayMatch(r, s)) return false;
    r = r.re;
  }
  r.lastIndex = 0;
  return r.test(s);
}

interface Explorations {
  level: EmpathyLevel;
  /** The (non-advice) question that explores best. */
  best: Found | null;
  rhetorical: Found | null;
  /** The first question that carries advice ("have you tried…?"). */
  advice: Found | null;
  /** The level from questions that are not advice: what the notes praise or suggest on. */
  asked: EmpathyLevel;
}

/** Reads each question (and invitation to say more) of the reply: how much it explores the seeker. */
function explorations(lower: string, sentences: readonly Sentence[]): Explorations {
  const out: Explorations = { level: 0, best: null, rhetorical: null, advice: null, asked: 0 };
  for (const s of sentences) {
    const kind = questionKind(lower.slice(s.start, s.end), s.question);
    const span = { start: s.start, end: s.end };
    if (kind === 'rhetorical') out.rhetorical ??= span;
    if (kind === 'advice') out.advice ??= span;
    const level: EmpathyLevel = kind === 'specific' || kind === 'advice' ? 2 : kind === 'generic' ? 1 : 0;
    if (level > out.level) out.level = level;
    if (kind !== 'advice' && level > out.asked) {
      out.asked = level;
      out.best = span;
    }
  }
  return out;
}

/**
 * Rates `response` as a reply to `seekerPost` and names what helps and what may hurt.
 * Guarantees: never throws; same input → same output; every span indexes into `response`;
 * the words of the response are never changed.
 */
export function rateEmpathy(seekerPost: string, response: string): EmpathyFeedback {
  const text = typeof response === 'string' ? response : '';
  const lower = fold(text);
  if (lower.trim().length === 0) return { emotionalReactions: 0, interpretations: 0, explorations: 0, notes: [] };
  const sentences = sentencesOf(lower);
  indexTrigrams(lower);
  // The rating reads the reply alone, as EPITOME's annotators rated it; the post is part of the
  // contract so that later rules can compare the two (e.g. a feeling of the post named back).
  void seekerPost;

  // Emotional reactions.
  const erStrong = firstOf(ER_STRONG, lower);
  const erWeak = erStrong ? null : firstOf(ER_WEAK, lower);
  const emotionalReactions: EmpathyLevel = erStrong ? 2 : erWeak ? 1 : 0;

  // Interpretations: a reflection ("that sounds exhausting"), or — as EPITOME counts it — a
  // similar experience of one's own ("Same. I stopped sleeping after my divorce too").
  const ipStrong = firstOf(IP_STRONG, lower);
  const ipWeak = ipStrong ? null : firstOf(IP_WEAK, lower);
  const { own, you } = persons(lower);
  const opening = sentences.find((x) => lower[x.start] !== '>');
  const agrees = opening !== undefined && test(AGREEMENT_OPENER, lower.slice(opening.start, opening.end));
  const sharedStory = ipStrong === null && ((own >= 2 && you <= 3 * own) || agrees);
  const interpretations: EmpathyLevel = ipStrong || sharedStory ? 2 : ipWeak ? 1 : 0;

  // Explorations.
  const ex = explorations(lower, sentences);

  // Pitfalls, the gravest first.
  const notes: EmpathyNote[] = [];
  const method = methodDetail(text, lower);
  if (method) notes.push({ kind: 'pitfall', code: 'method_details', span: method });
  const contact = findContactDetails(text);
  if (contact.length > 0) notes.push({ kind: 'pitfall', code: 'contact_details', span: { start: contact[0]!.span[0], end: contact[0]!.span[1] } });
  const judgement = firstOfNotNegated([JUDGEMENT], lower);
  if (judgement) notes.push({ kind: 'pitfall', code: 'judgement', span: judgement });
  const minimizing = firstOfNotNegated(MINIMIZING, lower);
  if (minimizing) notes.push({ kind: 'pitfall', code: 'minimizing', span: minimizing });
  const toxic = firstOfNotNegated([TOXIC_POSITIVITY], lower);
  if (toxic) notes.push({ kind: 'pitfall', code: 'toxic_positivity', span: toxic });

  // Advice is welcome once the seeker feels heard: only advice before any acknowledgement is a pitfall.
  const acknowledged = Math.min(erStrong?.start ?? Infinity, erWeak?.start ?? Infinity, ipStrong?.start ?? Infinity, ipWeak?.start ?? Infinity);
  const statementAdvice = firstAdvice(lower, sentences);
  const advice = earliest(statementAdvice, ex.advice);
  const adviceFirst = advice !== null && advice.start < acknowledged;
  if (adviceFirst) notes.push({ kind: 'pitfall', code: 'unsolicited_advice', span: advice });

  // Sharing one's own story helps when it is short and comes back to them.
  const selfFocus = own >= 8 && you * 4 <= own;
  if (selfFocus) notes.push({ kind: 'pitfall', code: 'self_focus' });
  if (ex.rhetorical && ex.asked === 0) notes.push({ kind: 'pitfall', code: 'rhetorical_question', span: ex.rhetorical });

  // Suggestions: the three most useful, in this order (mending a pitfall first, then the next step on each dimension).
  const suggestions: EmpathyNote[] = [];
  const reflected = ipStrong !== null || ipWeak !== null;
  if (adviceFirst) suggestions.push({ kind: 'suggestion', code: 'acknowledge_before_advice' });
  if (selfFocus) suggestions.push({ kind: 'suggestion', code: 'bring_it_back_to_them' });
  if (emotionalReactions === 0 && !reflected) suggestions.push({ kind: 'suggestion', code: 'acknowledge_feelings' });
  if (erWeak) suggestions.push({ kind: 'suggestion', code: 'name_the_feeling', span: erWeak });
  if (ipWeak && !sharedStory) suggestions.push({ kind: 'suggestion', code: 'say_what_you_understood', span: ipWeak });
  if (!reflected && emotionalReactions > 0) suggestions.push({ kind: 'suggestion', code: 'reflect_back' });
  if (ex.asked === 0) suggestions.push({ kind: 'suggestion', code: advice ? 'ask_what_would_help' : 'ask_open_question' });
  if (ex.asked === 1 && ex.best) suggestions.push({ kind: 'suggestion', code: 'ask_about_them', span: ex.best });
  notes.push(...suggestions.slice(0, MAX_SUGGESTIONS));

  // Strengths.
  if (erStrong) notes.push({ kind: 'strength', code: 'good_emotional_reaction', span: erStrong });
  if (ipStrong) notes.push({ kind: 'strength', code: 'good_interpretation', span: ipStrong });
  else if (sharedStory && !selfFocus) notes.push({ kind: 'strength', code: 'good_shared_experience' });
  if (ex.asked === 2 && ex.best) notes.push({ kind: 'strength', code: 'good_exploration', span: ex.best });

  return { emotionalReactions, interpretations, explorations: ex.level, notes };
}

function earliest(a: Found | null, b: Found | null): Found | null {
  if (a === null) return b;
  if (b === null) return a;
  return b.start < a.start ? b : a;
}

/**
 * Where the reply describes a method or means of harm, read by the crisis screen itself (its
 * `methodDetail`, and method/act signals it found even when their context lowered the level: a
 * supporter's own past overdose with the amount is still method detail for the reader). The screen
 * runs only when the reply holds a word its method rules need (METHOD_GATE).
 */
function methodDetail(text: string, lower: string): Found | null {
  if (!test(METHOD_GATE, lower)) return null;
  const s = screen(text, { surface: 'reply' });
  const r = s.reasons.find((x) => x.code.startsWith('method.') || x.code.startsWith('act.'));
  if (r) return { start: r.span[0], end: r.span[1] };
  return s.methodDetail ? { start: 0, end: 0 } : null;
}

/** The first match not turned round by a negation in the few words before it ("I'm not judging you"). */
function firstOfNotNegated(rules: readonly CompiledRule[], lower: string): Found | null {
  let best: Found | null = null;
  for (const r of rules) {
    if (!mayMatch(r, lower)) continue;
    const g = r.re;
    g.lastIndex = 0;
    for (let m = g.exec(lower); m !== null; m = g.exec(lower)) {
      if (m[0].length === 0) {
        g.lastIndex++;
        continue;
      }
      if (negatedInClause(lower, m.index)) continue;
      if (best === null || m.index < best.start) best = { start: m.index, end: m.index + m[0].length };
      break;
    }
  }
  return best;
}

/** Whether a negation in the same clause, a few words before `at`, turns the phrase round. */
function negatedInClause(lower: string, at: number): boolean {
  let before = lower.slice(Math.max(0, at - 40), at);
  CLAUSE_BREAK.lastIndex = 0;
  let cut = 0;
  for (let m = CLAUSE_BREAK.exec(before); m !== null; m = CLAUSE_BREAK.exec(before)) cut = m.index + m[0].length;
  before = before.slice(cut);
  return NEGATION_BEFORE.test(before) && !/\bnot (?:to|that)\s+$/.test(before);
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
