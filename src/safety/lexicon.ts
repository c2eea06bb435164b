/**
 * The hand-written lexicon of the safety screen.
 *
 * Every pattern here was written by the Kindred project from general knowledge of how people
 * talk about suicide, self-harm, abuse, eating disorders and substance use (including common
 * slang, euphemisms and misspellings). No pattern is copied or derived from a data set.
 *
 * Patterns are written as regular-expression source with two conveniences, expanded by `src()`:
 *   - `'`  matches any apostrophe (straight, curly, backtick) or none at all ("dont", "don't", "don’t");
 *   - ` `  (a space) matches any run of whitespace or none, because distressed writing often
 *          drops or doubles spaces ("killmyself", "kill  my self").
 * All patterns are compiled once, case-insensitive, when the module loads.
 */
import type { RiskCategory, RiskLevel } from './types.js';

export type RuleKind =
  /** Suicidal thoughts about oneself (passive or active); level comes from the rule, raised by intent words. */
  | 'ideation'
  /** A suicide attempt being reported: level depends on when (recent, distant, unspecified). */
  | 'attempt'
  /** Self-harm without suicidal intent. */
  | 'self_harm'
  /** Wanting or intending to hurt another person. */
  | 'harm_others'
  /** Being hurt, threatened or unsafe at home or in a relationship. */
  | 'abuse'
  | 'eating'
  | 'substance'
  /** Telling someone else to die or kill themselves. */
  | 'harass'
  /** Second-person care ("please don't hurt yourself", "are you thinking of suicide?"). */
  | 'support'
  /** General distress: level 1. */
  | 'distress'
  /** Someone else died by suicide (bereavement): level 1, subject other. */
  | 'bereaved'
  /** How: a method, means, dose or place. */
  | 'method'
  /** An act under way ("I've taken all the pills", "standing on the ledge"). */
  | 'act'
  /** A goodbye or last message. */
  | 'goodbye'
  /** A weaker farewell cue ("I'm sorry for everything") that only raises other signals. */
  | 'farewell'
  /** A plan cue ("I have a plan", "how I'd do it") that raises other signals. */
  | 'plan'
  /** A time cue ("tonight", "right now") that raises intent to imminent. */
  | 'time'
  /** Words that look risky but are not ("suicide squad", "suicide prevention", "kill time"). */
  | 'neutral'
  /** A phrase a later reading of the screen looks for (MARKER_RULES); never a signal or a reason itself. */
  | 'marker';

export interface Rule {
  code: string;
  kind: RuleKind;
  category: RiskCategory | null;
  level: RiskLevel;
  /** Fixed by the words themselves (myself / herself / yourself); otherwise resolved from context. */
  subject?: 'self' | 'other' | 'you';
  /** Often used as a joke or exaggeration: a laughter marker nearby lowers it to distress. */
  hyperbole?: boolean;
  /** A plea ("please kill me"): a "you" before it is who it is said to, not who it is about. */
  plea?: boolean;
  /** Method patterns: detailed enough to be method detail on their own. */
  strong?: boolean;
  /**
   * Since 1.8.24: a match of this rule that its context cancels (negated, a joke, the past, fiction, someone else) leaves
   * the model's reading as it was, as a negated distress word does: only a cancelled explicit signal ("I'm not
   * suicidal") makes the model read around its sentence. Set on the passive-ideation rules added since, so that they
   * can only raise a verdict.
   */
  cancelLeavesModel?: boolean;
  /**
   * Word stems that every match of `re` contains (lower case, matched at the start of a word).
   * The screen only runs `re` near a word with one of these stems, which keeps it fast. Each alternative is given the stems
   * written in it (and those written in none of the rule's alternatives): write a stem as the words it stands for are
   * written ("(?:give|giving)", not "giv(?:e|ing)"). `anchors.test.ts` proves that every match of every alternative holds
   * one of its stems at a word start (since 1.8.34).
   */
  anchors: string[];
  /** Regular-expression source (see the conventions above). */
  re: string;
}

const SELF = '(?:my ?self|myslef|mysef|myeslf|meself|my sel(?!f))';
const OTHER_SELF = '(?:her ?self|him ?self|them ?sel(?:f|ves)|their ?self)';
const YOU_SELF = '(?:your ?self|ur ?self|yo self|urslef|yourslef)';
// Since 1.8.34 "k1ll" written out, not as k[i1]ll: the scan gives an alternative the stems written in it, and "k1l" was
// written nowhere in it ("i want to k1ll myself" read 0; anchors.test.ts).
const KILL = '(?:kill|k1ll|kil)';
// Since 1.8.29: ways to die weighed against each other in method.compare_pain.
const COMPARE_METHOD = "(?:jump(?:ing)?(?: off (?:a |the )?(?:bridge|building|roof|cliff))?(?: to (?:my )?death)?|hang(?:ing)?(?: myself)?|pills|overdos(?:e|ing)|od(?:ing)?|gun(?:shot)?|shoot(?:ing)? myself|bullet|drown(?:ing)?(?: myself)?|train|bleed(?:ing)? out|slit(?:ting)? (?:my )?wrists?|carbon monoxide|helium|(?:a |the )?cliff)";
// How the two are weighed (method.compare_pain): "which is less painful", "what's the least painfull", and since 1.8.32
// "which hurts less", "which one would hurt the least".
const COMPARE_HOW =
  "(?:(?:'s| is)?(?: one)?(?: is| would be| will be| hurts)? (?:the )?(?:more|less|most|least) painfull?|(?: one)?(?: of (?:them|these|those|the two|the 2))? (?:hurts|would hurt|will hurt|hurt) (?:the )?(?:less|least|more|most))";
// The double negative of thoughts every day ("not a day goes by without", "can't go an hour without") up to what is thought of.
const DAILY_THOUGHT = "(?:(?:think(?:ing)?|thought) (?:about|of) |want(?:ing)? to |consider(?:ing)? |plann?(?:ing)? |dream(?:ing)? about )?";
/** One alternative per leading word, so that each runs only at its anchor word: `what` is what is thought of. */
const dailyWithout = (what: string): string =>
  [
    `\\b(?:not|never) (?:a|one) (?:single )?day (?:goes by|passes|has gone by|went by|go by) (?:without (?:me )?|(?:that|where|when) i (?:don't|do not|didn't) )${DAILY_THOUGHT}${what}`,
    // "cannot" and "can not" written as "can ?n[o]t" so that this alternative is not tried at every "not" (anchors are read from the source's words).
    `\\b(?:can't|can ?n[o]t|couldn't) (?:even )?go (?:a|an|one|a single|\\d+|two|three|five|ten|fifteen|twenty|thirty) (?:\\w{1,12} )?(?:day|days|hour|hours|minute|minutes|mins)(?: straight)? without (?:me )?${DAILY_THOUGHT}${what}`,
  ].join('|');
// A sentence about a game, a team, a show, a class, a diet… before "what's the point anymore" (passive.what_point).
// After review of 1.8.29: the everyday words within 80 characters on either side, across punctuation ("what's the point
// anymore, the teacher never reads our essays", "lost my streak on duolingo. what's the point anymore"), and a few more.
const EVERYDAY_POINT = "(?<!\\b(?:games?|team|match|matches|league|ranked|show|series|season|episode|movie|book|class|classes|course|homework|studying|diet|gym|workout|meeting|vote|voting|election|app|update|patch|phone|server|subreddit|sub|group ?chat)\\b[^.!?\\n]{0,60})";
// Places a height is told with (method.height_lethal): as in 1.8.32–1.8.33, and since 1.8.34 more of them, a wall, a tree, a
// fence, stairs, a hill… (HEIGHT_PLACE_MORE: "would jumping off a 10 foot wall kill me" read 0), since 1.8.35 only beside a second
// crisis signal (HEIGHT_SECOND; 1.8.34 read them unless a lesson or an animal was near).
const HEIGHT_PLACE_JUMP = "(?:building|bridge|roof|rooftop|tower|parking (?:garage|structure|lot|deck)|car park|apartment|block|cliff|balcony|window|hotel|house|dorm|overpass|ledge)";
const HEIGHT_PLACE_FALL = "(?:building|bridge|roof|rooftop|tower|parking (?:garage|structure|lot|deck)|apartment|block|cliff|balcony|window|hotel|house|dorm|overpass|ledge)";
const HEIGHT_PLACE_MORE =
  "(?:wall|tree|fence|crane|stairwell|staircase|stairs|rock|hill|mountain|quarry|waterfall|dam|platform|deck|porch|railing|silo|stadium|school|mall|hospital|church|lighthouse|garage|car park)";
// Since 1.8.35 the new places are read only beside a second crisis signal (HEIGHT_SECOND), not unless an everyday word is
// near: "would jumping off a 10 foot trampoline platform kill me lol", "my son asked would a fall from a 100 foot tree kill
// me" read 4 on 1.8.34 and "my physics teacher said i'm worthless, would jumping off a 10 foot wall kill me" 1. The signal is
// SECOND_SIGNAL's words without "die" / "dead" / "kill me" (the question itself says "kill me"), and despair or a goodbye
// said in the writer's words ("i'm worthless", "i'm done", "please give my cat to my sister").
const HEIGHT_SIGNAL =
  "\\b(?:good ?bye|farewell|this is it|it ends|(?:end|ending) (?:it|my life)(?! (?:with|between)\\b)|kill(?:ing)? my ?self|suicid\\w*|(?:want|wanna|wish|ready) (?:to )?(?:die|be dead)|better off (?:dead|without me)|worthless|hopeless|useless|no reason to live|dead (?:from |on the )?inside|(?:not|never) (?:to )?wake up|(?:i'?m|im|i am) (?:so )?done\\b(?! (?:with (?:my |the |this )?(?:homework|work|exam|class|dinner|school|it lol)))|done with (?:life|everything|it all)|(?:give|giving|gave) up\\b|no point|hate (?:my ?self|my life)|(?:nobody|no ?one) (?:cares|would care|will miss|would miss)|(?:a|such a) burden|can'?t (?:do this|take (?:it|this)|go on)|(?:give|leave) my \\w+ to\\b|(?:take care of|look after|feed) my (?:cats?|dogs?|pets?|kids?)|tell (?:my )?(?:mom|mum|dad|family|parents|kids|wife|husband|sister|brother)|sorry (?:mom|mum|dad)|love you (?:mom|mum|dad|all))";
const HEIGHT_SECOND = `(?:(?=[^]{0,200}?${HEIGHT_SIGNAL})|(?<=${HEIGHT_SIGNAL}[^]{0,200}))`;
// Whose "new / deep scars" (self_harm.cutting, since 1.8.35): the writer's body or a self-harm word in the sentence.
const SCAR_SELF =
  "\\b(?:(?:on |in |across |all over )?my (?:[\\w-]{1,20} )?(?:arms?|wrists?|thighs?|legs?|stomach|skin|body|hips?|forearms?)|i (?:\\w{1,12} )?cut|cut (?:my ?self|again)|cut\\w*|self ?-?harm\\w*|sh|relaps\\w*|burning (?:my ?self)|blades?|razors?)\\b";
// A height and what it would do (method.height_lethal's forms since 1.8.32): "4 story", "a 10 floor", "60 foot".
const HEIGHT =
  "(?:\\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|hundred) ?-? ?(?:story|storey|stories|storeys|floor|floors|foot|feet|ft|meter|metre|meters|metres|m)";
const HEIGHT_KILLS =
  "(?:be )?(?:(?:high |tall |big )?enough to (?:kill|be fatal|be lethal|end it)|fatal|lethal|deadly|kill (?:me|you|someone|a person|somebody))\\b";
/** Medicines and drugs often named in overdoses, and the stems that anchor them (PILL_STEMS). */
const NAMED_DRUGS =
  'lithium|seroqu[ei]ll?|quetiapine|fluoxetine|prozac|sertraline|zoloft|benadr[yi]l|diphenhydramine|heroin|fentanyl|morphine|tramadol|hydrocodone|kl[oa]n[oa]p[io]n|valium|lorazepam|diazepam|ambien' +
  // Since 1.6.0: more medicines often at hand, and common misspellings of the names (xanex, klonapin, seroquil).
  '|xan(?:ex|ix|ny|nies|ies)|xannax|(?:es)?citalopram|celexa|lexapro|wellbutrin|bupropion|adderall?|codeine|ativan|traz[oa]done|effexor|venlafaxine|gabapentin|percocets?|vicodin|amitriptyline|paracet[ae]?mol|ibuprofin|asprin|tylen[ae]l';
const NAMED_DRUG_STEMS = [
  'lithi', 'seroq', 'queti', 'fluox', 'proza', 'sertr', 'zolof', 'benad', 'diphe', 'heroi', 'fenta', 'morph', 'trama', 'hydroc', 'klon', 'klan', 'valiu', 'loraz', 'diaze', 'ambie',
  'xane', 'xani', 'xann', 'cital', 'escit', 'celex', 'lexap', 'wellb', 'bupro', 'adder', 'codei', 'ativa', 'traz', 'effex', 'venla', 'gabap', 'perco', 'vicod', 'amitr', 'paracet', 'ibupr', 'aspr', 'tylen',
  'melat', 'melot', 'melan', 'melon', 'doxyl', 'uniso', 'zzzq', 'zzz', 'nyqui',
];
// Since 1.8.28: sleep aids sold over the counter, also without "pills" after a count ("i took 40 melatonin"); not after a
// dose ("took 10 mg melatonin", "5mg of melatonin"), which names how much one dose is, not how many were taken.
// After review (1.8.28): a dose unit also as "mgs", "mg's", "cc", "units", "iu"; but a dose after a count is one pill's
// strength, not the count ("i took 40 10mg melatonin" is forty); melatonin and zzzquil under 20 are no count ("took 10
// melatonin and still cant sleep"); no sleep aid beside a good night ("and slept 12 hours", "knocked out", "crazy dreams"),
// a total over time ("over the weekend", "this month", "in total", "a night") or a child's mistake ("thinking they were
// candy"); misspelt "melotonin", "melantonin", "melatonins".
const SLEEP_AID_NAMES = '(?:mel[ao]n?ton(?:in|ine)s?|doxylamine|unisom|zzz ?quil|nyquil)';
const SLEEP_AIDS =
  `${SLEEP_AID_NAMES}` +
  `(?<!(?<!\\d\\s|\\d\\s?[x*]\\s?)\\b\\d+ ?(?:mgs?|mg's|mcg|milligrams?|micrograms?|g|ml|mls|cc|units?|iu)\\.? (?:of )?${SLEEP_AID_NAMES})` +
  // After review of 1.8.29: a count under 20 is a count again (1.8.28's reading: "i took 15 melatonin and a bottle of
  // tylenol" was 0), and a good night or a total over time does not cancel beside a death word or a goodbye ("just took 50
  // melatonin total, goodbye"); "total", "in total", "over the past / last", "by accident" no longer cancel at all.
  // A count under 20 with one pill's dose between stays no count, as 1.8.28 read it ("took 10 5mg melatonin"), or
  // with the dose after it ("took 10 melatonin 1 mg each"); not beside a death word or a goodbye.
  `(?!(?:(?<=(?<![\\d.,])1?\\d(?:\\s|\\s?[x*]\\s?)\\d+\\s?mg\\s(?:mel[ao]n?ton(?:in|ine)s?|zzz ?quil))|(?<=(?<![\\d.,])1?\\d\\s(?:mel[ao]n?ton(?:in|ine)s?|zzz ?quil))(?=\\s\\d+(?:\\.\\d+)?\\s?mg\\s(?:each|apiece)\\b))(?![^]{0,160}\\b(?:die|dying|dead|death|kill|suicide|goodbye|good bye|bye|sorry|wake up|end it|on purpose|overdos\\w*|od)\\b))` +
  `(?!(?=[^.!?\\n]{0,50}\\b(?:slept|sleeping like|knocked (?:me )?out|conked out|out like a light|(?:crazy|weird|vivid|wild) dreams|over the (?:weekend|week|month|year|course|holidays?)|(?:this|per|each|every) (?:month|year|semester)|thinking (?:they|it) (?:were|was) (?:candy|sweets|gummy bears))\\b)(?![^]{0,160}\\b(?:die|dying|dead|death|kill|suicide|goodbye|good bye|bye|sorry|wake up|end it|on purpose|overdos\\w*|od|forever|for good|never|hopefully|vodka|alcohol|whiskey|wine|beer|drunk)\\b))`;
const PILLS =
  `(?:pills?|tablets?|meds|medications?|sleeping pills|painkillers|pain killers|paracetamol|tylenol|acetaminophen|ibuprofen|aspirin|xanax|benzos|oxy\\w*|opioids?|insulin|antidepressants|sleeping tablets|${NAMED_DRUGS}|${SLEEP_AIDS})`;
// Since 1.8.30 (method.overdose_count): who says they will take, and how many.
const INTENT_TO_TAKE =
  "(?:\\b(?:(?:i'?m|im|i am|she'?s|he'?s|they'?re|she is|he is|they are|(?:my |his |her |their )?(?:friend|bestie|roommate|son|daughter|kid|brother|sister|mom|mum|dad|partner|boyfriend|girlfriend|wife|husband|cousin)(?:'s| is)) (?:(?:just|really|finally|actually|seriously|literally|definitely) )?(?:going to|gonna|gunna|finna|about to|planning to|planning on|fixing to|ready to)" +
  // "ima / imma / i'ma take 40 pills tonight" (I'm going to; 0 up to 1.8.31's draft)
  "|\\b(?:ima|imma|i'?mma|i'ma)" +
  "|(?:i|she|he|they)(?:'ll| will| shall|ll)(?: (?:just|finally|actually|really|definitely))?" +
  "|(?:i|she|he|they) (?:(?:just|really|seriously|honestly) )?(?:want|wanna|wants|plan|plans|intend|intends|mean|means|am going|is going|are going)(?: to)?" +
  "|(?:i'?m|im|i am))" +
  "|(?:^|[.!?;,\\n])\\s*(?:(?:and|so|then|tonight|today) )?(?:going to|gonna|about to|i'?ll))";
const PILL_COUNT =
  ` (?:(?:these|those|all|all these|all those|all of these|all of those|the|my) )?(?:like |about |around |over |maybe |nearly |almost |at least |another )?(?:[1-9]\\d+(?: ?[x*](?= ?\\d)(?: ?\\d+(?:\\.\\d+)? ?(?:mg|mcg|ml|g)\\b)?)?|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|a hundred|hundreds of|dozens of)(?! ?(?:mgs?|mg's|mcg|milligrams?|micrograms?|g|ml|mls|cc|units?|iu|days?|weeks?|months?)\\b)(?: of)?(?: (?:my|the|these|those|his|her))?(?! (?:vitamin|multivitamin|supplement|fish|iron|calcium|magnesium|zinc|probiotic|gumm|birth|allergy|placebo|sugar|vitamin))(?: \\w{1,24})? ?${PILLS}\\b` +
  `(?! (?:out|from|off|back|with (?:me|us|him|her|them|breakfast|lunch|dinner|food|a meal|meals|my meals)|to (?:my|his|her|their|our|the|a|school|work|class|church)|at (?:a|the) (?:party|rave|festival|concert|club|gig))\\b(?![^.!?\\n]{0,80}\\b(?:tonight|today|right now|now|never wake|not wake|wake up|sleep forever|die|dying|dead|end it|end my life|goodbye|bye|grave|bridge|forever|for good|kill|suicide)\\b))(?![^.!?\\n]{0,60}\\b(?:(?:a|per|each|every|twice a|three times a) (?:day|night|morning|evening|week|month)|daily|over the (?:weekend|holidays?|summer|break)|because of (?:my|his|her|the|a|an)|for (?:my|his|her|the|a|an) (?:\\w+ )?(?:transplant|condition|treatment|infection|pain|headache|migraine|cold|flu|fever|cramps|period|back|tooth|toothache|allergies|surgery|procedure|colonoscopy|prep|test|scan|study|trial|experiment|project|science fair|class)|in total|over (?:the )?(?:next |coming |following )?(?:\\d+ |a |an |one |two |three |four |six |several |few |couple (?:of )?)?(?:days?|weeks?|months?)|for (?:the )?(?:next )?(?:\\d+ |a |one |two |three |few |couple (?:of )?)?(?:days?|weeks?|months?)|this (?:week|month)|course|dispos\\w*|drop[- ]?off|take[- ]?back|recycl\\w*|organi[sz]er|pill ?box|dosette|blister|sort\\w*|count\\w*|inventory|customers?|shift|to the (?:pharmacy|chemist|drugstore|police|clinic|doctor)|back to|for (?:my|his|her|our) (?:grand\\w*|nan|nana|granny|gran|patients?|customers?))\\b)`;
// method.overdose_count (1.8.30) was written on 1.8.29's "melatonin and zzzquil under 20 are no count"; after review of
// 1.8.29 that holds for the act no longer, but a plan to take under 20 of them stays no count unless a death word, a
// goodbye or "never wake" is near ("i'm going to take 15 melatonin tonight" 0-1; "… tonight and never wake up" 5).
const UNDER_20_SLEEP_AID = `(?!(?<=(?<![\\d.,])\\b1?\\d\\s(?:(?:my|the|these|those|his|her) )?${SLEEP_AID_NAMES})(?![^]{0,160}\\b(?:die|dying|dead|death|kill|suicide|goodbye|good bye|bye|sorry|wake up|wake|end it|on purpose|overdos\\w*|od|forever)\\b))`;
/**
 * An amount of a drug ("400 mg of melatonin", "40 x 5mg melatonin", "30 of my pills"; since 1.8.32): said beside the
 * writer's own wish to die it makes the text a substances matter too (the category only: the level is the wish's). Not a
 * daily or prescribed dose ("i take 50 mg of sertraline", "… a day", "as prescribed"). Unlike PILLS, a sleep aid after a
 * dose is named here (the dose is the amount).
 */
export const DRUG_AMOUNT = new RegExp(
  `\\b(?:\\d+(?:[.,]\\d+)? ?(?:mgs?|mg's|milligrams?|grams?|g|ml|mls)\\.?|(?:[1-9]\\d+|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|a hundred|hundreds of)(?: ?[x*] ?\\d+ ?mg)?)` +
    `(?: of)?(?: (?:my|the|his|her|those|these|all))?(?: [a-z0-9]{1,24})? ?(?:${NAMED_DRUGS}|${SLEEP_AID_NAMES}|pills?|tablets?|meds|paracetamol|tylenol|acetaminophen|ibuprofen|aspirin|xanax|benzos|oxy\\w*|opioids?|insulin|antidepressants|painkillers|sleeping pills)\\b` +
    `(?! ?(?:a|per|each|every) (?:day|night|morning|evening)\\b|,? ?(?:daily|twice|nightly|as prescribed)\\b)`,
  'gi',
);
/** Said right before a DRUG_AMOUNT, a daily or prescribed dose ("i take 50 mg", "i'm on 100mg", "prescribed 30 …"). */
export const DRUG_AMOUNT_PRESCRIBED = /\b(?:on|prescribed|take|takes|dose of|dosage of|upped|raised|lowered|increased|decreased|switched to|put on) $/i;
/** A cheap necessary condition of DRUG_AMOUNT: a digit or a count in words. */
export const DRUG_AMOUNT_PRE = /\d|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred/i;
/** A sleep aid named in a span (after review of 1.8.28: its low reading leaves the model the sentence, as before 1.8.28). */
export const SLEEP_AID_WORD = new RegExp(`\\b${SLEEP_AID_NAMES}`, 'i');
/** A medicine or drug named in a span (an act of taking one is also a substances matter; since 1.6.0). */
export const PILL_WORD = new RegExp(`\\b${PILLS}`, 'i');
const PERSON =
  '(?:(?:my |his |her |their |our )?(?:dad|father|mom|mum|mother|step ?(?:dad|mom|mum|father|mother)|parents?|brother|sister|uncle|aunt|grand(?:pa|ma|father|mother)|husband|wife|boyfriend|girlfriend|bf|gf|partner|fianc[eé]e?|ex|cousin)|he|she|they)';

/**
 * Not followed right away by a game: "the best way to die in Elden Ring for the achievement", "easiest
 * way to die in minecraft to reset your spawn", "… to die in a video game" ask about a game. The game
 * must come right after "die" ("in <game>", "in a game"): a game named later in the sentence says
 * nothing about the question ("best way to die tonight while my brother plays call of duty", "fastest
 * way to die so i can respawn somewhere better lol no im serious"; 1.7.0 read those as games, 1.7.1 not).
 */
/**
 * A second crisis signal in the text (since 1.8.19): a goodbye, a death word, "tonight … them all", "it ends", a note to
 * family. An exclusion of an everyday reading (a jump into water or in a game, pills saved up for a trip) does not cancel
 * the jump or the saved-up pills when one of these is within 200 characters.
 */
const SECOND_SIGNAL =
  "\\b(?:good ?bye|farewell|bye(?! for now| for today| guys see)|this is it|it ends|(?:end|ending) (?:it|my life)(?! (?:with|between)\\b)|kill(?:ing)? (?:my ?self|me)|suicid\\w*|(?:die|dying)(?! (?:of|from) (?:laughter|laughing|boredom|embarrassment|excitement)| to\\b| laughing)|dead(?! (?:tired|calm|serious|ass|funny|set|end))|death(?<!(?:scared|bored|freezing|frozen|worried|tickled) to death)|tonight\\b[^\\n]{0,40}\\b(?:them|it) all|(?:them|it) all\\b[^\\n]{0,20}\\btonight|tell (?:my )?(?:mom|mum|dad|family|parents|kids|wife|husband|sister|brother)|let my (?:mom|mum|dad|family|parents|kids|wife|husband|sister|brother)|(?:don'?t|dont|do not) let my (?:mom|mum|dad|family|parents|kids|wife|husband) (?:see|find)|(?:note|letter|video|message) (?:for|to) my (?:family|mom|mum|dad|parents|kids)|sorry (?:mom|mum|dad)|love you (?:mom|mum|dad|all))\\b";
/** An exclusion gives way to a second signal after or before the match (200 characters either side). */
const OR_SECOND_SIGNAL = `|(?=[^]{0,200}?${SECOND_SIGNAL})|(?<=${SECOND_SIGNAL}[^]{0,200})`;

/**
 * A time said right after "die" or "jump" (since 1.8.21): "i'm going to die tonight", "gonna jump tn". Written as people
 * write it in distress ("tn", "2nite", "tmrw"); "soon" and "one day" are no time.
 */
/** "the end of the week" and the like, after "die by" / "dead by" (since 1.8.23). */
/**
 * How one will leave this world, said after it ("quietly", "without saying goodbye"; since 1.8.26): the leaving itself is
 * meant. Not "without a fight", nor "a word of thanks". Said with a negation ("i won't leave this world …") only the
 * goodbye counts (LEAVE_WORLD_GOODBYE): "i won't leave this world quietly, i'm going to fight" is defiance (1.8.26's review).
 */
export const LEAVE_WORLD_GOODBYE = 'without (?:even )?(?:saying (?:a )?(?:good ?bye|bye)|a (?:good ?bye)|(?:good ?bye|bye))s?\\b';
export const LEAVE_WORLD_MANNER = '(?:quietly|silently|in silence|unnoticed|without (?:even )?a word(?! of)|' + LEAVE_WORLD_GOODBYE + ')\\b';
/** Defiance or a long life beside a manner of leaving ("… quietly, i'm going to fight", "… when i'm old, i'll be a loud grandma"). */
const LEAVE_WORLD_DEFIANT =
  "\\b(?:fight\\w*|fought|battl\\w*|loud\\w*|grandma|grandpa|granny|when i(?:'m| am) old|old age|grow old|legacy|my art|my (?:music|books?|work) will|speak for me|justice|cancer|kicking and screaming)\\b";
export const DIE_BY_END = 'the end of (?:the|this) (?:week|day|month|weekend|night)';
export const DIE_TIME =
  '(?:tonight|tonite|2nite|2night|2nyt|tn|today|2day|tomorrow|tmrw|tmr|2morrow|2moro|tomorow|tommorow|tommorrow|this (?:evening|weekend|week|morning|afternoon)|next week|(?:on |this |next )?(?:mon|tues|wednes|thurs|fri|satur|sun)day|on my birthday|at midnight|in (?:an|a few|a couple of|\\d+|one|two) (?:hours?|hrs?|minutes?|mins?|days?)|before (?:morning|midnight|sunrise|the (?:weekend|morning|sun ?rise)))';

/**
 * Who jumps, read behind "jump" (since 1.8.21), in two strengths since 1.8.22. Intent: "i'm gonna / going to / about to /
 * ready to jump", "imma / i'ma jump" (1.8.22), or the same without "I" opening a sentence or a clause ("gonna jump
 * tonight"). Will or now: "i'll jump", "i will jump", "i'm jumping", "jumping tonight bye" — with any time, unless an everyday
 * context is named ("i'll jump tomorrow, on the new course").
 */
const JUMP_OPENING =
  "(?:(?:^|[.!?;,:\\n])\\s*(?:(?:ok|okay|so|yeah|well|welp|honestly|tbh|ngl|fr|and|just)\\s*,?\\s+)?|\\b(?:i'?m|im|i am|ima|imma)\\s+)(?:(?:just|really|actually|finally|definitely|seriously|so)\\s+)*";
const JUMP_SUBJECT_INTENT =
  JUMP_OPENING + "(?:gonna|gna|gunna|going to|goin to|about to|bout to|ready to|finna)\\s+(?:(?:just|really|finally|actually)\\s+)*jump" +
  "|\\b(?:ima|imma|i'ma|i'mma|imo?na)\\s+(?:(?:just|really|finally|actually|definitely)\\s+)*jump";
const JUMP_SUBJECT_WILL =
  JUMP_OPENING + "jumping" + "|\\bi(?:\\s*'\\s*ll|ll|\\s+will)\\s+(?:(?:just|really|finally|actually|definitely)\\s+)*jump";
const JUMP_SUBJECT = JUMP_SUBJECT_INTENT + "|" + JUMP_SUBJECT_WILL;
/** Times with their part of the day (since 1.8.22: "tomorrow morning", "friday night"), the night, an hour, a birthday. */
const JUMP_TIME_STRONG =
  "(?:tonight|tonite|2nite|2night|2nyt|tn|at midnight|before (?:morning|midnight|sunrise|dawn|the (?:morning|sun ?rise))|in (?:an|a few|a couple of|\\d+|one|two) (?:hours?|hrs?|minutes?|mins?)|on my birthday|this (?:evening|morning|afternoon)|(?:today|2day|tomorrow|tmrw|tmr|2morrow|2moro|tomorow|tommorow|tommorrow|(?:on |this |next )?(?:mon|tues|wednes|thurs|fri|satur|sun)day) (?:morning|night|evening|afternoon|at (?:dawn|sunrise|midnight)))";
/** Any time after an intent to jump: `DIE_TIME`, "now", and since 1.8.22 a day with its part. */
const JUMP_TIME_ANY = "(?:" + JUMP_TIME_STRONG + "|" + DIE_TIME + "|rn|right now|now)";
/** A meeting, a call, a chat or a team before a last "thanks" (since 1.8.24's review): a sign-off ("great meeting, gonna jump now thanks"). */
const JUMP_WORK_BEFORE = "(?<!\\b(?:meetings?|calls?|chat|chatting|stand-?up|sync|zoom|webinar|team)\\b[^\\n]{0,80})";
/**
 * After the time: only the clause's end, a goodbye, or words that only stress it ("lol" is read by `JUMP_EVERYDAY`); since
 * 1.8.24 a last "thanks", also glued to the time ("gonna jump nowthanks"), but not "thanks to / for the …", "thanks
 * for chatting", "thanks team" or after a meeting, a call or a chat (JUMP_WORK_BEFORE: a sign-off).
 */
const JUMP_TIME_END =
  "(?: ?(?:lol|lmao|haha\\w*|xd|jk|fr|frfr|for real|no cap|ngl|tbh|i swear)\\b)* ?(?:[^\\w\\s'’‘`´]|$|(?:good ?bye|bye|farewell)\\b|(?:thanks|thank (?:you|u)|thx)\\b(?! (?:to|for (?:the(?! (?:good )?memories\\b)|a|your|ur|this|that|my|chatting|joining|coming)|team))" + JUMP_WORK_BEFORE + "\\b)";
/**
 * What may follow a jump and its time and make it a crisis (since 1.8.22), after a comma, "and", "cuz"…: despair ("nobody
 * cares", "i cant do this", "im so tired of this", "its over"), a high place ("from the top of my building"), or dark water
 * ("into the river"; a lake or the sea is a swim).
 */
const JUMP_AFTER_JOIN = "(?: ?(?:[,.;:!-]+|(?:and|but|because|bc|cuz|coz|cause|since|so|fr|honestly|tbh|ngl)\\b))* ?";
const JUMP_DESPAIR =
  "(?:(?:no ?one|nobody|noone) (?:cares|will (?:care|miss me|notice|even notice)|would (?:care|miss me|notice)|gives a (?:shit|fuck|damn)|loves me|needs me)|i (?:can'?t|cannot) (?:do (?:this|it)|take (?:it|this|any ?more)|go on|keep going|live like this|any ?more)|(?:i'?m|i am) (?:so |just |really )?(?:tired|sick|done) (?:of|with) (?:this|it|everything|life|living|being alive|all of (?:this|it))|(?:i'?m|i am) (?:so |just |really )?done\\b|it'?s (?:all )?over|there'?s no (?:point|hope|way out|other way)|nothing matters|i give up|i hate (?:my life|my ?self)|no more pain|(?:every(?:one|body)|they|the world|my family)(?:'ll| will| would| are)? (?:be )?better off without me|i'?m (?:just )?a burden|i'?m sorry|sorry (?:every(?:one|body)|guys|all|mom|mum|dad)|i love (?:you|u) all|i'?m (?:so )?(?:worthless|hopeless|useless)|i (?:just |really )?(?:want|wanna|need) (?:to )?(?:die|end it|be dead|kill my ?self))\\b";
const JUMP_HIGH_PLACE =
  "(?:(?:from|off|off of) (?:the |a |my |that |this )?(?:(?:top|roof|edge) (?:floor )?of (?:the |a |my |that |this )?)?(?:\\w{1,24} )?(?:bridge|building|roof|rooftop|cliff|balcony|overpass|tower|window|parking garage|ledge|skyscraper|dam|viaduct|car ?park|multi-?storey|apartment(?: building| block)?|block of flats|top floor|highest floor|\\d{1,3} ?(?:st|nd|rd|th) floor)s?|in front of (?:a |the )?(?:\\w{1,24} )?(?:train|bus|truck|lorry|subway|tube))\\b";
const JUMP_DARK_WATER =
  "(?:in|into|in to|off into) (?:the |a )?(?:(?:icy|freezing|cold|dark|black|deep) )?(?:river|canal|harbou?r|bay)\\b|(?:in|into|in to) (?:the |a )?(?:icy|freezing|cold|dark|black) (?:water|sea|ocean|lake)\\b";
/** A jump that is everyday: by water, in a sport or a game, of an animal, on film, in jest (since 1.8.21, for a jump with a time). */
const JUMP_WATER_WORDS = "lake|sea|ocean|river|quarry|water\\w*";
const JUMP_EVERYDAY_DRY =
  "bungee|bungy|parachut\\w*|skydiv\\w*|base jump\\w*|zip ?line|pool|trampoline|swim\\w*|snow|photos?|pics?|dare\\w*|jump(?:ing)? in|beach|dive|diving|cliff jump\\w*|paraglid\\w*|hang ?glid\\w*|wingsuit|parkour|free ?run\\w*|skate\\w*|bmx|bike|long jump|high jump|triple jump|minecraft|fortnite|roblox|gta|game|gaming|cat|dog|horse|pony|puppy|kitten|squirrel|video|camera|club|concert|recital|dance|rave|party|festival|gig|show|stream|server|lobby|raid|queue|call|rope|ski\\w*|plane|basketball|volleyball|track|meet|competition|comp|hurdles|showjump\\w*|bouncy|castle|front row|crowd|mosh\\w*|stage|excit\\w*|hyped?|wish me luck|first time|fun|yay|can'?t wait|woo+|yolo|lol|lmao|lmfao|haha\\w*|jk|xd" +
  // Since 1.8.22: coming back ("brb"), figure skating and a landing ("hopefully land a triple axel"), a course.
  "|brb|be right back|ttyl|talk (?:to (?:you|u|ya) )?later|axel|lutz|salchow|toe ?loop|skating|rink|(?:back|front)?flips?|land(?:ing)? (?:a|an|the|it|my)|(?<!\\bof )course";
const JUMP_EVERYDAY = JUMP_EVERYDAY_DRY + "|" + JUMP_WATER_WORDS;
/** Not everyday within 80 characters either side of the jump, unless a second signal is near (`list`: the everyday words). */
const jumpNotEveryday = (list: string): string =>
  "(?:(?<!\\b(?:" + list + ")\\b[^\\n]{0,80}?jump(?:ing)?)(?![^\\n]{0,80}\\b(?:" + list + ")\\b)" + OR_SECOND_SIGNAL + ")";

const NOT_IN_A_GAME =
  "(?! ?(?:in|on|inside|playing) (?:a |the |this |that |my |any )?(?:new |online |video |computer |mobile )?(?:video ?games?\\b|games?\\b|dark souls|elden ring|bloodborne|sekiro|minecraft|fortnite|roblox|skyrim|terraria|zelda|hollow knight|the sims|sims ?\\d|gta\\b|warzone|call of duty|valorant|among us|baldur'?s gate|hades|stardew|dnd\\b|d ?& ?d\\b|dungeons (?:and|&) dragons|(?:the )?boss fights?|hardcore mode|pvp|pve))";

/** Core signals: scanned in one combined pass (earlier rules win at the same position). */
export const CORE_RULES: Rule[] = [
  // --- words that only look risky -------------------------------------------------------
  { code: 'neutral.compound', anchors: ['suic', 'sui', 'poli', 'soci', 'care'], kind: 'neutral', category: null, level: 0,
    re: "\\bsuicide (?:squad|mission|doors?|king|run|pact with (?:my|the) (?:diet|wallet))|\\b(?:political|social|career|commercial|electoral|academic|financial) suicide|\\bsuicide ?watch\\b|\\br/suicide\\w*" },
  // Since 1.8.24: a place one cannot picture living in, and the certainty that one's family would care ("can't see myself
  // living in London", "I know my family would care if i died"): everyday words the model read as despair.
  { code: 'neutral.everyday_future', anchors: ['see', 'pict', 'imag', 'know'], kind: 'neutral', category: null, level: 0,
    re: "\\b(?:see|picture|imagine) (?:myself|me) living (?:in|near) (?!(?:a |the |this |such )?(?:pain|fear|agony|misery|world|body|state|hell|darkness|shame|silence|poverty|debt|constant|way|life|house|home|family|situation|condition|torment)\\b)(?:[a-z]{3,24})(?= ?(?:[.!?,;:]|$|anymore|city\\b|one day|someday|forever|and\\b|but\\b|though|tbh|honestly|lol))|\\bknow (?:that )?(?:my |our )?(?:family|friends|parents|mum|mom|dad|people|everyone) (?:would|will) (?:care|miss me|be (?:sad|devastated|heartbroken)) if i died\\b" },
  { code: 'neutral.prevention', anchors: ['suic', 'kil', 'k1l'], kind: 'neutral', category: null, level: 0,
    re: "\\bsuicide (?:prevention|awareness|rates?|statistics|stats|research|risk assessment|hotlines? numbers?)|\\b(?:kill|killing|killed) (?:time|it|the (?:vibe|mood|game|lights?|engine))\\b|\\bkill (?:two birds|the process|the app|switch)" },

  // --- care for someone else (said by a supporter, not a risk for the writer) -------------
  { code: 'support.dont_harm', anchors: ['kil', 'k1l', 'hurt', 'harm', 'cut', 'end'], kind: 'support', category: null, level: 0, subject: 'you',
    re: `\\b(?:please )?(?:don't|do not|never|dont|pls dont|please dont) (?:ever )?(?:${KILL}|hurt|harm|cut|end) ?${YOU_SELF}` },
  { code: 'support.asks', anchors: ['suic', 'kil', 'k1l', 'endi', 'hurt', 'self', 'harm'], kind: 'support', category: null, level: 0, subject: 'you',
    re: `\\b(?:are|r|have) (?:you|u) (?:been )?(?:ever )?(?:thinking (?:about|of)|having (?:any )?thoughts (?:of|about)|feeling|considering|planning|thought about) (?:suicid\\w*|${KILL}ing ${YOU_SELF}|ending (?:your|ur) life|hurting ${YOU_SELF}|self ?-?harm\\w*)` },

  // --- harassment of others -------------------------------------------------------------
  { code: 'harass.kys', anchors: ['kys', 'k'], kind: 'harass', category: 'harassment', level: 0, subject: 'you', re: '\\bkys\\b|\\bk y s\\b' },
  // After review of 1.8.28: also a bare "kill yourself" quoted whole ('they sent me "kill yourself" and i'm going to do it').
  { code: 'harass.kill_yourself', anchors: ['kil', 'k1l', 'hang', 'shoo', 'off', 'unal', 'end'], kind: 'harass', category: 'harassment', level: 0, subject: 'you',
    re: `\\b(?:go|just|pls|please|should|shud|why don't (?:you|u)|(?:you|u) should|hope (?:you|u)|hope (?:you|u) go|i want (?:you|u) to|(?:you|u) need to|do us all a favou?r and|do (?:every(?:one|body)|the world) a favou?r and) (?:go |just |fucking |fkn |and )*(?:${KILL}|hang|shoot|off|unalive|end) ?${YOU_SELF}|(?<=["“]\\s{0,2})${KILL} ?${YOU_SELF}(?=\\s{0,2}[.!]*["”])` },
  { code: 'harass.die', anchors: ['die', 'dead', 'exis', 'blea', 'jump', 'canc', 'rot', 'miss', 'bett', 'favo', 'worl'], kind: 'harass', category: 'harassment', level: 0, subject: 'you',
    re: "\\b(?:(?:you|u) (?:should|deserve to|need to|ought to|better) (?:just |go |fucking )*(?:die|be dead|not exist|stop existing|drink bleach|jump off)|(?:hope|wish|pray) (?:you|u) (?:die|get cancer|were dead|drop dead|rot in hell|rot)|\\bgo (?:and )?(?:die|drop dead|jump off a (?:bridge|cliff|building)|drink bleach)\\b|just (?:die|drop dead)\\b(?! (?:of|from|inside|already))|(?:no ?one|nobody) (?:would|will) miss (?:you|u)\\b|(?:the )?world (?:would|will) be better (?:off )?without (?:you|u)\\b|do (?:us|every(?:one|body)|the world) a favou?r and die)" },

  // --- bereavement / other people's past -----------------------------------------------
  { code: 'bereaved.died_by_suicide', anchors: ['kil', 'k1l', 'took', 'suic'], kind: 'bereaved', category: 'suicide', level: 1, subject: 'other',
    re: `\\b(?:${KILL}ed ${OTHER_SELF}|took (?:his|her|their) (?:own )?li(?:fe|ves)|(?:committed|died by|died from|died of|lost (?:him|her|them) to) suicide|passed away (?:from|by) suicide)` },

  // --- attempts -----------------------------------------------------------------------
  { code: 'attempt.reported', anchors: ['trie', 'try', 'atte', 'od', 'over', 'suic'], kind: 'attempt', category: 'suicide', level: 2,
    re: `\\b(?:tried|try|trying|attempted|attempting|attempt) (?:to )?(?:${KILL}|end|off|hang|unalive) ?(?:${SELF}|my (?:own )?life|it all)|\\b(?:tried|trying|attempted) to (?:od|overdose)\\b|\\bsuicide attempts?\\b|\\b(?:my|first|second|third|last|failed|previous) (?:suicide )?attempts?\\b(?! (?:at|to|of|in|on|for)\\b)|\\battempted (?:suicide|to ${KILL}|an overdose)|\\b(?:another|next|make an?|make my|going to make an?) attempt\\b|\\battempt (?:again|tonight|soon)\\b|\\b(?:i |i've |i have |i had |just )(?:od(?:['’‘\`´]|\\s)d|overdosed|overdosed on)\\b` },
  { code: 'attempt.other', anchors: ['trie', 'try', 'atte'], kind: 'attempt', category: 'suicide', level: 2, subject: 'other',
    re: `\\b(?:tried|attempted|trying) (?:to )?(?:${KILL}|end|hang|off|unalive) ?(?:${OTHER_SELF}|(?:his|her|their) (?:own )?life)` },

  // --- ideation about oneself ------------------------------------------------------------
  { code: 'ideation.other_reflexive', anchors: ['kil', 'k1l', 'unal', 'hang', 'shoo', 'off', 'end', 'take'], kind: 'ideation', category: 'suicide', level: 3, subject: 'other',
    re: `\\b(?:${KILL}(?:ing|s)?|unaliv\\w*|hang(?:ing|s)?|shoot(?:ing|s)?|off(?:ing)?) ${OTHER_SELF}|\\bend(?:ing|s)? (?:his|her|their) (?:own )?li(?:fe|ves)|\\btake (?:his|her|their) (?:own )?li(?:fe|ves)` },
  // Since 1.8.8 also "kill ourselves" (a pact: "we're killing ourselves together next week"), not at work,
  // over a project, laughing or slowly, nor what someone else wants "us" to do. Since 1.8.9 a day, a place
  // or a means after it is the pact's ("on friday", "with pills", "in the garage", "by jumping").
  // 1.8.36 (second review): "blow my … brains out" followed by an activity ("… studying for this exam") is not read, as for
  // "kill ourselves"; a condition after it ("… if this printer jams again") still reads, as "kill myself if …" does.
  { code: 'ideation.kill_myself', anchors: ['kil', 'k1l', 'kms', 'k', 'blow'], kind: 'ideation', category: 'suicide', level: 3, subject: 'self', hyperbole: true,
    re: `\\b${KILL}(?:ing|ed|s)? ?${SELF}|\\b(?:kill|killing)(?<=\\b(?:i'?m|im|i am|want to|wanna|going to|gonna|about to) (?:kill|killing)) mystic\\b(?![^.!?\\n]{0,60}?\\b(?:gyms?|teams?|raids?|valor|instinct|pok[eé]mon|pogo|trainers?|battles?|lobby|lure|in go)\\b)|\\b(?:kill|killing|k1ll) ?our ?sel(?:ves|fs)\\b(?<!\\b(?:wants?|wanted|wanting|expects?|expected|tells?|told|telling|makes?|made|making|forces?|forced|drives?|driving|drove|push(?:es|ed|ing)?|would rather|rather) us to (?:[a-z]+ ){0,4}(?:kill|killing|k1ll) ?our ?sel(?:ves|fs))(?! ?(?:at(?! (?:the (?:lake|river|bridge|beach|cliffs?|tracks|station|quarry)|midnight|dawn|\\d)\\b)|over|with(?! (?:(?:a|the|his|her|my|our|their|some|enough|all) )?(?:\\w+['’]?s )?(?:pills|tablets|meds|rope|noose|guns?|knife|charcoal|helium|exhaust fumes|bleach)\\b)|for|to(?! be together\\b)|on(?! (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|new years?(?: eve| day)?|christmas|(?:my|our|his|her|their) (?:birthday|anniversary)|the (?:\\d+\\w*|bridge|tracks|train tracks|roof))\\b)|in(?! the (?:garage|car|woods|forest|river|lake|sea|bath)\\b)|laughing|trying|working|studying|doing|getting|running|training|by(?! (?:jumping|hanging|overdos\\w*|drowning|taking|shooting|crashing|cutting|gassing)\\b)|just|slowly|here|out)\\b)|\\bblow(?:ing)? (?:out )?my (?:own |fucking |fuckin |fking |f\\*{1,4}(?:ing|in|king|kin) |fricking |freaking |frickin |freakin |effing |damn |goddamn |god damn |stupid )?brains?(?: out)?\\b(?! ?(?:out )?(?:studying|laughing|revising|cramming)\\b)|\\bkms\\b|\\bk m s\\b|\\bkmsl?\\b` },
  { code: 'ideation.unalive', anchors: ['unal', 'un', 'aliv', 'sewe', 'sooi', 'self', 'ctb', 'catc', 'off', 'dele'], kind: 'ideation', category: 'suicide', level: 3,
    re: `\\bun ?-?aliv(?:e|ing|ed)(?: ?${SELF}| me)?|\\bsewer ?slide|\\bsewerslid\\w*|\\bsooicide|\\bself ?-?delet(?:e|ion|ing)|\\bctb\\b|\\bcatch(?:ing)? the bus\\b(?= ?(?:tonight|soon|forever|for good|early|permanently))|\\bself ?-?unaliv\\w*|\\b(?:want|wanna|going|gonna|about|ready|trying|decided) (?:to )?(?:off|delete) ${SELF}\\b|\\boff(?:ing|ed) ${SELF}\\b` },
  { code: 'ideation.end_life', anchors: ['end', 'take', 'taki', 'took'], kind: 'ideation', category: 'suicide', level: 3, subject: 'self',
    re: `\\b(?:end|ending|take|taking|took) (?:my|this) (?:own |fucking |stupid |miserable |pathetic )?life\\b|\\bend(?:ing)? our (?:own )?lives\\b|\\bend(?:ing)? ${SELF}\\b|\\bend(?:ing)? it all\\b|\\bend(?:ing)? everything\\b|\\bend(?:ing)? it\\b(?= ?(?:tonight|today|now|soon|for good|forever|once and for all|already|right now|this (?:week|weekend)|tomorrow|together|tmrw|tonite|2night|(?:on |this |next )?(?:mon|tues|wednes|thurs|fri|satur|sun)day\\b|\\.|!|$))|\\b(?:want|wanna|going|gonna|ready|time|decided|plan(?:ning)?|go) (?:to )?(?:just )?end it\\b` },
  { code: 'ideation.suicidal', anchors: ['sui', 'suc', 'sua', 'su1'], kind: 'ideation', category: 'suicide', level: 3,
    re: '\\bsu[i1]c[i1]d(?:al|ality|e)\\b|\\bsuicid\\w*|\\bsucidal\\b|\\bsuisidal\\b|\\bsuacidal\\b|\\bsu(?:cide|cuide|icde|iside)\\b|\\bsucuid\\w*' },
  { code: 'ideation.want_die', anchors: ['die', 'dead'], kind: 'ideation', category: 'suicide', level: 3, hyperbole: true,
    re: "\\b(?:want|wanna|wana|wants|wanted|wanting|ready|need|plan|planning|deserve|deserves|longing|desire|urge|urges|should|might as well|could|free) (?:to |2 )?(?:just |fucking |really |so |simply |finally )*(?:die|be dead)(?!t\\b|ting|ter|sel|s\\b|-)(?! (?:cast(?:s|ing)?\\b|for(?! (?:fuck|fucks|fucking|god|gods|christ|real|good|once|sure)\\b)|of|from|laughing|on that hill|on this hill|inside|happy|old|young|in (?:my|your) sleep someday|(?<=(?:want|wanna|wana|wants|wanted|wanting|need|plan|planning) (?:to |2 )?(?:just |really |so |finally )*die) (?:my|her|his|your|our|the) (?:hair|roots)\\b (?:pink|blue|red|green|purple|black|blonde|blond|brown|white|silver|grey|gray|orange|yellow|teal|lilac|lavender|platinum|ginger|auburn|copper|burgundy|violet|turquoise|rainbow|pastel|neon|bright|dark|darker|light|lighter)\\b(?! (?:and|then|so|for|like|because|cause|cuz|before|at|to)\\b)))" },
  // A plea to be killed is at least a wish to be dead (C-SSRS 1), whoever it is said to ("i m begging
  // you pls kill me": the "you" is who hears it, see `plea`); a mundane cause in the sentence ("pls
  // kill me, this meeting is endless") reads as an idiom (screen.ts), and the rule never reaches 3 alone.
  { code: 'ideation.kill_me', anchors: ['kil', 'k1l'], kind: 'ideation', category: 'suicide', level: 2, hyperbole: true, plea: true,
    re: `\\b(?:someone|somebody|some1|god|please|pls|plz|plez|(?<!\\b(?:will|'ll|ll|would|'d|gonna|going to|gon|gunna) )just|beg(?:ging)? (?:you|u)) (?:please |pls |plz |just |already |now |to )*${KILL} me\\b|\\bi (?:just )?(?:want|need|wish|beg) (?:someone|somebody|something|god|anyone|you|u) (?:would |could |to )(?:just )?${KILL} me` },

  // --- passive ideation ----------------------------------------------------------------
  { code: 'passive.wish_dead', anchors: ['wish', 'pray', 'let', 'hope', 'hopi'], kind: 'ideation', category: 'suicide', level: 2,
    re: "\\bwish(?:ed|ing)? (?:that )?(?:i|id|i'd) (?:was|were|could be|would be|'d be|be) (?:just )?(?:dead|gone|never born|not alive|not here(?! (?:at|in) (?:work|school|class|college|uni|the office|this (?:meeting|class|lecture|queue|shop))\\b)|asleep forever)|\\bwish(?:ed|ing)? (?:that )?(?:i|id|i'd) (?:could |would |will )?(?:just )?(?:die|disappear|stop existing|cease to exist|not exist|vanish|never wake up)|\\bwish(?:ed|ing)? (?:i|id|i'd) (?:had )?never (?:been born|existed|woke up)|\\bwish(?:ing)? (?:for )?death\\b|\\bpray(?:ing)? (?:for death|to die|i die|i don't wake up)|\\blet me die\\b|\\b(?:hope|hoping|wish|pray(?:ing)?) (?:that )?(?:today|tonight|this) (?:is|will be|'s) my last (?:day|night)(?: on (?:this )?earth| alive| ever|(?= ?(?:\\.|!|$)))|\\bwish(?:ed|ing)? (?:that )?(?:i|id|i'd) (?:didn't|did not) exist\\b|\\b(?:hope|hoping|wish|pray(?:ing)?) (?:that )?i (?:get|got|would get|'d get|will get) (?:hit|run over) by (?:a |the )?(?:car|bus|truck|train|lorry)\\b" },
  // 1.8.17: death spoken of with indifference ("i wouldn't mind if i died", "i don't care if i die"). Anchored on the death
  // words, not on "mind" / "care" (everyday words).
  { code: 'passive.indifferent', anchors: ['die', 'dead', 'dyin', 'wak', 'woke', 'surv'], kind: 'ideation', category: 'suicide', level: 2,
    re: "\\b(?:wouldn't|would not) (?:really |even )?mind (?:if i (?:died|was dead|were dead|didn't wake up|never woke up)|dying|being dead|not waking up)\\b(?= ?(?:[.!?,;\\n]|$|tbh|honestly|tonight|anymore|in my sleep|at this point|to be honest))|\\b(?:don't|do not) (?:even |really )?care (?:any ?more )?(?:if|whether) i (?:live or die|die|wake up|survive)\\b(?! (?:of|from|laughing|trying|on)\\b)|\\b(?:idc|idgaf|i (?:don't|do not) give a (?:fuck|fck|f|shit|damn)) (?:any ?more )?(?:if|whether) i (?:live or die|die|wake up|survive)\\b(?! (?:of|from|laughing|trying|on|(?:my|your|her|his|their|the) (?:hair|clothes|nails|shirt|jeans))\\b)" },
  { code: 'passive.not_wake', anchors: ['wak', 'slee', 'asle'], kind: 'ideation', category: 'suicide', level: 2,
    re: "\\b(?:don't|dont|do not|never|not) (?:ever )?(?:want|wanna|wish) (?:to )?wake up\\b|\\b(?:hope|hoping|wish|pray|praying) (?:that )?(?:i|id|i'd) (?:don't|dont|won't|wont|never|wouldn't|would never|do not|will not|didn't) (?:ever )?wake (?:up)?\\b|\\b(?:go to )?sleep (?:and|&) (?:never|not) wake up|\\basleep (?:and|&) (?:never|not) wake up\\b|\\bsleep forever\\b|\\bnever wake up again\\b|\\b(?:hope|hoping|wish|want|pray(?:ing)?) (?:to not|not to|to never|never to) wake(?: up)?\\b(?! (?:up|the|my|your|his|her|him|them|anyone|everyone|everybody|people|you|us|early|late|before|in time))|\\bnot wak(?:e|ing) up (?:tomorrow|again|in the morning)|\\b(?:i won'?t|i will not|i'?m not going to|im not going to|i am not going to|i'?m not gonna|im not gonna) wake up (?:tomorrow|again|ever again|in the morning)\\b(?! ?(?:morning|early|late|in time|on time|before|until|till|til|at|for|if|unless|when|without|with|to|sick|feeling|the|my|your|his|her|him|them|us|anyone|everyone|you)\\b)(?![^.!?\\n]{0,40}\\b(?:alarm|sleep(?:ing)? in|lie-?in|lay in|noon|early|late|in time|on time|day off|hangover|hungover|nap|stayed up|all-?nighter|up (?:till|until|til) \\d)\\b)|\\bhopefully (?:i )?(?:don'?t|do not|won'?t|will not|never) (?:ever )?wake up\\b(?! ?(?:morning|early|late|in time|on time|before|until|till|til|at|for|if|unless|when|without|with|to|sick|feeling|the|my|your|his|her|him|them|us|anyone|everyone|you)\\b)(?![^.!?\\n]{0,40}\\b(?:alarm|sleep(?:ing)? in|lie-?in|lay in|noon|early|late|in time|on time|day off|hangover|hungover|nap|stayed up|all-?nighter|up (?:till|until|til) \\d)\\b)|\\b(?:wish|wishing|hope|hoping) (?:that )?(?:i|id|i'd) (?:didn't|did not|wouldn't|would not|never) (?:have|had|need|needed) to wake up\\b(?=(?: ?(?:again|anymore|any more|ever again))? ?(?:[.!?;,]|$|and\\b|but\\b|because\\b))" },
  { code: 'passive.not_live', anchors: ['liv', 'life', 'aliv', 'exis', 'here', 'go', 'keep', 'arou', 'cont', 'stay', 'ever', 'take', 'anym'], kind: 'ideation', category: 'suicide', level: 2,
    re: "\\b(?:don't|dont|do not|no longer|never|not|doesn't|dosent|dont really) (?:really |even |just )?(?:want|wanna|wish|feel like|care) (?:to )?(?:live|living|be alive|exist|existing|be here|go on|keep going|be around|continue|stay alive)(?: anymore| any more| no more)?\\b(?! (?:in|on) (?:this|the|that|a|my|our|your) (?:group ?chat|gc|chat|server|discord|thread|conversation|fandom|timeline)\\b)|\\b(?:tired|sick|done|exhausted|weary) (?:of|with) (?:living|being alive|life|existing|my life|this life|everything)\\b(?! (?:in|at|near) (?:this|the|a|my) (?:city|town|apartment|flat|dorm|neighbou?rhood|suburbs?)\\b)|\\bnot (?:be|being) (?:here|alive|around) (?:anymore|any more|no more|tomorrow)|\\b(?:can't|cant|cannot) (?:go on|keep going|do (?:this|it|life) anymore|live like this|keep living|take (?:it|this|life) anymore)\\b" },
  { code: 'passive.no_reason', anchors: ['reas', 'poin', 'purp', 'will', 'wort', 'liv', 'dese', 'die'], kind: 'ideation', category: 'suicide', level: 2,
    re: "\\b(?:no|nothing to|zero|not a single|lost (?:my|all|every)) (?:reason|point|purpose|will) (?:to|in|of|for) (?:live|living|life|go on|going on|being alive|keep going|stay alive|be here|exist)|\\b(?:what'?s|what is|whats) the point (?:of|in) (?:living|life|being alive|going on|existing|anything|it all|trying|even (?:living|trying))|\\blife (?:really |just |simply |honestly )?(?:isn't|is not|aint|ain't|isnt) worth (?:living|it)|\\bnot worth living\\b|\\bno will to live\\b|\\b(?:losing|lost|lose) (?:my |the |a |all )?(?:will|desire) to live\\b|\\b(?:don't|dont|do not|can't|cant|cannot) (?:have|see|find|think of) (?:a|any|one|a single) (?:single |good )?reason (?:to|for) (?:live|living|continue(?: living| on)?|keep (?:going|living)|go on|going on|stay alive|be alive|be here|wake up)\\b|\\bno (?:\\w{1,24} (?:or|and) )?reason (?:left )?to (?:continue|carry on|keep living|keep going)\\b(?! (?:with|to|the|this|my|our|working|studying))|\\bdon't deserve to (?:live|be alive|exist)|\\bdeserve to die\\b|\\b(?:don't|do not|doesn't|does not|can't|cannot) (?:really |even )?see (?:the|a|any) point (?:in|of) (?:living|life|being alive|going on|existing|staying alive)\\b" },
  { code: 'passive.better_off', anchors: ['bett', 'happ', 'miss', 'noti', 'care', 'mour', 'disa', 'vani', 'exis', 'gone', 'fade', 'slee', 'stop', 'end', 'over', 'rath', 'deat', 'long', 'welc', 'read', 'dyin'], kind: 'ideation', category: 'suicide', level: 2,
    re: "\\b(?:better off|happier|better off and (?:much )?happier|(?:a )?better life) without me\\b(?= ?(?:\\.|,|!|\\?|;|$|around|there|in (?:it|their|the world|this world)|anyway|honestly))|\\bwould be better if i (?:just )?(?:died|was dead|were dead|was gone|were gone|wasn't here|wasn't around)\\b|\\bbetter off (?:just |ultimately |honestly |really |probably |definitely |truly |simply |all )?(?:dead|without me|if i (?:was|were|wasn't|weren't|died|was gone|were gone|never)|if i'm gone|gone)|\\b(?:no ?one|nobody) (?:would|will|'d|wud) (?:even )?(?:miss|notice|care|mourn)(?: me| if i|(?= ?(?:\\.|!|$)))|\\b(?:want|wanna|wish|need) (?:to )?(?:just )?(?:disappear|vanish|stop existing|not exist|cease to exist|be gone|fade away|go to sleep forever)(?: forever| for good| from this world)?\\b|\\bstop (?:existing|breathing)\\b(?= ?(?:forever|for good|please|\\.|$))|\\b(?:want|wish|need) (?:it|this|everything|the pain|life) (?:all )?(?:to|would) (?:end|stop|be over)\\b|\\bi'?d rather (?:be dead|not exist|not be alive)\\b|\\b(?:death|dying) (?:just |really )?(?:would|will|seems|sounds) (?:just )?(?:be )?(?:a relief|easier|better|peaceful|like a relief|nice|so nice|right|appealing|tempting)|\\blonging for death\\b|\\bwelcome death\\b|\\bready to go\\b(?= ?(?:forever|for good|now|\\.|$))" },
  { code: 'passive.nothing_to_live_for', anchors: ['what', 'why', 'liv', 'life', 'reas', 'poin', 'born', 'aliv', 'here', 'wast', 'will', 'unwi', 'end', 'easy', 'way', 'keep', 'tire', 'dead', 'die', 'over', 'exis'], kind: 'ideation', category: 'suicide', level: 2,
    re: "\\bnothing (?:left )?(?:to|worth) liv(?:e|ing) for\\b|\\bwhat (?:else )?(?:should|do|would|can) i (?:even |still )?live for\\b|\\bwhat am i (?:even |still )?living for\\b|\\bwhy (?:even )?bother (?:with )?living\\b|\\b(?:given|give|gave|giving) up on (?:life|living|being alive|myself and life)\\b|\\b(?:a |any )?reason to stay\\b|\\bpoint in staying\\b|\\bwhy (?:was|am) i (?:even |ever )?(?:born|alive|still here|still alive)\\b|\\bwaste of (?:space|oxygen|air|a life|skin)\\b|\\b(?:not willing|unwilling) to (?:live|go on)\\b|\\b(?:my )?life (?:might as well|should|could|may as well) (?:just )?end\\b|\\b(?:the |an )?easy way out\\b|\\btake the easy way\\b|\\b(?:only|last) way out\\b|\\b(?:can't|cant|cannot|can not) keep (?:doing this|going|living|fighting|on living)\\b|\\btired of fighting\\b|\\b(?:soon )?i(?:'ll| will) be dead\\b|\\bbe dead (?:by|before) (?:tomorrow|morning|tonight|next|the end)|\\b(?:hope|hoping) i die\\b|\\b(?:hope|hoping|wish) i (?:get|catch) (?:\\w{1,24} ){1,2}and die\\b(?! (?:of|from|laughing|happy|inside|old))|\\bhopefully i (?:just )?die\\b(?! (?:(?:of|from) (?:laughter|laughing|embarrassment|boredom|cringe|happiness|excitement|cuteness|shame|old age|natural causes)|laughing|happy|inside|old|peacefully at)\\b)|\\bi should(?:'ve| have) (?:just )?died\\b(?! (?:of|from|laughing|inside))|\\b(?:want|wish|ready) (?:for )?(?:it|this|my life|life) to (?:be )?over\\b|\\b(?:i'?d|would) be better off if i (?:didn't|did not|never) exist" },
  { code: 'passive.thinks_of_death', anchors: ['dyin', 'deat', 'dead', 'endi', 'here', 'exis', 'disa', 'jump', 'thin', 'thou', 'obse', 'fant', 'cont'], kind: 'ideation', category: 'suicide', level: 2,
    re: "\\b(?:think|thinking|thought|thoughts|obsess(?:ed|ing)?|fantasi[sz](?:e|ing)) (?:about|of) (?:dying|death|my death|being dead|ending it|not being here|not existing|disappearing forever)\\b|\\b(?:thinking|thought|thoughts|obsess(?:ed|ing)?|fantasi[sz]ing) (?:about|of|with) jumping\\b(?= ?(?:off|from|in front|\\.|,|!|$))|\\b(?:death|dying) (?:is|has been|was) (?:always |constantly |all )?on my mind\\b|\\bcontemplat(?:e|es|ed|ing) (?:just |simply )?jumping in front of\\b" },
  { code: 'passive.wants_out', anchors: ['life', 'livi', 'exis', 'deat', 'wish', 'time', 'gone', 'worl', 'die', 'hang', 'hold', 'poin', 'long', 'thin', 'affo', 'mean', 'plan', 'dead', 'hope', 'hopi', 'towel', 'bein', 'why', 'forw', 'dyin'], kind: 'ideation', category: 'suicide', level: 2, hyperbole: true,
    re: "\\b(?:want|wanna|need) (?:to )?(?:get )?out of (?:this )?(?:life|living|this world|existence)\\b|\\b(?:i )?(?:just |really )?want death\\b|\\bwish(?:ed|ing)? (?:that )?(?:i|id|i'd) (?:wasn't|wasnt|weren't|werent|was not|were not) (?:here(?= ?(?:anymore|any more|no more|\\.|,|!|$))|around(?= ?(?:anymore|any more|no more|so (?!much|often|many|long|late)|because|sometimes|\\.|,|!|$))|alive|born)|\\b(?:it's|its) my time to go\\b|\\b(?:sorry|miss me|be happier|be better off) when i'?m gone\\b(?! (?:on (?:(?:a |my |the |our |your |this |that |their |his |her )?(?:\\w+ )?(?:holiday|holidays|vacation|trip|tour|honeymoon|break|cruise|business|leave|course|camp|retreat|visit|deployment|mission|shift|errands?))|to (?:work|uni|school|college|class|camp|the (?:shops?|store|gym|office|beach|airport)|my (?:job|shift|mum'?s|mom'?s|dad'?s)|\\w+ for)|for (?:the |a |two |three |a few |a couple of )?(?:weekend|week|weeks|day|days|night|nights|month|months|summer|holidays?|trip|work|business|shift)|away (?:on|for|at)|abroad|travell?ing|on tour)\\b)|\\bno (?:place|room|space) for me in (?:this|the) world\\b|\\bgive up and die\\b|\\bwhy not just die\\b|\\bwish (?:someone|somebody|a (?:car|bus|truck|train)) would (?:just )?(?:push me (?:in front of|off)|run me over|hit me|shoot me|kill me)\\b|\\bbeing dead (?:is|would be|seems|sounds) (?:so |much |way |a lot |far )?(?:better|easier|preferable|nicer)\\b|\\b(?:hope|hoping) (?:(?:it|this) (?:can |will )?all |(?:everything|it all) (?:can |will )?(?:all )?)(?:finally )?be over\\b(?= ?(?:soon|now|forever|for good|\\.|,|!|$))|\\bthrow(?:ing)? in the towel (?:on|with) (?:life|living|everything|it all)\\b|\\b(?:can't|cant|cannot) afford to live (?:anymore|any more)\\b|\\bnot meant to (?:exist|be alive|be here|live)\\b|\\b(?:don't|dont|do not) plan on (?:living|being (?:alive|around|here)) (?:much longer|past|more than|beyond|for long)\\b|\\bwhy (?:can't|cant|cannot|won't|wont) (?:i|we) (?:just )?die\\b(?! (?:of|from|laughing|inside))|\\b(?:can|could|may) i (?:please )?(?:just )?die\\b(?! (?:of|from|laughing|inside|in peace (?:at|when)|happy|old))(?! for)|\\b(?:can't|cant|cannot|can no longer|could no longer) (?:hang on|hold on) (?:any longer|anymore|any more|much longer)\\b|\\b(?:what's|what is|whats) the point (?:of|in) (?:staying alive|being here|waking up|carrying on|staying(?= ?(?:[.!?]|$|here|around|in this world|on this earth)))\\b|\\bcan no longer (?:go on|live|keep going|do this|take it)\\b|\\b(?:want|wanted|wanna|going|gonna|ready|decided|plan|planning) (?:to )?(?:just )?end things\\b(?! (?:with|between|off|on))|\\bforward(?<=\\blooking forward) to (?:dying|death|being dead|my death|the day i die)\\b(?! (?:metal|my|the|her|his|their|your|them|hair|eggs|clothes|shirts?)\\b)|\\b(?:death|dying)(?: really| honestly| just)? (?:is|seems(?: like)?|feels like|looks like|sounds like) (?:the|my) (?:only|last|best) (?:option|answer|solution|way out|choice|escape)\\b" },
  { code: 'passive.rather_die', anchors: ['rath', 'die'], kind: 'ideation', category: 'suicide', level: 1, hyperbole: true,
    re: "\\b(?:would|'d|id) (?:much )?rather die\\b" },
  // A reason or a thing that is all that keeps the writer alive: the wish to be dead is implied.
  { code: 'passive.only_reason', anchors: ['reas', 'thin', 'one'], kind: 'ideation', category: 'suicide', level: 2,
    // Each match starts at "reason" / "thing" (the word before is read behind), so the rule runs only at those words.
    re: `\\b(?:reason|thing)(?<=\\b(?:only|sole|one|main) (?:reason|thing)) (?:why |that )?(?:i'?m|im|i am|i'?ve|i have) (?:still (?:alive|breathing|(?:here|around)(?= ?(?:[.!?;,]|$|is\\b|was\\b|are\\b|and\\b|because\\b|(?:right )?now\\b|today\\b|anymore\\b|alive\\b|in this world\\b|on (?:this )?earth\\b)))|alive|not dead|stayed alive|kept going|hanging on|holding on)\\b|\\b(?:reason|thing)(?<=\\b(?:only|one) (?:reason|thing)) (?:that'?s |that is |thats |that has (?:been )?|is )?(?:keeping|kept|stopping|stopped|holding) me (?:alive|here|from (?:it|doing it|going through with it))\\b|\\bone(?<=\\bonly one) (?:left )?(?:that'?s |that is |thats |who is |who'?s )?(?:keeping|kept|holding) me (?:alive|here)\\b` },
  // Steeling oneself to act ("trying to work up the courage to take the pills"): active ideation,
  // and so is lacking the courage ("I can't find the nerve to end it"): the negation is part of the
  // match, so it does not cancel it. What they would do is read ahead only, so that the words'
  // own rules ("end it all", "kill myself") still match and keep their level.
  { code: 'ideation.courage', anchors: ['coura', 'nerve', 'guts', 'balls', 'brave'], kind: 'ideation', category: 'suicide', level: 3,
    re: `\\b(?:(?:can't|cannot|couldn't|don't|do not|didn't|never|not|lack) (?:even |yet )?)?(?:muster(?:ed|ing)?|work(?:ed|ing)?|build(?:ing)?|built|gather(?:ed|ing)?|get|got|getting|grow(?:n|ing)?|grew|find|found|finding|summon(?:ed|ing)?|have|had|lack|lacking) (?:up )?(?:the |enough |my )?(?:courage|nerve|guts|balls|bravery) to(?= (?:just |finally |actually )?(?:follow through\\b(?! (?:with|on))|fulfil+ my plan|carry out my plan|end (?:it|things)\\b(?! (?:with|between|off))|end (?:my life|myself)|take my (?:own )?life|${KILL} ${SELF}|die\\b|pull the trigger|take the (?:last|final) (?:leap|step)|(?:down|swallow|take) (?:a bottle|the bottle|all (?:of )?(?:the |my |those |these )?(?:\\w{1,24} )?${PILLS}\\b|them all|the pills|my pills|those pills)))` },
  // An attempt weighed or planned, not yet made ("thinking of attempting later"): active ideation.
  { code: 'ideation.attempt_planned', anchors: ['atte'], kind: 'ideation', category: 'suicide', level: 3,
    re: "\\b(?:thinking (?:of|about)|planning (?:on|to)|considering|going to|gonna) attempt(?:ing)?(?: suicide)?(?: (?:again|later|tonight|soon|today|tomorrow|this (?:weekend|week)|next week)){0,2}\\b(?= ?(?:[.!?;,]|$|and\\b|but\\b))|\\battempting (?:again |later |tonight |soon |today )?(?:later|tonight|soon|today)\\b" },
  // Going through with it (an act left unnamed): the writer weighs acting, not only wishing.
  { code: 'ideation.go_through', anchors: ['through'], kind: 'ideation', category: 'suicide', level: 2,
    // Each match starts at "through" (what comes before is read behind), so the rule runs only at that word.
    re: "\\bthrough with it\\b(?<=\\b(?:(?:ever|never|so|this|really|getting) (?:been )?(?:this |so )?close to (?:actually |finally |just )?(?:going|doing)|(?:in case|before) i (?:actually |finally |ever |do |really )?go|(?:night|day|time) to (?:finally |actually |just )?go) through with it)|\\bthrough with (?:it|anything)\\b(?<=\\b(?:prevented|stopped|stopping|keeping|kept) me from (?:actually |finally )?going through with (?:it|anything))" },
  // --- since 1.7.0: ideation in words no rule read yet (studied on the dev fold's misses; 1.7.1
  // removed all but the first below: they raised everyday texts, see README) ---
  // A reason to keep fighting, looked for and not found ("I just wish I could find a reason why I
  // should keep fighting", "struggling to find a reason to keep going"); not "I always find a reason".
  { code: 'passive.no_reason_to_keep', anchors: ['reas'], kind: 'ideation', category: 'suicide', level: 2,
    re: "\\b(?:can't|cant|cannot|can not|couldn't|struggl(?:e|ing) to|hard time|wish i could|trying to|try to|need to|need|give me) (?:even |just )?(?:find|finding|see|think of|come up with|coming up with) (?:a |one |any )?(?:good |single )?reason (?:why )?(?:i )?(?:still )?(?:should )?(?:to )?keep (?:fighting|going|living|bothering|trying|on living)\\b(?! (?:at|with|for|on|in|to|my|this|the)\\b)" },

  // --- since 1.8.24: passive ideation and hopelessness in words no rule read yet (issue #3; families
  // written by the project after grouping the dev fold's misses by pattern, in our own words; each is
  // narrowed so that the everyday use of the same words stays low — see the 1.8.24 groups in screen.test.ts) ---
  // Wishing not to exist, too tired to live, living as too much, hating being alive, a life without meaning.
  { code: 'passive.not_exist', anchors: ['rath', 'pref', 'exis', 'slee', 'asle', 'tire', 'exha', 'livi', 'afra', 'scar', 'terr', 'aliv', 'life', 'live', 'reas', 'shouldn', 'should'], kind: 'ideation', category: 'suicide', level: 2, cancelLeavesModel: true,
    re: "\\b(?:rather|prefer)(?<=\\b(?:i'd|i would)(?: (?:much|just|honestly|really|so much))* (?:rather|prefer)) (?:just |simply |honestly )?(?:not|not to|to not) (?:exist|be alive|have (?:ever )?been born)\\b(?= ?(?:[.!?,;:]|$|anymore|any more|at all|forever|and\\b|but\\b|because\\b|so\\b|tbh|honestly|at this point|right now|these days|some days|most days|sometimes))|\\b(?:tired|exhausted)(?<=\\b(?:too|to) (?:tired|exhausted)) to (?:live|be alive|exist|keep living|go on living|go on|keep going|carry on)(?: (?:anymore|any more|like this|the rest of my life))?(?= ?(?:[.!?,;:]|$|and\\b|but\\b|because\\b|cause\\b|so\\b|i\\b|tbh|honestly))|\\b(?:living|existing)(?<!\\b(?:cost|costs|standard|way|ways|place|conditions|means) of (?:living|existing)) (?:is|gets|has become|became|feels) (?:to be )?(?:just |simply |already )?too (?:much|hard|painful|exhausting)(?= ?(?:[.!?,;:]|$|for me|to bear|anymore|any more|and\\b|but\\b|i\\b|now\\b))|\\balive(?<=\\bbeing alive) (?:is|gets|has become|became|feels) (?:to be )?(?:just |simply |already )?too (?:much|hard|painful|exhausting)\\b|\\b(?:afraid|scared|terrified)(?<=\\bmore (?:afraid|scared|terrified)) of (?:living|life|being alive) than (?:of )?(?:dying|death|being dead)\\b(?![^.!?\\n]{0,30}\\b(?:movies?|films?|games?|shows?|books?|novels?|stor(?:y|ies)|series|anime)\\b)|\\b(?:life|existence)(?<=\\bmy (?:life|existence)) (?:has|holds) (?:no|zero) (?:real )?(?:meaning|purpose)\\b|\\breasons?(?<=\\b(?:fewer|less|harder to (?:see|find)(?: a)?|hard to (?:see|find)(?: a)?) reasons?) (?:i (?:can )?find |i see )?(?:(?:for me )?to (?:live|keep living|keep going|stay alive|be alive)|for living)\\b(?! (?:to|with|at|in|on|for)\\b)|\\b(?:shouldn't|shouldnt)(?<=\\b(?:i|me) (?:shouldn't|shouldnt)) (?:even )?(?:be alive|exist|have been born)\\b(?! (?:in|at|on|after|today|anymore after)\\b)|\\bshould(?:'ve| have|a)(?<=\\bi should(?:'ve| have|a)) (?:just )?never (?:been born|existed)\\b(?= ?(?:[.!?,;:]|$|and\\b|but\\b|because\\b|so\\b|i\\b|tbh|honestly|at all))|\\bshould never have (?:been born|existed)\\b(?<=\\bi should never have (?:been born|existed))(?= ?(?:[.!?,;:]|$|and\\b|but\\b|because\\b|so\\b|i\\b|tbh|honestly|at all))|\\b(?:live|alive|living|exist)\\b(?<=\\b(?:(?:don't|do not) know|not sure|unsure|wondering|idk) (?:if|whether) i (?:even |still |really )?(?:want|wanna) (?:to )?(?:live|be alive|keep living|go on living|exist))(?! (?:in|at|on|with|near|here|there|abroad|alone|together|for)\\b)|\\bliving\\b(?<=\\b(?:is it|if it's|whether it's) (?:even |really )?(?:right|worth it|worth) to keep living)(?= ?(?:[.!?,;:]|$|anymore|any more|at all|tbh|honestly|i\\b|and\\b|but\\b|because\\b|when\\b))|\\b(?:sleep|asleep) (?:and|&) (?:never|not) (?:even|ever) wake up\\b(?! (?:until|till|til|before|at|early|late|for|on time|in time)\\b)" },
  // Leaving this world said as intent with a time ("i'm going to leave this world tonight", "tonight i leave this world"):
  // read at 3 and raised by its time to 4, as other euphemisms with intent; not a trip or a game ("… tonight for a retreat").
  // Since 1.8.25 a later day ("tomorrow", "this weekend", "on friday") raises it as "tonight" does (LEAVE_WORLD_LATER in screen.ts).
  // Since 1.8.26 also with a manner that says it will happen ("i'm going to leave this world quietly", "i won't leave this
  // world without saying goodbye": the negation denies the manner, not the leaving; read in screen.ts), 3 without a time.
  { code: 'ideation.leave_world', anchors: ['worl'], kind: 'ideation', category: 'suicide', level: 3,
    re: "\\bworld(?<=\\b(?:going to|gonna|gunna|will|i'll|ready to|about to|decided to) (?:just |finally |ever )?leave (?:this|the) world)(?<!\\b(?:not|never|no longer|n't|nt|will not|won't|wont) (?:going to|gonna|gunna|ready to|about to|decided to) (?:just |finally |ever )?leave (?:this|the) world) " + LEAVE_WORLD_MANNER + "(?![^\\n]{0,100}" + LEAVE_WORLD_DEFIANT + ")(?<!" + LEAVE_WORLD_DEFIANT + "[^\\n]{0,100})(?![^.!?\\n]{0,60}\\b(?:minecraft|server|seed|saves?|games?|realms?|maps?|builds?|mods?)\\b)|" +
      "\\bworld(?<=\\b(?:going to|gonna|gunna|won't|wont|will not) (?:just |finally |ever )?leave (?:this|the) world) " + LEAVE_WORLD_GOODBYE + "(?![^\\n]{0,100}" + LEAVE_WORLD_DEFIANT + ")(?<!" + LEAVE_WORLD_DEFIANT + "[^\\n]{0,100})(?![^.!?\\n]{0,60}\\b(?:minecraft|server|seed|saves?|games?|realms?|maps?|builds?|mods?)\\b)|" +
      "\\bworld(?<=\\b(?:going to|gonna|gunna|decided to|ready to|plan to|planning to|about to|will|i'll) (?:just |finally )?leave (?:this|the) world) (?:tonight|today|tomorrow|tmrw|this weekend|(?:on |this )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))\\b(?! (?:for|to|on|with|and (?:go|travel|start))\\b)(?![^.!?\\n]{0,60}\\b(?:minecraft|server|seed|saves?|games?|realms?|maps?|builds?|mods?)\\b)|\\bworld(?<=\\b(?:tonight|today|tomorrow|tmrw|this weekend|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)) i (?:will |'ll |am going to |'m going to |am gonna |'m gonna )?(?:just |finally )?leave (?:this|the) world)(?= ?(?:[.!?,;:]|$|and\\b|but\\b|forever|for good))(?![^.!?\\n]{0,60}\\b(?:minecraft|server|seed|saves?|games?|realms?|maps?|builds?|mods?)\\b)" },
  // Not expecting to live past a time, days of life left, leaving this world at a time, euthanasia wished for oneself.
  { code: 'passive.no_future', anchors: ['won', 'wont', 'last', 'surv', 'live', 'past', 'livi', 'aliv', 'life', 'worl', 'euth', 'perm'], kind: 'ideation', category: 'suicide', level: 2, cancelLeavesModel: true,
    re: "\\b(?:won't|wont|last|live|survive)(?<=\\bi (?:(?:probably|prolly|prob|just|really|definitely|honestly|already know i) )?(?:won't|wont)|\\b(?:(?:don't|do not) think|not sure|doubt) i(?:'ll| will)? (?:last|live|survive)) (?:(?:last|live|survive) )?(?:much longer|long|another (?:year|month|week))(?= ?(?:[.!?,;:]|$|and\\b|but\\b|because\\b|cause\\b|so\\b|i\\b|tbh|honestly))(?![^.!?\\n]{0,40}\\bbut (?:here i am|i'm still here|i did|i made it|i'm fine|i'm ok))(?![^.!?\\n]{0,60}\\b(?:jobs?|work|working|shifts?|boss|manager|rent|salary|pay|paycheck|paid|money|bills|finals|exams?|semester|homework|heat|city|economy)\\b)(?<!\\b(?:jobs?|work|working|shifts?|boss|manager|rent|salary|pay|paycheck|paid|money|bills|finals|exams?|semester|homework|heat|city|economy)\\b[^.!?\\n]{0,60})|\\bpast (?:(?:this|the|next|another|my) )?(?:week|weekend|month|year|night|tonight|today|summer|winter|christmas|birthday)\\b(?! (?:without|unless)\\b)(?<=\\b(?:(?:(?:(?:don't|do not) (?:know|think)|not sure|no idea|idk|unsure)(?: if| whether)? i(?:'ll| will| can| could| would)?)|(?:i'm|i am) not (?:gonna|going to)) (?:make it|survive|live|last) past (?:(?:this|the|next|another|my) )?(?:week|weekend|month|year|night|tonight|today|summer|winter|christmas|birthday))(?![^.!?\\n]{0,60}\\b(?:jobs?|work|working|shifts?|boss|manager|rent|salary|pay|paycheck|paid|money|bills|finals|exams?|semester|homework|heat|city|economy|part(?:y|ies)|concerts?|(?:the|this|that|our|their|a) games?|lol|lmao|haha\\w*)\\b)(?<!\\b(?:jobs?|work|working|shifts?|boss|manager|rent|salary|pay|paycheck|paid|money|bills|finals|exams?|semester|homework|heat|city|economy)\\b[^.!?\\n]{0,60})|\\b(?:won't|wont|can't|cant|cannot)(?<=\\bi (?:won't|wont|can't|cant|cannot)) (?:make it|survive|live|last) past (?:(?:this|the|next|another|my) )?(?:week|weekend|month|year|night|tonight|today|summer|winter|christmas|birthday)\\b(?! (?:without|unless)\\b)(?![^.!?\\n]{0,60}\\b(?:jobs?|work|working|shifts?|boss|manager|rent|salary|pay|paycheck|paid|money|bills|finals|exams?|semester|homework|heat|city|economy|part(?:y|ies)|concerts?|(?:the|this|that|our|their|a) games?|lol|lmao|haha\\w*)\\b)(?<!\\b(?:jobs?|work|working|shifts?|boss|manager|rent|salary|pay|paycheck|paid|money|bills|finals|exams?|semester|homework|heat|city|economy)\\b[^.!?\\n]{0,60})|\\b(?:living|alive)(?<=\\b(?:can't|cannot|can not|don't|do not|couldn't) (?:see|imagine|picture) (?:myself |me )?(?:living|alive|being alive)) (?:past|beyond|to|to see) (?:(?:1[3-9]|2\\d|3\\d)\\b|(?:this|the|next|another|my next) (?:week|weekend|month|year|summer|winter|christmas|birthday)\\b)(?![^.!?\\n]{0,60}\\b(?:jobs?|work|working|shifts?|boss|manager|rent|salary|pay|paycheck|paid|money|bills|finals|exams?|semester|homework|heat|city|economy)\\b)(?<!\\b(?:jobs?|work|working|shifts?|boss|manager|rent|salary|pay|paycheck|paid|money|bills|finals|exams?|semester|homework|heat|city|economy)\\b[^.!?\\n]{0,60})|\\b(?:living|alive)(?<=\\b(?:can't|cannot|can not|don't|do not|couldn't) (?:see|imagine|picture) (?:myself |me )?(?:living|alive|being alive)) (?:much longer|another (?:year|month|week)|(?:in|for|into|through) the next (?:few |couple (?:of )?)?(?:days|weeks|months|years|year|month))\\b|\\blife left\\b(?<=\\bi(?:'ve got| have|'ve| got) (?:exactly |only |just |about |maybe )?(?:\\d+|a few|two|three|four|five|six|seven|ten) (?:more )?(?:days|weeks|months) of (?:my )?life left)(?= ?(?:[.!?,;:]|$|and\\b|but\\b|i\\b|tbh|honestly))|\\bworld(?<=\\b(?:leave|leaving) (?:this|the) world) (?:tonight|today|tomorrow|soon|for good|forever)\\b(?! (?:for|to|on|with)\\b)(?![^.!?\\n]{0,60}\\b(?:minecraft|server|seed|saves?|games?|realms?|maps?|builds?|mods?)\\b)|\\bworld(?<=\\b(?:want|wanna|ready|going|gonna|decided|plan|planning|need|time) (?:to )?(?:just )?leave (?:this|the) world)(?= ?(?:[.!?,;:]|$|and\\b|but\\b|because\\b|so\\b|behind\\b(?![^.!?\\n]{0,60}\\b(?:travel\\w*|trips?|camping|camp|holidays?|vacation|retreat|detox|hik(?:e|ing)|backpack\\w*|cruise|(?:for|in) (?:a|an|the|one|two|three|\\d+) (?:weeks?|days?|months?|years?|weekends?|while))\\b)))(?![^.!?\\n]{0,60}\\b(?:minecraft|server|seed|saves?|games?|realms?|maps?|builds?|mods?)\\b)|\\beuthanasia\\b(?<=\\bi(?:'m| am)? (?:(?:just|really|honestly|seriously|would|'d|want to|wanna|need to|have to|going to|gonna|will|'ll|could|can) )*(?:wish for|want|need|hope for|apply for|applying for|sign up for|signing up for|qualify for|ask for|asking for|get|have access to) (?:(?:voluntary|assisted|legal) )?euthanasia)(?! (?:for|of) (?:my|our|the|his|her|their|a|an|people|others|everyone|pets?|animals?)\\b)(?! (?:laws?|legali[sz]\\w*|legislation|debate|bills?|rights?|to be (?:legal|legali[sz]ed))\\b)|\\beuthanasia (?:was|were) (?:legal|a thing|an option|available|allowed)\\b(?<=\\bwish (?:(?:voluntary|assisted|legal) )?euthanasia (?:was|were) (?:legal|a thing|an option|available|allowed))(?![^.!?\\n]{0,60}\\b(?:for (?:people|others|those|patients|him|her|them|my|our|his|their|everyone|pets?|animals?)|suffered|(?:he|she|they) suffer\\w*|(?:my|our) (?:grand\\w*|gran|nan|nana|dog|cat|pet))\\b)|\\beuthanasia(?= (?:else|otherwise|or) i(?:'d| would| will)\\b)|\\bpermanent (?:rest|sleep)\\b(?<=\\b(?:ask|asking|asked|want|wanna|need|long|longing|wish|pray|praying|beg|begging) (?:\\w{1,12} )?for (?:a |the )?permanent (?:rest|sleep))" },
  // One's death unnoticed or a relief to others ("who would care if I died", "my death would make their lives easier").
  { code: 'passive.unmissed', anchors: ['died', 'die', 'disa', 'vani', 'gone', 'dead', 'deat', 'noth'], kind: 'ideation', category: 'suicide', level: 2, cancelLeavesModel: true,
    re: "\\b(?:died|die|disappeared|vanished|gone|dead)(?<=\\b(?:who|anyone|anybody|would (?:anyone|anybody|people|ppl|they)|will (?:anyone|anybody|people|ppl)) (?:(?:would|will|'d|even|really|actually|ever) )*(?:care|notice|cry|mourn|miss me|come to my funeral) (?:if|when) i (?:died|die|disappeared|vanished|was gone|were gone|was dead))(?! (?:of|from|laughing|in (?:a|the|this) (?:game|movie|book|show|dream))\\b)|\\b(?:died|die|was gone|was dead)(?<=\\bwho (?:even |really )?cares (?:if|when) i (?:died|die|was gone|was dead))(?= ?(?:[.!?,;:]|$|tbh|honestly|anyway|anyways|tomorrow|tonight|right now))|\\b(?:die|died|gone)(?<=\\bnothing (?:would|will|is going to|is gonna|gonna) (?:change|be different) (?:if|when|after|once) i (?:die|died|am gone|'m gone|was gone))\\b|\\bnothing (?:would|will|is going to|is gonna|gonna) (?:change|be different) (?:if|when|after|once) i (?:wasn't|weren't|was not|were not) (?:here|around|alive)\\b(?= ?(?:[.!?,;:]|$|anymore|any more|and\\b|but\\b|tbh|honestly))|\\bdeath(?<=\\bmy death) (?:would|will|could|might) (?:(?:only|actually|honestly|really|just|probably) )?(?:improve (?:their|everyone's|everybody's|the lives|my family's|my parents')|help (?:them|everyone|everybody|my family)|make (?:[\\w'’]{1,16} ){1,3}(?:better|easier|happier)|be (?:a relief|a gift|for the best|a blessing|doing (?:them|everyone|everybody) a favou?r))" },

  // Hating being alive, being alive or born called a mistake ("I hate that I'm still alive", "me being born was a
  // mistake"); often a joke among teenagers, so a laugh beside it lowers it (hyperbole).
  { code: 'passive.hates_being_alive', anchors: ['mist', 'aliv', 'exis'], kind: 'ideation', category: 'suicide', level: 2, hyperbole: true, cancelLeavesModel: true,
    re: "\\balive\\b(?<=\\bhate (?:(?:still )?bein[g']? (?:still )?|that i(?:'m| am) (?:still )?|the fact (?:that )?i(?:'m| am) (?:still )?)alive)(?! (?:at|before|during|on|when|whenever|as (?:a|an|the)|in this(?! (?:world|life|body|family|house|state|condition)\\b)|in the (?:morning|mornings|summer|winter|heat|cold))\\b)|\\b(?:existence|existance)\\b(?<=\\bhate my (?:own )?(?:existence|existance))(?! (?:at|before|during|on|when|whenever|as (?:a|an|the)|in this(?! (?:world|life|body|family|house|state|condition)\\b)|in the (?:morning|mornings|summer|winter|heat|cold))\\b)|\\bexisting\\b(?<=\\bi (?:just |really |honestly |fucking |so )?hate (?:just )?existing)(?= ?(?:[.!?,;:]|$|and\\b|but\\b|so\\b|i\\b|tbh|honestly|anymore|any more|so much))|\\bmistake\\b(?<=\\b(?:(?:my |me )?being (?:alive|born)(?: this long)?|my existence) (?:is|was) (?:a |one big |such a |the biggest |just a )?mistake)(?![^.!?\\n]{0,40}\\b(?:jok\\w*|kidding|teas\\w*)\\b)" },

  // --- 1.8.29: further ways of writing ideation, read off families of the dev fold's misses and written in the project's
  // own words (see "What 1.8.29 changed" in README.md; unit cases: the 1.8.29 groups in screen.test.ts) ---
  // "What's the point" with a swear or "anymore" said of life itself: "what's the fucking point of living", "what is the
  // point anymore." at the end of a clause. Not after a game, a team, a show, a class, a diet, a vote… in the sentence.
  { code: 'passive.what_point', anchors: ['poin'], kind: 'ideation', category: 'suicide', level: 2, cancelLeavesModel: true,
    re: "\\bpoint\\b(?<=\\b(?:what's|what is|whats|wats) the (?:fucking|fuckin|fking|effing|freaking|frigging|damn|bloody) point) (?:of |in )(?:even )?(?:living|life|being alive|existing|going on|it all|my life|this life|staying alive)\\b(?! (?:in|at|on) (?:a|an|the|this|that) (?:game|show|team|class|course|job)\\b)|" +
      "\\bpoint\\b(?<=\\b(?:what's|what is|whats|wats) the (?:(?:fucking|fuckin|fking|effing|freaking|frigging|damn|bloody|even) )?point) (?:anymore|any more|of anything anymore|of anything any more)(?= ?(?:[.!?,;:\\n]|$|honestly|tbh|really|i\\b|im\\b|i'm\\b))" + EVERYDAY_POINT },
  // Thoughts of suicide every day, said through a double negative that must not read as negation: "not a day goes by
  // without me wanting to kill myself", "i can't go an hour without thinking about suicide" (3; the passive forms below, 2).
  { code: 'ideation.daily_thoughts', anchors: ['not', 'neve', 'can', 'cann', 'coul'], kind: 'ideation', category: 'suicide', level: 3, hyperbole: true,
    re: dailyWithout(`(?:${KILL}(?:ing)? ${SELF}|suicide|suicidal thoughts|end(?:ing)? (?:my (?:own )?life|it all)|(?:shoot(?:ing)?|hang(?:ing)?) ${SELF}|(?:taking|take) my (?:own )?life|(?<=want(?:ing)? to )die)\\b`) },
  { code: 'passive.daily_thoughts', anchors: ['not', 'neve', 'can', 'cann', 'coul'], kind: 'ideation', category: 'suicide', level: 2, cancelLeavesModel: true,
    re: dailyWithout('(?:dying|death|my death|being dead|not being (?:here|alive)|jumping(?= ?(?:off|from|in front|[.!?,;]|$))|disappearing forever|not waking up)\\b') },
  // Wanting to be let die: "i just want to be allowed to die", "i want to be able to die without anyone mourning me".
  // Not "… to die my hair" (dye), not "… to die happy / old / in peace".
  { code: 'ideation.allowed_to_die', anchors: ['able', 'allo', 'alou', 'perm'], kind: 'ideation', category: 'suicide', level: 3, cancelLeavesModel: true,
    re: "\\b(?:able|allowed|aloud|permitted)(?<=\\b(?:wants?|wanna|wanted|needs?|wish (?:i could|i was|i were)|(?:i'm|i am|im) begging|all i want is) (?:to )?(?:just |finally |simply )?(?:be )?(?:able|allowed|aloud|permitted)) to (?:just |finally )?die\\b(?! (?:my|your|his|her|their|our|the|a|it|them|this|that|happy|old|older|peacefully|in peace|in my sleep at|knowing|with|at|laughing|doing|of|from|for|on|rich|famous|young and)\\b)" },

  // A time limit set on life itself: "this is the last chance i give to life", "i give myself one more month and if nothing
  // changes that's it", "if things don't get better by 30 i'll call it quits" (not a job, a team, a relationship).
  // Since 1.8.32: a deadline set on oneself closed with no condition ("giving myself one more week then that's it", "i give
  // myself a month and then i'm done"): active ideation with a time (3), where "… and if nothing changes that's it" stays
  // passive (2, below). Up to 1.8.31 the "give myself" form of passive.life_deadline ran only where "chance" or "changes"
  // was near: its anchors "give" / "giving" were written nowhere in it ("giv(?:e|ing)"), so the scan never looked there.
  // 1.8.36 narrowed both deadline rules for "… then im done with dating apps / with tinder"; its second review found that
  // lowered crisis texts ("… then i'm done with tinder and with life" 3→1), so the exclusion was removed again: the
  // dating-app false alarm stays accepted, as up to 1.8.35.
  { code: 'ideation.life_deadline', anchors: ['give', 'givi'], kind: 'ideation', category: 'suicide', level: 3, cancelLeavesModel: true,
    re: "\\b(?:give|giving|givin) (?:myself|my self|life|my life) (?:one|a|two|three|another|one more|one last|a last|a few|\\d+) (?:more |last |final )?(?:week|weeks|month|months|year|years|day|days|chance)\\b(?=,? (?:(?:and|n|&|then|and then|n then|after that|after which|,) )?(?:then )?(?:i'm done|im done|i m done|that's it|thats it|i'll end it|i will end it|i'm out|it's over|i'll go|i go|i'm gone|it ends|i end it)\\b)(?![^.!?\\n]{0,80}\\b(?:job|work|diet|gym|course|class|degree|thesis|project|team|relationship|boyfriend|girlfriend|bf|gf|city|band|game)\\b)" },
  { code: 'passive.life_deadline', anchors: ['chan', 'shot', 'give', 'givi', 'quit'], kind: 'ideation', category: 'suicide', level: 2, cancelLeavesModel: true,
    re: "\\b(?:chance|shot)\\b(?<=\\b(?:last|final) (?:chance|shot)) (?:i(?:'m| am)? (?:give|giving|'ll give|will give) (?:to )?|i(?:'m| am) giving (?:to )?)(?:life|living|this life|my life)\\b|" +
      "\\b(?:give|giving) (?:myself|life|my life) (?:one|a|two|three|another|one more|one last|a last|a few|\\d+) (?:more |last |final )?(?:week|weeks|month|months|year|years|day|days|chance)\\b(?=[^.!?\\n]{0,80}\\b(?:i'm done|im done|i m done|that's it|thats it|i'll end it|i will end it|i'm out|it's over|i'll go|then i go|no more|i'm gone|before i (?:go|end it|do it))\\b)(?![^.!?\\n]{0,80}\\b(?:job|work|diet|gym|course|class|degree|thesis|project|team|relationship|boyfriend|girlfriend|bf|gf|city|band|game)\\b)|" +
      "\\bquits\\b(?<=\\b(?:i'd|id|i'll|ill|i will|i would|i'm going to|im going to|i'm gonna|im gonna|decided to|decide to) (?:just |finally |simply )?call it quits)(?<=\\b(?:(?:stuff|things|life|it|nothing) (?:doesn't|does not|don't|do not|won't|will not|isn't|aren't) (?:get|gets|getting|got) better|(?:by|when) (?:the time )?i(?:'m| am| turn| hit) (?:\\d\\d|thirty|forty|twenty|twenty ?five))[^.!?\\n]{0,60}quits)(?![^.!?\\n]{0,60}\\b(?:job|work|school|college|uni|diet|gym|team|relationship|boyfriend|girlfriend|him|her|them|band|game|project|business|channel)\\b)(?<!\\b(?:job|work|school|college|uni|diet|gym|team|relationship|boyfriend|girlfriend|band|game|project|business|channel)\\b[^.!?\\n]{0,100})" },

  // --- 1.8.36: first-person risk language read off the dev fold's misses (see "What 1.8.36 changed" in README.md; unit
  // cases: the 1.8.36 group at the end of screen.test.ts) ---
  // Holding off one's own suicide: "i'm trying so hard not to kill myself", "every day is a fight not to end my life", "it
  // takes everything in me not to kill myself", "fighting so hard to not kill myself". The match starts at "not", so the
  // "not" does not negate it (as in dailyWithout); a negation before the effort word still cancels it ("i don't have to try
  // not to kill myself anymore" 1), a laugh lowers it. Since the review of the first 1.8.36 (reverted in e22142d): the
  // phrase must end its clause (an activity after it, "… on leg day / studying for finals / with my boyfriend", is not
  // read), and the past is not read ("was / were / used to / had been" up to four words before "not"; "tried" is not an
  // effort word). Someone else's self ("not to kill himself") is not matched. Since the second review of 1.8.36: a comma, a
  // semicolon or a colon does not end the clause ("trying not to kill myself, work is a lot", "…, figuratively" are not
  // read), "end it all / everything" is not read ("i'm trying not to end it all, the relationship i mean"), and "tryna not"
  // is an effort word without "to" ("i'm tryna not kms rn").
  { code: 'ideation.resisting', anchors: ['not'], kind: 'ideation', category: 'suicide', level: 3, hyperbole: true, cancelLeavesModel: true,
    re: `\\bnot(?= (?:to )?(?:ki|k1|km|en|ta|co|un))(?<=\\b(?:trying|try|tryna|fighting|fight|struggling|struggle|hard|harder|in me|i have|i can|i could|my best|my hardest|my all|effort|willpower|strength) (?:(?:so|really|very|extra) hard |my (?:hardest|best) |every (?:day|night|single day) |everyday |each day |desperately |still )?(?:to )?not)(?<!\\b(?:was|were|used to|had been) (?:[a-z']+ ){1,4}not)(?: to)?(?<=\\b(?:to not|not to|tryna not)) (?:${KILL} ${SELF}|kms|unalive ${SELF}|end my (?:own )?life|take my (?:own )?life|commit suicide)\\b(?= ?(?:[.!?\\n]|$|and\\b|but\\b|anymore|any more|today|tonight|right now|rn\\b|every ?day|every night|lately|tbh|honestly))` },

  // 1.8.26 added passive.die_keepsake ("i will die wearing your shirt") and passive.date_set ("i've set a date"); its review
  // found both read everyday talk at 2 ("i'll die in your hoodie it's so comfy", "i set a date for friday and i'm so nervous")
  // and they were removed (see "What 1.8.26 changed" in README.md).

  // --- self-harm -------------------------------------------------------------------------
  // Since 1.8.8: the urge to self-harm said to be back ("the urge to cut is back", "my sh urges are
  // back"): a return of self-harm, not a passing urge, so read at 3 (not lowered to 2 by "urge"). Since 1.8.9
  // also "came back", "r back" and common typos ("urg to cut", "urges too cut").
  { code: 'self_harm.urge_back', anchors: ['urg', 'cutt', 'self', 'sh', 'burn'], kind: 'self_harm', category: 'self_harm', level: 3,
    re: `\\burg(?:e|es|s)? (?:to|too|2) (?:cut|cutt|self ?-?harm|sh|burn|scratch|hurt|harm|bleed)(?: ?${SELF})? (?:(?:is|iz|are|'s|'re|r|has|have|had|was|were|came|come|comes) )?(?:(?:all|now|just|suddenly|really|definitely|so|totally) )?(?:back|bak|bck|coming back|come back|returned|returning|creeping back)\\b|\\b(?:cutting|self ?-?harm|sh|burning) urg(?:e|es|s)? (?:(?:is|iz|are|'s|'re|r|has|have|had|was|were|came|come|comes) )?(?:(?:all|now|just|suddenly|really|definitely|so|totally) )?(?:back|bak|bck|coming back|come back|returned|returning|creeping back)\\b` },
  { code: 'self_harm.reflexive', anchors: ['cut', 'burn', 'hurt', 'harm', 'scra', 'carv', 'stab', 'puni', 'brui', 'hit', 'punc', 'bang', 'beat'], kind: 'self_harm', category: 'self_harm', level: 3, subject: 'self',
    re: `\\b(?:cut|cutting|cuts|burn(?:ed|ing|t|s)?|hurt(?:ing|s)?|harm(?:ing|ed|s)?|scratch(?:ed|ing|es)?|carv(?:e|ed|ing)|stab(?:bed|bing)?|punish(?:ed|ing)?|bruis(?:e|ed|ing)|hit(?:ting)?|punch(?:ed|ing)?|bang(?:ed|ing)? my head|beat(?:ing)?) ?${SELF}(?! ?(?:off|out|short|some slack|a break|a slice|a piece|loose|free|up about|over it|on the|while|playing|at the gym|by accident|accidentally))` },
  { code: 'self_harm.other', anchors: ['cut', 'burn', 'hurt', 'harm', 'self'], kind: 'self_harm', category: 'self_harm', level: 3, subject: 'other',
    re: `\\b(?:cut|cutting|cuts|burn(?:ed|ing|t|s)?|hurt(?:ing|s)?|harm(?:ing|ed|s)?|self ?-?harm(?:ing|s)?) ${OTHER_SELF}(?! ?(?:off|out|short|some slack|a break|loose|free|playing|a slice|a piece|a drink|some))|\\b(?:she|he|they)(?:'s| is| are|'re) (?:been )?(?:cutting|self ?-?harming)\\b` },
  { code: 'self_harm.named', anchors: ['self', 'nssi', 'sh'], kind: 'self_harm', category: 'self_harm', level: 3,
    re: "\\bself ?-?harm(?:ing|ed)?\\b|\\bself ?-?injur\\w*|\\bself ?-?mutilat\\w*|\\bnssi\\b|\\b(?:my|of|on|to|from|about|did|the|an?) sh\\b(?= (?:urges?|scars?|again|relapse|last|today|tonight|yesterday|is|was|\\.|,|$))|\\bsh (?:urges?|scars?|relapse|wounds?|cuts?)\\b" },
  { code: 'self_harm.cutting', anchors: ['cut', 'burn', 'scra', 'rela', 'fres', 'new', 'deep'], kind: 'self_harm', category: 'self_harm', level: 3,
    re: "\\b(?:i |i've |ive |i have |been |started |start |keep |kept |still |want to |wanna |urge to |urges to |need to |going to |gonna )(?:been )?(?:cut|cutting|burning|scratching) (?:again|myself|my (?:arms?|wrists?|legs?|thighs?|skin|stomach|hips?)|deep(?:er)?|tonight|every (?:day|night))(?! ?(?:off|out|short|some slack|a break|a slice|a piece|loose|free|up about|over it|on the|while|playing|at the gym|by accident|accidentally))|\\bcut(?:s|ting)? (?:on )?my (?:arms?|wrists?|legs?|thighs?|skin|stomach|hips?)\\b|\\b(?:fresh|new|deep) cuts\\b|\\bfresh (?:scars|wounds)\\b|" +
      // Since 1.8.34 "new / deep scars / wounds" are tried at "new" / "deep" (1.8.33 anchored "fresh" only: "i have new scars"
      // read 0). Since 1.8.35 only on the writer's body ("on my arms", "my thighs") or beside a self-harm word in the sentence
      // ("i cut and it leaves new scars"): 1.8.34 read any "new scars" but what a loss or a childhood left, so "new scars from
      // acne" or "my sword has new scars" read 3 and "i have new scars from my past cutting" 0. Not from acne, surgery…
      "\\b(?:new|deep) (?:scars|wounds)\\b(?![^.!?\\n]{0,60}\\b(?:acne|pimples?|zits?|surgery|surgeries|operation|chicken ?pox|tattoos?|c-? ?section|stitches from)\\b)(?<!\\b(?:acne|pimples?|zits?|surgery|surgeries|operation|chicken ?pox|tattoos?|c-? ?section)\\b[^.!?\\n]{0,60}(?:new|deep) (?:scars|wounds))(?:(?=[^.!?\\n]{0,60}?" + SCAR_SELF + ")|(?<=" + SCAR_SELF + "[^.!?\\n]{0,60}?(?:new|deep) (?:scars|wounds)))" + "|\\brelaps(?:e|ed|ing) (?:on|with|into) (?:cutting|self ?-?harm|sh|burning)" },
  { code: 'self_harm.clean', anchors: ['used', 'clea', 'free', 'scar', 'cut'], kind: 'self_harm', category: 'self_harm', level: 1,
    re: "\\bused to (?:cut|self ?-?harm|burn ?myself|hurt ?myself)\\b|\\b(?:\\d+|a|one|two|three|six|few) (?:days?|weeks?|months?|years?) (?:clean|free) (?:from|of) (?:cutting|self ?-?harm|sh)\\b|\\b(?:old|faded|healed) (?:scars|cuts)\\b" },

  // --- harm to others -------------------------------------------------------------------
  { code: 'harm_others.attack', anchors: ['shoo', 'gun', 'knif', 'rifl', 'weap', 'kil', 'murd', 'stab', 'hurt', 'pois'], kind: 'harm_others', category: 'harm_to_others', level: 4,
    re: "\\b(?:shoot|shooting) up (?:the|my|a|our) (?:school|class|office|work|church|mall|place)|\\b(?:bring|take|taking|bringing) (?:a|my|dad'?s) (?:gun|knife|rifle|weapon) to (?:school|class|work)|\\b(?:plan(?:ning)?|going|gonna|want|wanna) (?:to )?(?:kill|murder|stab|shoot|hurt|poison) (?:everyone|every ?body|them all|all of them|people|as many)" },
  { code: 'harm_others.want', anchors: ['kil', 'murd', 'stab', 'stra', 'shoo', 'pois', 'hurt', 'beat', 'atta'], kind: 'harm_others', category: 'harm_to_others', level: 2, hyperbole: true,
    re: `\\b(?:want|wanna|going|gonna|gunna|will|plan|planning|urges?|thinking about|fantasi[sz]e about|fantasi[sz]ing about|could|ready) (?:to )?(?:fucking |really |just |actually )?(?:kill|murder|stab|strangle|shoot|poison|hurt|beat up|attack) (?:him|her|them|someone|somebody|some ?one|${PERSON}|my (?:boss|teacher|classmates?|neighbou?r|roommate|coworker|bully|bullies|kids?|baby|son|daughter))\\b` },

  // --- abuse, violence at home, unsafe -------------------------------------------------
  { code: 'abuse.threat_to_life', anchors: ['thre', 'trie', 'chok', 'stra', 'kil', 'knif', 'gun'], kind: 'abuse', category: 'abuse_or_unsafe_home', level: 3,
    re: `\\b${PERSON} (?:\\w{1,24} ){0,2}?(?:threaten(?:s|ed|ing)?|tried|tries) to (?:kill|murder|stab|shoot|strangle|choke|hurt) me\\b|\\b${PERSON} (?:\\w{1,24} ){0,2}?(?:chok(?:es|ed|ing)|strangl(?:es|ed|ing)) me\\b|\\b(?:said|says|swore) (?:he|she|they)(?:'d| would| will|'ll) kill me\\b(?! if)|\\b(?:held|pulled|pointed) a (?:knife|gun) (?:to|on|at) me\\b` },
  { code: 'abuse.violence', anchors: ['hit', 'beat', 'slap', 'punc', 'kick', 'shov', 'push', 'thre', 'thro', 'burn', 'abus', 'rape', 'mole', 'touc', 'grop', 'forc', 'lock', 'star'], kind: 'abuse', category: 'abuse_or_unsafe_home', level: 2,
    re: `\\b${PERSON} (?:\\w{1,24} ){0,2}?(?:hits?|hitting|beats?|beating|beat|slaps?|slapped|slapping|punch(?:es|ed|ing)?|kicks?|kicked|kicking|shov(?:es|ed)|pushe[sd]|throws things at|threw (?:\\w{1,24} )?at|burn(?:s|ed)|abus(?:es|ed|ing)|rap(?:es|ed)|molest(?:s|ed|ing)|touch(?:es|ed) me (?:inappropriately|down there|where)|grop(?:es|ed)|forces? me|forced me|locks? me (?:in|out)|locked me (?:in|out)|starves? me) ?(?:me|us|my (?:mom|mum|mother|sister|brother|siblings?|dog|cat|kids?|son|daughter))\\b(?! ?out\\b)` },
  { code: 'abuse.unsafe_home', anchors: ['scar', 'afra', 'terr', 'frig', 'safe', 'unsa', 'hurt', 'hit', 'beat', 'rape', 'mole', 'sexu', 'abus'], kind: 'abuse', category: 'abuse_or_unsafe_home', level: 2, subject: 'self',
    re: "\\b(?:scared|afraid|terrified|frightened) (?:to go|of going|to be|of being) (?:back )?(?:home|at home|alone with (?:him|her|them|my \\w{1,24}))|\\b(?:not|never|don't feel) safe (?:at|in (?:my|our|the)) (?:home|house)|\\b(?:not|never|don't|do not) feel safe (?:at|in (?:my|our|the)) (?:home|house)|\\bunsafe (?:at|in my) (?:home|house)|\\b(?:he|she|they)(?:'s| is| will| might|'ll|'re| are) (?:going to |gonna )?(?:hurt|hit|beat|rape) me\\b|\\b(?:scared|afraid|terrified) (?:of|that) (?:my )?(?:dad|father|mom|mum|mother|step ?\\w{1,24}|husband|boyfriend|partner|parents?|he|she)(?:'s| is| will| might| is going to| gonna)? (?:going to |gonna )?(?:hurt|hit|beat|kill) me\\b|\\b(?:i was|i've been|i am|i'm|im|been|got) (?:being )?(?:raped|molested|sexually (?:abused|assaulted)|abused)\\b" },
  { code: 'abuse.named', anchors: ['dome', 'abus'], kind: 'abuse', category: 'abuse_or_unsafe_home', level: 1,
    re: "\\bdomestic (?:violence|abuse)\\b|\\babusive (?:relationship|home|household|partner|husband|wife|boyfriend|girlfriend|dad|father|mom|mother|parents?|family|ex)\\b" },

  // --- eating disorders ----------------------------------------------------------------
  { code: 'eating.not_eating', anchors: ['eat', 'ate', 'food', 'starv', 'stop'], kind: 'eating', category: 'eating_disorder', level: 2,
    re: "\\b(?:haven't|havent|have not|hadn't|didn't|not|barely|don't|haven't really) (?:eaten|ate|eat|had (?:any )?food)(?: anything| a thing| properly| a meal)? (?:in|for) (?:\\d+|two|three|four|five|six|seven|a few|several|many|a couple of?|a) (?:days?|weeks?)\\b|\\bstarv(?:e|ed|ing) (?:my ?self|myself)\\b|\\bstop(?:ped)? eating (?:completely|entirely|to lose|so i|because i)" },
  { code: 'eating.purge', anchors: ['purg', 'thro', 'vomi', 'puke', 'puki', 'lax', 'bing', 'calo', 'cals', 'kcal', 'make', 'made', 'maki'], kind: 'eating', category: 'eating_disorder', level: 2,
    re: "\\bpurg(?:e|ed|ing)\\b|\\b(?:make|made|making) (?:my ?self|myself) (?:throw up|sick(?! (?:with|worrying|over|about|thinking|of|from|to death)\\b)|vomit|puke)|\\b(?:throw(?:ing)? up|vomit(?:ing)?) (?:after|every time) (?:i eat|eating|meals?|every meal|dinner|lunch|food)|\\b(?:puke|puking) (?:after|every time) (?:i eat|eating|meals?|every meal|dinner|lunch|food)(?![^.!?\\n]{0,60}\\b(?:flu|stomach bug|bug|virus|norovirus|food poisoning|pregnan\\w*|morning sickness|chemo\\w*)\\b)(?<!\\b(?:flu|stomach bug|virus|norovirus|food poisoning|pregnan\\w*|morning sickness|chemo\\w*)\\b[^.!?\\n]{0,60})|\\b(?:puke|puking) (?:after|every time) (?:i eat|eating|meals?|every meal|dinner|lunch|food)\\b(?:(?=[^]{0,200}?" + HEIGHT_SIGNAL + ")|(?<=" + HEIGHT_SIGNAL + "[^]{0,200}))|\\blaxatives? (?:to|so|after|every)|\\bbing(?:e|ed|ing) and purg|\\b(?:eat|eating|ate) (?:only |under |less than |fewer than )?(?:\\d{2,3}) (?:calories|cals|kcal)\\b|\\b(?:under|less than|only) (?:\\d{2,3}) (?:calories|cals|kcal) (?:a|per) day" },
  { code: 'eating.body', anchors: ['fat', 'huge', 'disg', 'anor', 'bul', 'eati', 'bing', 'ed', 'pro', 'thin', 'rest'], kind: 'eating', category: 'eating_disorder', level: 1,
    re: "\\b(?:still )?(?:feel|feeling|am|i'm|im|look) (?:so |too |really |disgustingly )?(?:fat|huge|disgusting)\\b(?! ?(?:free|burning|loss))|\\b(?:anorexi\\w*|bulimi\\w*|eating disorder|binge eating|\\bed relapse|pro ?-?ana|thinspo)\\b|\\brestrict(?:ing|ed)? (?:my )?(?:food|eating|calories|intake)\\b" },

  // --- substances ----------------------------------------------------------------------
  // "oding" and "oded" are written out so that the stems 'odi' and 'ode' anchor that alternative
  // (a stem written in some other alternative, e.g. in a medicine name such as "codeine", is not
  // hidden, and anchors only the alternatives that spell it).
  // "od and die" (since 1.8.24): not a diameter and a threading or casting die (since its review: "2 inch od and die cast",
  // '1/2" OD and die', "OD and die set", "tap and od and die", "olive drab od and die cast models").
  { code: 'substance.overdose', anchors: ['over', 'od', 'odi', 'ode', 'o', 'took', 'take', 'swal', 'dran'], kind: 'substance', category: 'substances', level: 3,
    re: `\\bover dos(?:e|ed|ing)\\b|\\b(?:oding|oded|od(?:[’']d)?|o\\.d\\.(?:[’']d|ed|ing)?)\\b(?=\\s*(?:on|again|tonight|last|yesterday|\\.|$|(?<!(?:\\d ?(?:["″”']{1,2}|in\\.?|inch(?:es)?|mm|cm|ft)? ?|\\btaps? (?:and|&) |\\bolive drab )(?:od|o\\.d\\.?) ?)(?:(?:and|&|n) (?:just |then )?|then )(?:die|be dead|never wake up|end it)\\b(?! ?-? ?(?:cast\\w*|sets?|holders?|sizes?|stock|makers?|heads?|nuts?|wrench\\w*|grind\\w*|springs?)\\b)))|\\b(?:took|taken|take|swallowed|drank) (?:way )?too (?:many|much) (?:${PILLS}|drugs|alcohol|of (?:my|the|those|these|his|her) (?:\\w{1,24} )?${PILLS})` },
  { code: 'substance.mixing', anchors: ['mix', 'drun', 'drin', 'high', 'wast', 'blac'], kind: 'substance', category: 'substances', level: 2,
    re: "\\bmix(?:ing|ed)? (?:my )?(?:xanax|benzos|pills|meds|opioids|oxy\\w*|sleeping pills|alcohol|booze|lean) (?:with|and) (?:alcohol|booze|vodka|drinking|xanax|benzos|pills|opioids|meds)|\\b(?:drunk|drinking|high|wasted|blacked out) (?:and|while) (?:driving|alone with (?:my )?(?:pills|gun|knife))" },
  { code: 'substance.use', anchors: ['rela', 'stop', 'blac', 'drin', 'addi', 'with'], kind: 'substance', category: 'substances', level: 1,
    re: "\\brelaps(?:e|ed|ing)\\b|\\b(?:can't|cant|cannot) stop (?:drinking|using|taking)\\b|\\bblack(?:ed|ing) out (?:again|every)|\\bdrinking (?:every (?:day|night)|alone|myself to sleep|to numb|to forget)|\\b(?:addicted|addiction) to\\b|\\bwithdrawals?\\b" },

];

/** Distress words: scanned in their own pass so they never hide a stronger signal that overlaps them. */
export const DISTRESS_RULES: Rule[] = [
  // --- distress (level 1) -------------------------------------------------------------------
  { code: 'distress.despair', anchors: ['self', 'hope', 'wort', 'poin', 'mean', 'futu', 'alon', 'lone', 'empt', 'numb', 'hate', 'burd', 'give', 'gave', 'giv', 'care', 'love', 'want', 'unde', 'fail', 'disa', 'mist', 'can', 'done', 'tire', 'exha', 'drai', 'trap', 'way', 'esca', 'cryi', 'pain', 'suff', 'unbe', 'mise', 'depr', 'brok', 'dead', 'shel', 'noth', 'neve', 'what'], kind: 'distress', category: null, level: 1,
    re: "\\b(?:hopeless(?:ness)?|worthless(?:ness)?|pointless|meaningless|no future|no hope|lost all hope|(?:so |completely |totally )?alone|lonely|loneliness|empty|numb|hate (?:my ?self|myself|my life|being me|who i am|everything about me)|self ?-?hatred|self ?-?loathing|(?:a|such a|just a) burden|burden (?:on|to)|(?:give|gave|giving) up|no ?one cares|nobody cares|no ?one (?:loves|wants|understands) me|nobody (?:loves|wants|understands) me|i'?m (?:a )?(?:failure|disappointment|mistake)|(?:can't|cant|cannot) (?:do|take|handle|stand|bear) (?:it|this|anything)(?: anymore| any more)?|(?:can't|cant|cannot) cope (?:anymore|any more)|i'?m (?:so )?(?:done|tired)\\b|so tired of|exhausted|drained|trapped|no way out|(?:can't|cant) (?:escape|stop crying)|crying (?:every|all)|(?:in|so much) pain|suffering|unbearable|miserable|depress(?:ed|ion)|broken|dead inside|shell of|nothing (?:matters|helps|works|gets better)|never (?:get|gets|going to get) better|what'?s the point)\\b" },
  { code: 'distress.feeling', anchors: ['hope', 'wort', 'usel', 'numb', 'depr', 'anxi', 'pani', 'stre', 'over', 'exha', 'mise', 'lone', 'isol', 'empt', 'dead', 'hear', 'desp', 'trau', 'ptsd', 'nigh', 'inso', 'can', 'slee', 'brea', 'fall', 'burn', 'hate', 'self', 'burd', 'cryi', 'crie', 'sobb', 'give', 'gave', 'giv', 'no', 'noone', 'nobo', 'alon', 'pain', 'cop', 'stru', 'suff', 'agon', 'unbe'], kind: 'distress', category: null, level: 1,
    re: "\\b(?:hopeless(?:ness)?|worthless(?:ness)?|useless|numb|depress(?:ed|ion|ing)|anxi(?:ety|ous)|panic(?: attacks?)?|stress(?:ed)?|overwhelm(?:ed|ing)|exhausted|miserable|lonely|loneliness|isolated|empty inside|dead inside|heartbroken|desperate|despair|trauma(?:tized|tic)?|ptsd|nightmares?|insomnia|can't sleep|cant sleep|breakdown|breaking down|falling apart|burn(?:ed|t) out|hate (?:my ?self|myself|my life|my body|everything|living)|self ?-?hatred|self ?-?loathing|a burden|such a burden|burden (?:on|to)|crying|cried|sobbing|give up|gave up|giving up|no ?one cares|nobody cares|nobody loves me|no one loves me|all alone|so alone|completely alone|in so much pain|can't cope|cant cope|struggling|suffering|agony|unbearable)\\b" },
];

/** Methods, means, doses and places: scanned in a separate pass (they overlap with core signals). */
export const METHOD_RULES: Rule[] = [
  { code: 'act.taken', anchors: ['take', 'took', 'swal', 'down', 'dran', 'chug', 'popp', 'inje', 'shot', 'stan', 'sitt', 'stoo', 'rope', 'noos', 'belt', 'gun', 'knif', 'blad', 'razo', 'blee', 'stop', 'car', 'gara'], kind: 'act', category: 'suicide', level: 5, strong: true,
    re: `\\b(?:i'?ve|i have|i just|just|i|i already|already) (?:just )?(?:taken|took|swallowed|downed|drank|injected|shot up) (?:a|an) (?:\\w{1,24} )?(?:monster|massive|huge|lethal|fatal|insane) (?:dose|overdose|amount(?= of (?:(?:my|the|his|her|those|these|all) )?(?:\\w{1,24} )?(?:${PILLS}|drugs|alcohol|booze|vodka)\\b))\\b|\\b(?:i'?ve|i have|i just|just|i|i already|already) (?:just |already )?(?:taken|took|swallowed|downed|drank|chugged) (?:all|every|the whole|a whole|whole|a handful of|handfuls of|[1-9]\\d+(?: ?[x*](?= ?\\d)(?: ?\\d+(?:\\.\\d+)? ?(?:mg|mcg|ml|g)\\b)?)?|too many|a bottle of|the bottle of|the rest of|a lot of|a bunch of|everything|enough)(?: of)?(?: (?:my|the|these|those|his|her))?(?: \\w{1,24})? ?(?:${PILLS}|bottle|pack|packet|box)|\\b(?:i'?ve|i have|i just|just|i|i already|already) (?:just |already )?popped (?:all|every|the whole|a whole|whole|a handful of|handfuls of|[1-9]\\d+(?: ?[x*](?= ?\\d)(?: ?\\d+(?:\\.\\d+)? ?(?:mg|mcg|ml|g)\\b)?)?|too many|a bottle of|the bottle of|the rest of|a lot of|a bunch of|everything|enough)(?: of)?(?: (?:my|the|these|those|his|her))?(?: (?:bottle|pack|packet|box|strip)s? of(?: (?:my|the))?)?(?: \\w{1,24})? ?${PILLS}|\\b(?:i'?ve|i have|i just|just) (?:taken|swallowed|downed) (?:them|it) all\\b|\\b(?:i'?m|i am|im) (?:standing|sitting|stood) (?:on|at) (?:the |a )?(?:edge|ledge|bridge|roof|rooftop|railway|tracks|top of)|\\b(?:the |my )?noose is (?:ready|tied|up)\\b|\\b(?:the |my )?(?:rope|noose|belt) is (?:tied )?around my neck|\\b(?:gun|knife|blade|razor) (?:is )?in my hand\\b|\\bbleeding (?:out|a lot|so much|heavily|badly)\\b|\\b(?:can't|cant|won't|wont) stop (?:the )?bleeding\\b|\\bthe car is running in the garage` },
  // Since 1.8.6 (review5): an overdose told without "I" ("took 40 paracetamol an hour ago"), with a
  // rough count ("took like 30 of my sertraline"), or as the whole cabinet ("swallowed everything in
  // the medicine cabinet"); and a means at hand with a last word ("in the bath with the razor. this is it. bye").
  { code: 'act.ingested', anchors: ['take', 'took', 'swal', 'down', 'razo', 'knif', 'blad', 'rope', 'pill', 'gun', 'tabl'], kind: 'act', category: 'suicide', level: 5, strong: true,
    re: `(?<=(?:^|[.!?;\\n])\\s{0,4}(?:just |already |so |ok |well )?)(?:took|swallowed|downed) (?:like |about |around |over |maybe |nearly |almost |at least )?(?:all|every|the whole|a whole|whole|a handful of|handfuls of|[1-9]\\d+(?: ?[x*](?= ?\\d)(?: ?\\d+(?:\\.\\d+)? ?(?:mg|mcg|ml|g)\\b)?)?|too many|a bottle of|the bottle of|the rest of|everything)(?: of)?(?: (?:my|the|these|those))?(?: \\w{1,24})? ?(?:${PILLS}\\b|(?:bottles?|pack|packet|box)(?: of (?:my |the |those |these )?(?:\\w{1,24} )?${PILLS}\\b|(?= ?(?:[.!?,;\\n]|$)))|prescription\\b)|\\b(?:i'?ve|i have|i just|just|i|i already|already) (?:just |already )?(?:taken|took|swallowed|downed) (?:like|about|around|over|maybe|nearly|almost|at least) (?:all|[1-9]\\d+(?: ?[x*](?= ?\\d)(?: ?\\d+(?:\\.\\d+)? ?(?:mg|mcg|ml|g)\\b)?)?)(?: of)?(?: (?:my|the|these|those))?(?: \\w{1,24})? ?${PILLS}\\b|\\b(?:(?:i'?ve|i have|i just|just|i|i already|already) (?:just |already )?(?:taken|took|swallowed|downed)|(?<=(?:^|[.!?;\\n])\\s{0,4})(?:took|swallowed|downed)) (?:everything |all (?:the )?(?:pills |meds |tablets )?)in (?:the|my|our|mum'?s|mom'?s|dad'?s) (?:medicine (?:cabinet|cupboard|box|drawer)|bathroom (?:cabinet|cupboard)|first aid (?:kit|box)|pill (?:box|organi[sz]er))|\\b(?:my|the|a) (?:whole|entire) prescription\\b(?<=\\b(?:taken|took|swallowed|downed) (?:my|the|a) (?:whole|entire) prescription)|\\bwith (?:the|my|a) (?:razor|knife|blade|rope|pills|tablets|gun)\\b(?<=\\b(?:i'?m|im|i am|sitting|lying|standing|here|alone) (?:\\w{1,24} ){0,5}?with (?:the|my|a) (?:razor|knife|blade|rope|pills|tablets|gun))(?=[^]{0,60}?\\b(?:this is it|goodbye|good bye|bye(?! for now| for today| guys see)|farewell|it'?s time)\\b)` },
  // After review of 1.8.28: a sleep aid bought, kept or had by the count ("i have 100 melatonin at home", "bought 60
  // melatonin gummies", "60 melatonin in my drawer") is a household supply, not a stockpile; saved up still is, unless for a trip.
  { code: 'method.stockpile', anchors: ['pill', 'tabl', 'meds', 'medi', 'slee', 'pain', 'para', 'tyle', 'acet', 'ibup', 'aspi', 'xana', 'benz', 'oxy', 'opio', 'insu', 'anti', ...NAMED_DRUG_STEMS], kind: 'method', category: 'suicide', level: 4, strong: true,
    re: `\\b(?:stockpil\\w*|hoard\\w*|sav(?:ing|ed) up|stash(?:ing|ed)) (?:up )?(?:my |all my |the |her |his |their )?${PILLS}|\\b(?:the|my|all the|all my) ${PILLS} (?:are |is )?(?:ready|lined up|counted out)\\b|\\b(?:the|my|all the|all my|all of my|all of the) ${PILLS} (?:i'?ve |i have |are |is )?(?:all )?(?:saved|stockpiled|stashed|hoarded) up\\b(?:(?![^\\n]{0,80}\\b(?:trip|flight|travel\\w*|carry ?on|holiday|vacation|abroad|run out)\\b)(?<!\\b(?:trip|flight|travel\\w*|holiday|vacation)\\b[^\\n]{0,80})${OR_SECOND_SIGNAL})|\\b(?:measured|counted|laid|lined|sorted) (?:out|up) (?:all )?(?:of )?(?:the |my )?${PILLS}|\\b(?:saved|saving|stockpil\\w*|hoard\\w*|collect(?:ed|ing)|stash(?:ed|ing)?|hid(?:den|ing)?|bought|got|have|keeping|kept|counting) (?:up )?(?:\\w{1,24} ){0,2}?(?:[1-9]\\d+|enough|a bunch of|a stash of|all (?:my|the|of my)|bottles of|a bottle of|a handful of|a month'?s? (?:worth )?of)(?: of)?(?: my)? ${PILLS}(?:(?<!\\b(?:bought|got|have|keeping|kept|counting) (?:up )?(?:\\w{1,24} ){0,2}?(?:[1-9]\\d+|a bunch of|bottles of|a bottle of|a handful of|a month'?s? (?:worth )?of)(?: of)?(?: my)? ${SLEEP_AID_NAMES})|(?=[^.!?\\n]{0,80}\\b(?:(?:take|taking|swallow|swallowing) (?:them|it|all|every)|swallow|overdose|od|die|dead|kill|end (?:it|my life|things)|suicide|goodbye|never wake|ready to go)\\b))|\\b(?:[1-9]\\d+|enough) ${PILLS} (?:\\w{1,24} )?(?:saved|ready|hidden|stashed|stockpiled|put away|in (?:my|the) (?:drawer|cabinet|closet|room|bag))(?:(?<!${SLEEP_AID_NAMES} (?:\\w{1,24} )?in (?:my|the) \\w+)|(?=[^.!?\\n]{0,80}\\b(?:(?:take|taking|swallow|swallowing) (?:them|it|all|every)|overdose|od|die|dead|kill|end (?:it|my life|things)|suicide|goodbye|never wake|ready to go)\\b))(?!(?<=${SLEEP_AID_NAMES} (?:\\w{1,24} )?\\w+)[^.!?\\n]{0,40}\\b(?:trip|flight|travel\\w*|vacation|holidays?|jet ?lag)\\b)|\\benough ${PILLS} (?:to|for) (?:die|end|kill|do it|overdose|od)` },
  { code: 'method.dose_question', anchors: ['leth', 'fata', 'dead', 'toxi', 'how', 'pain', 'quic', 'easi', 'easy', 'fast', 'best', 'sure', 'woul', 'peac', 'die', 'dyin', 'kil', 'k1l'], kind: 'method', category: 'suicide', level: 4, strong: true,
    re: `\\b(?:lethal|fatal|deadly|toxic) (?:dose|amount|dosage)|\\bhow (?:many|much) (?:\\w{1,24} ){0,4}?(?:would|will|does it|do i need|to) (?:it )?(?:take )?(?:to )?(?:die|kill (?:you|a person|someone|me|myself)|overdose|od|be fatal|be lethal|stop (?:your|my) heart)|\\bhow (?:long|fast) (?:does it|would it|will it) take to (?:die|bleed out|suffocate)|\\b(?:painless|quickest|quick|easiest|easy|fastest|best|surest) (?:way|ways|method|methods) (?:to|of) (?:(?:die(?!t)|dying)${NOT_IN_A_GAME}|${KILL} (?:${SELF}|one's ?self|oneself|${YOU_SELF})|end (?:it|my life|things)(?! (?:with|between)\\b)|suicide|stop my heart)|\\bwould (?:they|it|that|this|these|those) (?:\\w{1,24} )?kill me if i (?:take|took|swallow|swallowed|downed)\\b|\\bhow (?:high|tall) (?:\\w{1,24} ){0,3}?enough to (?:die|kill (?:me|${SELF}))|\\bhow (?:many|much) (?:benadryl|diphenhydramine) (?:\\w{1,24} )?(?:will|would|does) it take\\b(?= ?(?:[.!?\\n]|$))|\\bhow (?:many|much) (?:benadryl|diphenhydramine|${PILLS}) (?:\\w{1,24} )?(?:will|would|does) it take\\b(?= ?(?:for (?:me|someone|a person) )?to (?:die|kill|od|overdose|end (?:it|my life|things)|be fatal|be lethal|stop (?:my|your) heart)\\b)|\\b${KILL}(?<=\\b(?:least painful|most effective|most reliable|lethal) (?:way|ways|method|methods) (?:to|of) ${KILL}) (?:${SELF}|one'?s ?self|oneself|${YOU_SELF})|\\b(?:die|dying)(?<=\\b(?:least painful|most effective|most reliable|lethal) (?:way|ways|method|methods) (?:to|of) (?:die|dying))\\b${NOT_IN_A_GAME}|\\bdie(?<=\\b(?:i|me|i'm|im|i've|i'd)\\b(?:\\s+[a-z']{1,24}){0,4}?\\s+(?:way|ways|how) to die) (?:painlessly|quickly|peacefully|fast|without pain)\\b|\\bdie(?<=\\b(?:way|ways|how) to die) (?:painlessly|quickly|peacefully|fast|without pain)\\b(?=[^.!?\\n]{0,60}\\?)|\\b(?:most )?painless (?:way|ways|method) to go\\b(?= ?(?:\\?|for (?:me|${SELF})\\b))|\\b(?<=(?:^|[.!?\\n])\\s*)(?:most )?painless (?:way|ways|method) to go\\b(?= ?(?:[.!?;,\\n]|$))|\\b(?:most )?painless (?:way|ways|method) to go\\b(?<=\\b(?:what'?s|what is|whats|what are|is there|know|find|found|tell me|looking for|searching for|search for|need|want|google[ds]?|research(?:ed|ing)?|plan(?:ned|ning)?(?: out)?|think(?:ing)? (?:about|of)) (?:the |a |an |any )?(?:most )?painless (?:way|ways|method) to go)(?= ?(?:[.!?;,]|$|for (?:me|${SELF})\\b))` },
  // An amount asked about as lethal ("will 2,000 mg of it kill me?"). Every match starts at "kill"
  // (the amount is read behind), so the rule runs only at that word.
  { code: 'method.dose_amount', anchors: ['kil'], kind: 'method', category: 'suicide', level: 4, strong: true,
    re: `\\bkill(?= (?:me|${SELF}|a person|someone)\\b)(?<=\\b\\d[\\d,.]{0,12} ?(?:mg|milligrams?|grams?|g|pills|tablets)\\b(?: of)?(?:\\s+[a-z]{1,24}){0,2}? (?:will|would|could|is enough to|be enough to|enough to) kill|\\b(?:will|would|could|can|does|is) \\d[\\d,.]{0,12} ?(?:mg|milligrams?|grams?|g|pills|tablets)\\b(?: of)?(?:\\s+[a-z]{1,24}){0,2}? kill) (?:me|${SELF}|a person|someone)\\b` },
  { code: 'method.place', anchors: ['high', 'tall', 'whic', 'jump', 'leap', 'thro'], kind: 'method', category: 'suicide', level: 4, strong: true,
    re: "\\b(?:highest|tallest) (?:bridge|cliff)s?\\b|\\bjump(?:ing)? to (?:my |your |one'?s )death\\b|\\bjump(?:ing)? to death\\b(?= ?(?:[.!?;,]|$|and\\b|or\\b|from\\b|off\\b))|\\bwhich (?:bridge|building|cliff|tower) (?:is|would be) (?:the )?(?:highest|tallest|best|high enough)|\\bhigh enough to (?:die|kill)|\\b(?:jump|jumping|leap|leaping|throw (?:my ?self|myself)) (?:off|from|in front of|under) (?:a |the |my |that )?(?:\\w{1,24} )?(?:bridge|building|roof|rooftop|cliff|balcony|train|bus|car|truck|overpass|tower|window|parking garage|ledge|skyscraper|dam|viaduct|car ?park|multi-?storey|apartment(?: building| block)?)s?\\b|\\b(?:jump|jumping|leap|leaping) (?:off|from|out of) (?:the |a |my )?(?:top|highest|\\d{1,3} ?(?:st|nd|rd|th)) floor\\b|\\bjump\\b(?<=\\b(?:i'?m|im|i am) (?:(?:just|really|actually|finally|so) )?(?:gonna|going to|about to|ready to) jump)(?<=\\b(?:on|at|off|from) (?:the|a|this|that|my) (?:edge of (?:the|a|this|that) )?(?:bridge|roof|rooftop|ledge|cliff|cliff edge|overpass|balcony|tower|tracks|railway bridge|top floor|parking garage)\\b[^\\n]{0,60}?jump)(?:(?<!\\b(?:bungee|bungy|parachut\\w*|skydiv\\w*|base jump\\w*|zip ?line|pool|trampoline|swim\\w*|snow|photos?|pics?|dare\\w*|lake|jump(?:ing)? in|sea|ocean|river|quarry|water\\w*|beach|dive|diving|cliff jump\\w*|paraglid\\w*|hang ?glid\\w*|wingsuit|parkour|free ?run\\w*|skate\\w*|bmx|bike|long jump|high jump|minecraft|fortnite|roblox|gta|game|cat|dog|horse|puppy|kitten|squirrel|video|camera|club|concert|recital|dance)\\b[^\\n]{0,80}?jump)(?![^\\n]{0,80}\\b(?:bungee|bungy|parachut\\w*|skydiv\\w*|base jump\\w*|zip ?line|pool|trampoline|swim\\w*|snow|photos?|pics?|dare\\w*|lake|jump(?:ing)? in|sea|ocean|river|quarry|water\\w*|beach|dive|diving|cliff jump\\w*|paraglid\\w*|hang ?glid\\w*|wingsuit|parkour|free ?run\\w*|skate\\w*|bmx|bike|long jump|high jump|minecraft|fortnite|roblox|gta|game|cat|dog|horse|puppy|kitten|squirrel|video|camera|club|concert|recital|dance)\\b)" + OR_SECOND_SIGNAL + ")(?= ?(?:off(?: (?:it|now|rn))?|now|rn|right now|tonight)? ?(?:[.!?,;\\n]|$|goodbye\\b|bye\\b))" +
      // Since 1.8.21: the writer's jump with a time and nothing after it but the clause's end or a goodbye, without a place
      // ("gonna jump tonight", "im jumping tn. bye"): "gonna / going to / about to / ready to jump", "i'll jump", "jumping",
      // said by "I" or opening a sentence; not by water, in a sport, a game or a joke, unless a second signal is near.
      "|\\bjump(?:ing)?\\b(?<=" + JUMP_SUBJECT_INTENT + ")(?= ?" + JUMP_TIME_ANY + JUMP_TIME_END + ")" + jumpNotEveryday(JUMP_EVERYDAY) +
      // "i'll jump" / "i'm jumping" with any time, as on 1.8.21: on a peer support platform a bare "i'll jump now" or "ill
      // jump tomorrow" is read as the writer's plan (when in doubt, the higher level); only a named everyday context — a
      // course, a show, a landing, "brb" (1.8.22) — reads it as a turn or a sport.
      "|\\bjump(?:ing)?\\b(?<=" + JUMP_SUBJECT_WILL + ")(?= ?" + JUMP_TIME_ANY + JUMP_TIME_END + ")" + jumpNotEveryday(JUMP_EVERYDAY) +
      // Since 1.8.22: the jump and its time with despair, a high place or dark water after them ("im going to jump tonight
      // nobody cares", "… tonight from the top of my building", "… tonight into the river"), by any subject and any time.
      "|\\bjump(?:ing)?\\b(?<=" + JUMP_SUBJECT + ")(?= ?" + JUMP_TIME_ANY + JUMP_AFTER_JOIN + "(?:" + JUMP_DESPAIR + "|" + JUMP_HIGH_PLACE + "))" + jumpNotEveryday(JUMP_EVERYDAY) +
      "|\\bjump(?:ing)?\\b(?<=" + JUMP_SUBJECT + ")(?= ?" + JUMP_TIME_ANY + JUMP_AFTER_JOIN + "(?:" + JUMP_DARK_WATER + "))" + jumpNotEveryday(JUMP_EVERYDAY_DRY) },
  // Hanging needs the self (since 1.5.0): a noose for me, a rope around my neck, hang myself. A rope
  // tied to a boat, a tent or a climbing harness is ordinary; a noose, or a rope tied to a beam,
  // without the self is a weak means (method.hanging_means): method detail only beside risk.
  { code: 'method.hanging', anchors: ['noos', 'hang', 'hung', 'rope', 'belt', 'cord'], kind: 'method', category: 'suicide', level: 4, strong: true,
    re: `\\b(?:tie|tied|tying|made|make|making|makes) (?:a |the |my |up a )?noose\\b|\\bnoose (?:(?:for|around) )?(?:me|${SELF}|my (?:own )?neck)\\b|\\bmy noose\\b|\\bnoose\\b(?= ?\\?)|\\bhow (?:to|do (?:i|you)|can i|would i|should i) (?:tie|make) (?:a |the )?noose\\b|\\b(?:rope|noose|belt|cord) (?:is )?(?:tied )?around my neck\\b|\\b(?:hang(?:ing|ed)?|hung) (?!my\\s+self\\w)${SELF}(?!-)|\\bthe noose (?:broke|snapped)\\b|\\b(?:does|would|will) hanging (?:(?:your|my|one'?s) ?self |oneself |a person |someone )?(?:hurt|take (?:long|very long|a long time|a while))|\\b(?:bought|got|have|found) (?:a |the )?(?:rope|belt|cord) (?:to hang (?:${SELF}|me)|for (?:${SELF}|me|my neck|hanging)|strong enough to (?:hold|take) (?:me|my weight)|to (?:end|kill|do) (?:it|${SELF}|my life))` },
  { code: 'method.hanging_means', anchors: ['noos', 'rope', 'belt', 'cord'], kind: 'method', category: 'suicide', level: 4,
    re: "\\bnoose\\b|\\b(?:tie|tied|tying) (?:a |the |my )?(?:rope|noose)\\b(?! (?:to|around|round|on|onto|off|up|down|between) (?:the |a |my |our |his |her |their )?(?:boat|boats|tent|dock|car|roof|trailer|swing|harness|anchor|post|fence|cleat|mast|tree|trees|pole|poles|stake|stakes|kayak|canoe|raft|bag|load|sled|horse|dog|ladder|rail))|\\b(?:tie|tied|tying) (?:a |the |my )?(?:rope|belt|cord) (?:to|around|round|over|from) (?:the |a |my )?(?:ceiling|beam|rafters?|banister|railing|closet rod|door ?frame|ceiling fan|fan|pipe|hook)\\b|\\bthe (?:rope|belt) (?:broke|snapped)\\b|\\b(?:the |my )?rope is (?:ready|up|tied)\\b|\\b(?:bought|buy|got|get|have|found) (?:a |the |some )?(?:rope|belt|cord)\\b" },
  { code: 'method.firearm', anchors: ['pull', 'trig', 'gun', 'pist', 'revo', 'barr', 'shoo', 'bull', 'head', 'mout', 'temp', 'chin'], kind: 'method', category: 'suicide', level: 4, strong: true,
    re: `\\bpull(?:ing)? the (?:fucking |fuckin |fking |damn |goddamn )?trigger\\b|\\b(?:gun|pistol|revolver|barrel|\\d{3,4}) to my (?:head|mouth|temple|chin)\\b|\\bshoot(?:ing)? ${SELF}|\\b(?:gun|pistol|barrel) (?:to|in|against) my (?:head|mouth|temple|chin)|\\bbullet (?:in|through) my (?:head|brain)` },
  { code: 'method.cutting', anchors: ['knif', 'kniv', 'blad', 'razo', 'glas', 'cut', 'shre', 'slit', 'vert', 'deep', 'stit', 'blee'], kind: 'method', category: 'self_harm', level: 4, strong: true,
    re: "\\b(?:knife|knives|blade|blades|razor|razors|glass) (?:to|down|across|on|into|against) my (?:wrists?|arms?|throat|skin|thighs?)\\b(?:(?![^.!?\\n]{0,60}\\b(?:cooking|chefs?|culinary|cookery)\\b)(?<!\\b(?:cooking|chefs?|culinary|cookery)\\b[^.!?\\n]{0,60})" + OR_SECOND_SIGNAL + "|(?=[^]{0,200}?" + HEIGHT_SIGNAL + ")|(?<=" + HEIGHT_SIGNAL + "[^]{0,200}))|\\bcutting (?:my )?wrists?\\b|\\bshredded my (?:arms?|wrists?|legs?)\\b|\\bslit(?:ting)? (?:down |across )?(?:my |both )?(?:wrists?|throat)|\\bcut(?:ting)? (?:my )?(?:wrists?|throat) (?:open|vertically|deep|down the)|\\b(?:vertical|deep) cuts?\\b|\\bcut (?:too |so |really )?deep\\b|\\bneed(?:ed|s)? stitches\\b|\\bbleed(?:ing)? out\\b" },
  { code: 'method.gas_poison', anchors: ['heli', 'drin', 'dran', 'swal', 'blea', 'anti', 'pois', 'char', 'sodi', 'how', 'carb', 'exha', 'boug', 'buy', 'orde', 'got', 'take', 'took', 'taki'], kind: 'method', category: 'suicide', level: 4, strong: true,
    re: "\\bhelium bag|\\b(?:drink|drinking|drank|swallow) (?:the )?(?:bleach|antifreeze|poison|rat poison|drain cleaner)\\b|\\bcharcoal (?:burning|in (?:a|my) (?:room|car))|\\b(?:bought|buy|buying|ordered|order|ordering|got|take|took|taking|drink|drank|swallow(?:ed)?) (?:some |the |a bottle of |my )?sodium nitrite\\b|\\bsodium nitrite (?:will |would |could |can |to |enough to )?(?:kill|end it|die)\\b|\\bhow much sodium nitrite\\b|\\bhow (?:successful|effective|painless|painful|lethal|reliable|quick|fast|long) (?:is|would|will|does) (?:\\w{1,24} ){0,2}?(?:carbon monoxide|exhaust fumes|helium|sodium nitrite|charcoal)\\b|\\b(?:carbon monoxide|helium|sodium nitrite|exhaust fumes) (?:is|would be|was|seems) (?:the )?(?:best|easiest|most painless|quickest|surest|least painful|most peaceful) (?:way|method)\\b|\\bcarbon monoxide (?:by|from|with) charcoal\\b" },
  // A gas or poison named without the writer's acquisition or intent ("cured meats contain sodium
  // nitrite", "the carbon monoxide alarm went off"): a weak means, method detail only beside risk (since 1.5.1).
  { code: 'method.gas_means', anchors: ['carb', 'exha', 'heli', 'sodi'], kind: 'method', category: 'suicide', level: 4,
    re: "\\bcarbon monoxide\\b|\\bexhaust (?:fumes|pipe)\\b|\\bhelium tank|\\bsodium nitrite\\b" },
  // "The most painless way to go", "how to die peacefully" with nothing tying it to the writer's own
  // death ("Flying is the most painless way to go", a grandmother in hospice): a weak means, method
  // detail only beside risk (since 1.5.1; method.dose_question keeps the forms about the writer).
  { code: 'method.way_to_go', anchors: ['pain', 'most', 'die'], kind: 'method', category: 'suicide', level: 4,
    re: "\\b(?:most )?painless (?:way|ways|method) to go\\b(?= ?(?:[.!?;,]|$))|\\bdie(?<=\\b(?:way|ways|how) to die) (?:painlessly|quickly|peacefully|fast|without pain)\\b" },
  // Since 1.8.29: which of two ways to die hurts less ("which is less painful, hanging or pills", "jumping or a gun, which
  // one is more painful?"): a method question when two of the named methods are weighed. Not a tattoo or childbirth.
  { code: 'method.compare_pain', anchors: ['whic', 'what'], kind: 'method', category: 'suicide', level: 4, strong: true,
    // Every alternative starts at "which" / "what" (the two methods before it are read behind), so that it runs only there.
    // Since 1.8.32 also "which hurts less (for me)" and "painfull" (COMPARE_HOW).
    re: `\\b(?:which|what)${COMPARE_HOW}\\b(?: for (?:me|someone|a person))?[,:;?]? ?(?:to die by |to die from |of |between )?(?:the |a |an )?${COMPARE_METHOD}\\b,? or (?:by |a |an |the )?${COMPARE_METHOD}\\b|` +
      `\\b(?:which|what)(?=${COMPARE_HOW}\\b)(?<=\\b${COMPARE_METHOD},? or (?:by |a |an |the )?${COMPARE_METHOD}\\b[^.!?\\n]{0,24}?(?:which|what))${COMPARE_HOW}\\b|` +
      `\\b(?:which|what)(?=(?: one)? (?:(?:would you|should i|do i) (?:choose|pick|go (?:with|for))|(?:is|would be) (?:quicker|faster|surer|more certain|more reliable|more effective|less messy))\\b)(?<=\\b${COMPARE_METHOD},? or (?:by |a |an |the )?${COMPARE_METHOD}\\b[^.!?\\n]{0,24}?(?:which|what))(?: one)? (?:(?:would you|should i|do i) (?:choose|pick|go (?:with|for))|(?:is|would be) (?:quicker|faster|surer|more certain|more reliable|more effective|less messy))\\b` },
  // After review of 1.8.29: the question is the writer's, at 4 only beside a first-person word ("kill me", "i", "myself")
  // or standing alone as the whole message; not beside a class, homework, a game, a story, a child, a pet, a grandparent,
  // a ladder, a hike or someone's fall, within 80 characters after or before, across "?" ("would a 10 meter fall be fatal?
  // physics homework question", "is a 30 foot fall fatal? my grandpa fell off a ladder").
  // Since 1.8.29: whether a fall from a height would kill ("would a 4 story drop be enough to kill someone", "is a 60 foot
  // fall fatal"): a question about lethality, not in a game or a film.
  { code: 'method.height_lethal', anchors: ['drop', 'fall', 'jump', 'stor'], kind: 'method', category: 'suicide', level: 4, strong: true,
    re: "\\b(?:drop|fall|jump)\\b(?<=\\b(?:would|will|is|could|can) (?:a |an |the )?(?:\\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|thirty|fifty|hundred) ?-? ?(?:story|storey|stories|storeys|floor|floors|foot|feet|ft|meter|metre|meters|metres|m) (?:drop|fall|jump)) (?:be )?(?:(?:high |tall |big )?enough to (?:kill|be fatal|be lethal|end it)|fatal|lethal|deadly|kill (?:me|you|someone|a person|somebody))\\b(?![^.!?\\n]{0,60}\\b(?:games?|minecraft|fortnite|character|npc|movie|film|show|physics|homework|fall damage)\\b)" +
      // Since 1.8.32: the jump or the fall told with the height's place ("would jumping off a 4 story building kill me", "would
      // a fall from 4 stories kill me"); a game only when it is named right after the question (NOT_IN_A_GAME: "… kill me in
      // minecraft"), as for a way to die, so that "… kill me, this isn't a game" is read.
      // Since 1.8.33 also "jumping from" ("would jumping from a 4 story building kill me"), and the height alone asked of
      // ("is 4 stories enough to kill me", "are 10 floors high enough to kill me").
      "|\\bjumping\\b(?<=\\b(?:would|will|could|can|does|is) jumping) (?:off (?:of )?|from )(?:a |an |the |my |our |this |that )?" + HEIGHT + "(?: (?:tall|high|up))? (?:[a-z]+ )?" + HEIGHT_PLACE_JUMP + "s? " + HEIGHT_KILLS + NOT_IN_A_GAME +
      "|\\bjumping\\b(?<=\\b(?:would|will|could|can|does|is) jumping) (?:off (?:of )?|from )(?:a |an |the |my |our |this |that )?" + HEIGHT + "(?: (?:tall|high|up))? (?:[a-z]+ )?" + HEIGHT_PLACE_MORE + "s? " + HEIGHT_KILLS + NOT_IN_A_GAME + HEIGHT_SECOND +
      "|\\bfall\\b(?<=\\b(?:would|will|could|can|is) (?:a |the )?fall) from (?:a |an |the |my )?" + HEIGHT + "(?: (?:tall|high|up))?(?: (?:[a-z]+ )?" + HEIGHT_PLACE_FALL + "s?)? " + HEIGHT_KILLS + NOT_IN_A_GAME +
      "|\\bfall\\b(?<=\\b(?:would|will|could|can|is) (?:a |the )?fall) from (?:a |an |the |my )?" + HEIGHT + "(?: (?:tall|high|up))? (?:[a-z]+ )?" + HEIGHT_PLACE_MORE + "s? " + HEIGHT_KILLS + NOT_IN_A_GAME + HEIGHT_SECOND +
      "|\\b(?:stories|storeys|story|storey)\\b(?<=\\b(?:is|are|would|will) (?:\\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty) ?-? ?(?:stories|storeys|story|storey)) (?:(?:high |tall |up )?enough to (?:kill me|die|be fatal|be lethal|end it)|(?:be )?(?:fatal|lethal|deadly)|kill me)\\b" + NOT_IN_A_GAME },
  { code: 'method.overdose_on', anchors: ['over', 'od', 'oding', 'take', 'taki', 'swal'], kind: 'method', category: 'suicide', level: 4, strong: true,
    re: `\\b(?:overdos(?:e|ing)|od(?:ing)?) on (?:my |all my |the |his |her )?\\w+|\\b(?:take|taking|swallow|swallowing) (?:all|every one|a bottle|the whole bottle|a handful|handfuls)(?: of)?(?: (?:my|the|his|her|their))? ${PILLS}` },
  // Since 1.8.30: a count of pills after a word of intent ("im going to take 40 pills tonight", "i will take 40 pills",
  // "i want to take 40 pills", "im swallow 40 pills", "i'm taking 40 pills tonight"): the count act.taken reads as an
  // overdose (ten and more; melatonin and zzzquil twenty and more, by PILLS), told before it is done. Not a dose ("50 mg"),
  // not a frequency or a course ("3 a day", "over the next month"), not a trip to the pharmacy, a disposal, counting or
  // sorting for work or a pill organiser; "not going to", "used to plan to" and "what happens if someone takes" do not match.
  { code: 'method.overdose_count', anchors: ['take', 'taki', 'swal', 'down', 'pop', 'chug', 'od', 'over'], kind: 'method', category: 'suicide', level: 4, strong: true,
    re: `\\b(?:take|swallow|down|pop|chug|od on|overdose on)(?<=${INTENT_TO_TAKE} (?:(?:just|finally|actually|really|literally|definitely|seriously|simply) )?(?:take|swallow|down|pop|chug|od on|overdose on))(?<!\\b(?:pharmacy|pharmacist|chemist|dispensary|organi[sz]er|pill ?box|dosette)\\b[^.!?\\n]{0,80})${PILL_COUNT}${UNDER_20_SLEEP_AID}|` +
      `\\b(?:taking|swallowing|downing|popping|chugging)(?<=\\b(?:i'?m|im|i am) (?:(?:just|finally|actually|really) )?(?:taking|swallowing|downing|popping|chugging))(?<!\\b(?:pharmacy|pharmacist|chemist|dispensary|organi[sz]er|pill ?box|dosette)\\b[^.!?\\n]{0,80})${PILL_COUNT}${UNDER_20_SLEEP_AID}(?=[^.!?\\n]{0,40}\\b(?:tonight|today|right now|now|this (?:evening|afternoon|morning))\\b)` },
  { code: 'method.means_near', anchors: ['get', 'got', 'grab', 'pill', 'tabl', 'meds', 'medi', 'slee', 'pain', 'para', 'tyle', 'acet', 'ibup', 'aspi', 'xana', 'benz', 'oxy', 'opio', 'insu', 'anti', ...NAMED_DRUG_STEMS, 'gun', 'pist', 'rifl', 'shot', 'razo', 'blad', 'rope', 'load', 'boug', 'buy', 'tall', 'high', 'trai', 'rail'], kind: 'method', category: 'suicide', level: 3,
    re: `\\b(?:get|got|grab|grabbed) my (?:knife|blade|razor|gun|pills)\\b|\\b(?:the |my |those |these |all the )${PILLS} in (?:the|my) (?:cabinet|drawer|closet|bathroom|room|bag|car)|\\b(?:my|dad'?s|his|our) (?:gun|pistol|rifle|shotgun|razors?|blades?|rope)\\b|\\b(?:loaded|bought (?:a|the)|buy a|get a|got (?:a|the)) (?:gun|pistol|rifle|shotgun)\\b|\\b(?:tallest|highest) (?:building|tower|parking (?:garage|structure)|roof)s?\\b|\\b(?:train|railway|rail) tracks\\b` },
];

/**
 * Since 1.8.28, a goodbye: "i'm going to a better place" beside the writer's own absence ("i won't be here next week").
 * After review of 1.8.28 (all were 4): the absence is the writer's ("she won't be here" is not), and not "won't be here
 * forever" (a mortal's plain fact); not after "if", "when i die", "when my time comes" or someone's "said"; and not beside an
 * everyday reason within 120 characters (withdrawn before shipping 1.8.31, see below: it lowered real goodbyes). The words of 1.8.28's own exclusion (work, school, a job,
 * a flat, ... within 60 characters after) no longer count after "no more", "not even my boss at" or "don't have to go to"
 * ("a better place, no more work, no more school, no more pain": 4, was 0).
 */
const BETTER_PLACE_FORM =
  "(?:i'?m|im|i am|i'?ll be|ill be|i will be) (?:(?:finally|just|probably|prob|soon) )?(?:going|gonna go|goin|off|headed|heading|moving on|on my way) to (?:a|the) better place";
const MY_ABSENCE =
  "(?:(?:\\bi'?m|\\bim|\\bi am|\\bi) (?:(?:just|probably|prob|prolly|really|definitely|soon|gonna|going to) )?(?:won't|will not|not going to|not gonna|not) be (?:here|around)\\b(?! for ?ever\\b)|\\b(?:i'?ll|ill|i will) be gone\\b)";
const BETTER_PLACE_GOODBYE =
  `|\\bbetter place\\b(?<=\\b${BETTER_PLACE_FORM})` +
  `(?<!\\b(?:if|when i die|when i pass|when my time comes|said|says|thinks|thought|told me|tells me)(?: that)?,? ${BETTER_PLACE_FORM})` +
  "(?![^.!?\\n]{0,60}\\b(?<!\\bno (?:more )?)(?<!\\bnot even (?:my )?(?:\\w+ )?(?:at )?)(?<!\\b(?:don't|dont|never|won't|wont) (?:have|need) to (?:go to |do |deal with )?)(?:work|job|jobs|flat|apartment|house|rent|school|uni|college|salary|career|company|team|neighbou?rhood|city|town|mentally|financially)\\b)" +
  // (Withdrawn before shipping 1.8.31: an everyday-reason exclusion (EVERYDAY_HERE) still lowered goodbyes that
  // name rehab, a graduation or a move — "im going to a better place, i wont be here to see you graduate", "… no more
  // rehab no more pain" — 4 on 1.8.28, 0 with it. Its false alarms (a holiday, a new job) are accepted again.)
  `(?:(?<=${MY_ABSENCE}[^]{0,160}better place)|(?=[^]{0,160}${MY_ABSENCE}))`;
/** Time, goodbye and planning cues: scanned in a third pass; they only raise other signals (or stand alone for goodbyes). */
export const CUE_RULES: Rule[] = [
  { code: 'goodbye.last_message', anchors: ['last', 'fina', 'good', 'bye', 'time', 'won', 'not', 'note', 'lett', 'gave', 'givi', 'give', 'see', 'ever', 'read', 'find', 'deal', 'worr', 'put', 'look', 'bett', 'suic', 'fare'], kind: 'goodbye', category: 'suicide', level: 4,
    // Since 1.8.28 also "going to a better place" beside an absence ("i won't be here next week"), not for a job or a flat.
    re: "\\bthis (?:is|will be|'s) (?:my|the) (?:very )?(?:last|final) (?:message|post|text|note|words?|goodbye|(?:open )?letter(?= ?(?:to (?:everyone|everybody|all|my|the world|you)|\\.|,|!|$))|time (?:you'?ll|anyone will) hear from me)|\\b(?:goodbye|good bye|bye) (?:everyone|everybody|all|world|forever|cruel world|for(?: |-)?ever|for good)\\b|\\b(?:by the time|when|if) (?:you|anyone|someone|somebody|they) (?:read|reads|see|sees|find|finds) this,? (?:i'?ll|i will|i'?m|i am|i)\\b|\\bi won'?t be (?:here|around|alive) (?:for )?(?:tomorrow|tmrw|tmr|2morrow|2moro|tomorow|tommorow|tommorrow|much longer|by (?:morning|tomorrow|tmrw|tmr|2morrow|then|next week|the weekend|the end of the (?:week|month))|anymore after tonight)|\\bnot(?<=(?:^|[.!?\\n]\\s{0,3}|\\b(?:i'?m|im|i am) )not) (?:going to|gonna) be (?:here|around|alive) (?:for )?(?:tomorrow|tmrw|tmr|2morrow|2moro|tomorow|tommorow|tommorrow|much longer|by (?:morning|tomorrow|tmrw|tmr|2morrow|then|next week|the weekend|the end of the (?:week|month))|anymore after tonight)|\\b(?:wrote|written|writing|finished|left|leaving) (?:my|a) suicide (?:note|letter|message)s?|\\b(?:wrote|written|writing|finished|left|leaving) (?:my|a) (?:goodbye|farewell) (?:note|letter|message)s?(?:(?![^.!?\\n]{0,40}\\b(?:co-?workers?|colleagues?|team|teammates|class|classmates|students|job|office|staff|clients|customers|boss|manager|company|retirement|last day (?:at|of) work)\\b)|(?<=" + HEIGHT_SIGNAL + "[^]{0,200}?\\b(?:wrote|written|writing|finished|left|leaving) (?:my|a) (?:goodbye|farewell) (?:note|letter|message)s?))|\\b(?:suicide|goodbye) (?:note|letter)\\b|\\b(?:gave|giving|give|given) away (?:all (?:of )?|most of )?(?:my|of my) (?:stuff|things|belongings|possessions|cat|dog|pets?)|\\b(?:gave|giving|given) away everything i (?:own|have|had)\\b|\\bthis is (?:it,? )?goodbye\\b(?! to\\b)|\\b(?:you|they|everyone|people|nobody|no one) (?:won'?t|will not|wont) (?:have|need) to (?:deal with|worry about|put up with|look after) me (?:for )?(?:much longer|any longer|for long)\\b|\\bsee (?:you|ya) (?:all )?(?:on the other side|in (?:the )?next life)|\\b(?:my|the) (?:suicide |goodbye )?note is (?:written|done|ready)\\b|\\b(?:my|the) (?:suicide |goodbye )?note (?:written|done|ready)\\b(?= ?(?:and|\\.|,|!|$))|\\bnote\\b(?<=\\b(?:wrote|written|writing|finished) my (?:last |final )?note)(?= ?(?:[.!?;,]|$|(?:and|i|i'm|im|you)\\b|now\\b|already\\b|tonight|today|(?:to|for) (?:you all|all of you|everyone|everybody|my (?:family|loved ones|kids|children|parents))(?= ?(?:[.!?;,]|$|and\\b))))|\\b(?:i'?ve|i have) (?:got )?everything (?:planned|ready|sorted)\\b|\\bfinal goodbye\\b|\\blast goodbye\\b" + BETTER_PLACE_GOODBYE },
  { code: 'plan.have_plan', anchors: ['plan', 'date', 'time', 'meth', 'thin', 'how', 'rese'], kind: 'plan', category: 'suicide', level: 0,
    re: "\\b(?:i have|i've got|i got|made|making|have made|worked out|figured out) (?:a |my |the )?(?:plan|plans|date|time|method)\\b(?= ?(?:to|for|of|and|now|already|ready|\\.|,|$))|\\bplanned (?:it|everything|how|when|the date)\\b|\\b(?:set|picked|chose|chosen) (?:a |the )?date\\b|\\bthinking (?:about|of) how (?:i'?d|i would|i will|i could|to) do it\\b|\\bhow i(?:'?d|'?ll| would| will| could|'?m going to| am going to|'?m gonna) do it\\b|\\bresearch(?:ed|ing)? (?:ways|methods|how)\\b" },
  { code: 'farewell.sorry', anchors: ['sorr', 'love', 'forg', 'than', 'time', 'over', 'turn', 'doin', 'read', 'lett', 'note', 'worr', 'affa', 'orde', 'sort', 'hear'], kind: 'farewell', category: null, level: 1,
    re: "\\b(?:i'?m|im|i am) (?:so )?sorry for everything\\b|\\btell (?:my|them|everyone|her|him) (?:family |mom |mum |dad |parents )?(?:that )?i (?:love|loved|'m sorry|am sorry)|\\bplease forgive me\\b|\\bthank(?:s| you) for (?:everything|(?:all )?the (?:good )?memories)\\b|\\bi love you all\\b|\\bit'?s (?:finally )?(?:time|over)\\b(?= ?(?:\\.|!|$|now|for me))|\\bno turning back\\b|\\b(?:you'?ll|you will|you|no ?one will|nobody will) never hear from me again\\b|\\b(?:you|no ?one|nobody) (?:won'?t|will not|wont) (?:ever )?hear from me again\\b|\\b(?:wrote|written|writing|left) (?:letters|notes|a letter|a note) (?:to|for) (?:each of |all of )?(?:my (?:family|parents|kids|children|friends|sisters?|brothers?|wife|husband|partner)|everyone|everybody)\\b|\\b(?:nobody|no one|no-one) (?:has|needs|will have|will need) to worry about me (?:anymore|any more|ever again)\\b|\\b(?:i'?ve|i have) (?:sorted (?:everything|all my affairs|my affairs) out|(?:sorted|put) (?:everything|all my affairs|my affairs) in order)\\b|\\b(?:i'?m|i am) (?:finally )?(?:doing it|ready)\\b(?= ?(?:tonight|now|today|within|in (?:an|a few|\\d+) (?:hours?|minutes?|mins?)|\\.|!|$))" },
  { code: 'time.imminent', anchors: ['toni', '2nig', 'righ', 'now', 'rn', 'toda', 'even', 'afte', 'morn', 'hour', 'minu', 'mins', 'min', 'hrs', 'hr', 'asle', 'slee', 'bed', 'out'], kind: 'time', category: null, level: 0,
    re: "\\b(?:tonight|tonite|2night|right now|rn|today|this (?:evening|afternoon|morning)|in (?:an|a few|\\d+|a couple of|one|two) (?:hours?|minutes?|mins?|hrs?)|when (?:everyone|they|my \\w{1,24}) (?:is|are|goes|go|falls?) (?:asleep|to sleep|to bed|out))\\b" },
];

/**
 * Markers (since 1.8.3): phrases the readings after the scan need ("do it" + a time, "join him", "the
 * thoughts are back", a bare goodbye, "ending it together"). Scanned in their own pass like the rules
 * above, so that a text without them costs nothing more than the anchor look-ups; they never become
 * hits or reasons, and never hide another rule's match.
 */
export const MARKER_RULES: Rule[] = [
  { code: 'marker.do_it', anchors: ['do', 'doin'], kind: 'marker', category: null, level: 0, re: "\\bdo(?:ing)? it\\b" },
  { code: 'marker.join', anchors: ['join', 'foll', 'with'], kind: 'marker', category: null, level: 0, re: "\\b(?:join|follow) (?:him|her|them)\\b|\\bbe with (?:him|her|them) (?:again|in heaven|up there|on the other side|in the afterlife|forever)\\b" },
  { code: 'marker.thoughts_back', anchors: ['thou', 'urge', 'idea', 'havi', 'gett', 'thin'], kind: 'marker', category: null, level: 0,
    re: "\\b(?:thoughts?|urges?|ideations?) (?:(?:are|is|have|has|r|'re|'ve) )?(?:(?:all|now|just|slowly|suddenly|totally|definitely) )?(?:back|coming back|come back|came back|returned|returning|creeping back|creeping in again|starting again|started again)\\b|\\b(?:having|getting|thinking) (?:those|these|the same|the|suicidal|dark) thoughts again\\b" },
  { code: 'marker.goodbye', anchors: ['good', 'fare', 'bye'], kind: 'marker', category: null, level: 0, re: "\\bgood(?:-| )?bye\\b|\\bfarewell\\b|\\bbye (?:everyone|everybody|all|world|y'all)\\b" },
  { code: 'marker.together', anchors: ['end'], kind: 'marker', category: null, level: 0, re: "\\bend(?:ing)? it together\\b" },
  // Since 1.8.21: "die" with a time right after it, or after a time opening the clause ("tonight i die"; read by addDieAtTime).
  { code: 'marker.die_time', anchors: ['die', 'dying', 'dead'], kind: 'marker', category: null, level: 0, re: `\\bdie(?= ?(?:together )?${DIE_TIME}\\b)|\\bdie(?<=\\b(?:tonight|tonite|2nite|2night|today|tomorrow|tmrw|2morrow)\\b[^.!?\\n]{0,40}die)\\b` +
      // Since 1.8.22: "i'm dying tonight" (only "tonight" — and "today" since 1.8.24 —, only after "i'm": read by addDieAtTime) and "die" in the sentence
      // after one that is only the time ("its tonight. im going to die").
      `|\\bdying(?= ?(?:tonight|tonite|2nite|2night|tn|today|2day)\\b)(?<=\\b(?:i['’‘\`´]?m|im|i am) (?:(?:really|actually|literally) )?dying)` +
      `|\\bdie(?<=\\b(?:tonight|tonite|2nite|2night|today|tomorrow|tmrw|2morrow) ?[.!…]+ ?[^.!?\\n]{0,40}die)\\b` +
      // Since 1.8.23: "die by" a time ("die by tonight", "die by the end of the week") and "i'll be dead by tonight".
      `|\\bdie(?= by (?:${DIE_TIME}|${DIE_BY_END})\\b)` +
      `|\\bdead(?= by (?:${DIE_TIME}|${DIE_BY_END})\\b)(?<=\\b(?:i['’‘\`´]?ll|ill|i will|(?:i['’‘\`´]?m|im|i am) (?:gonna|going to)) be dead)` +
      // Since 1.8.24's review: "we'll both be dead tonight", "we will be dead together tomorrow" (a pact, read as "we'll die").
      `|\\bdead(?= (?:together )?(?:by )?${DIE_TIME}\\b)(?<=\\bwe(?:['’‘\`´]?ll| will| shall|['’‘\`´]?re (?:gonna|going to)| are (?:gonna|going to)) (?:both )?be dead)` },
];

/**
 * Preparation (since 1.8.8): steps the writer has taken to leave things settled — rehoming a pet,
 * giving things to someone, putting affairs in order, a will, letters to everyone, deleted accounts,
 * goodbyes said. C-SSRS counts them as preparatory acts. Scanned in their own pass so that they stand
 * beside the farewells they overlap ("I wrote letters to everyone"); a plan cue of level 0 that only
 * raises risk the writer states elsewhere (to 4, see `combine`), never a reason on its own.
 */
/** The writer as the one who did it: "I", "I've", "just", "and" continuing their sentence, or a sentence opening on the verb. */
const PREP_SUBJECT = "(?:\\b(?:i|i've|i have|i had|ive|just|already|finally|and)(?:\\s(?:just|already|finally|quietly|now|also|even))?\\s|(?<=(?:^|[.!?;,\\n])\\s{0,3}))";
export const PREPARATION_RULES: Rule[] = [
  { code: 'plan.preparation', anchors: ['gave', 'give', 'givi', 'reho', 'home', 'foun', 'put', 'got', 'sort', 'set', 'wrot', 'writ', 'made', 'upda', 'fini', 'sign', 'left', 'dele', 'clos', 'canc', 'said', 'clea', 'tidi'], kind: 'plan', category: 'suicide', level: 0, subject: 'self',
    re: [
      `(?:gave|given|giving) (?:away )?(?:all )?(?:of )?(?:my|our) (?:\\w+ )?(?:cats?|dogs?|pets?|kittens?|pupp(?:y|ies)|rabbits?|hamsters?|birds?|fish|guitar|things|stuff|belongings|possessions|clothes|books|games|jewel\\w*|savings|plants?|car|bike|laptop) (?:away|to (?:my|a|the|our|his|her) \\w+)`,
      `(?:rehomed|re-homed|re homed|found (?:a )?(?:new )?homes? for) (?:my|our) (?:\\w+ )?(?:cats?|dogs?|pets?|kittens?|pupp(?:y|ies)|rabbits?|hamsters?|birds?|fish)`,
      `(?:put|got|sorted|set) (?:all )?(?:of )?(?:my|our) (?:affairs|finances|papers|paperwork) (?:in|into) order`,
      `(?:put|got|set) everything in order`,
      `(?:wrote|written|made|updated|finished|signed|sorted)(?: out)? (?:my|a) will`,
      `(?:wrote|written|left|finished) (?:letters|notes|a letter|a note) (?:to|for) (?:each of |all of )?(?:everyone|everybody|you all|my (?:family|parents|kids|children|friends|wife|husband|partner))`,
      `(?:deleted|closed) (?:all )?(?:of )?my (?:\\w+ )?(?:accounts|profiles|socials|social media)`,
      `(?:cancelled|canceled) (?:all )?(?:of )?my (?:\\w+ )?(?:subscriptions|accounts|contracts)`,
      `said (?:my )?(?:last )?goodbyes? to (?:everyone|everybody|my (?:family|kids|children|parents|friends|wife|husband|partner|mum|mom|dad|dog|cat))`,
      `(?:cleaned|tidied|cleared out) (?:my|the) (?:room|flat|apartment|house) so (?:that )?(?:nobody|no one|noone|they|mum|mom|dad|my \\w+) (?:has|have|won't have|doesn't have|will not have|wont have) to`,
    ].map((alt) => `${PREP_SUBJECT}${alt}\\b`).join('|') },
];
