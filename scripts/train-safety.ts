/**
 * Trains the small learned second signal of the safety screen ("model.despair") and writes
 * src/safety/model/weights.ts. A hashed unigram+bigram logistic regression (2^16 buckets, int8).
 *
 *   npx tsx scripts/train-safety.ts            # a few seconds on one core
 *
 * LICENCE RULE: the shipped weights are derived ONLY from
 *  - cssrs_reddit_500users — Manas Gaur, Amanuel Alambo, Joy Prakash Sain, Ugur Kursuncu,
 *    Krishnaprasad Thirunarayan, Ramakanth Kavuluru, Amit Sheth, Randy Welton, Jyotishman Pathak.
 *    "Knowledge-aware Assessment of Severity of Suicide Risk for Early Intervention", The Web
 *    Conference (WWW) 2019. Zenodo doi:10.5281/zenodo.2667859. Licence CC BY 4.0 (attribution above).
 *    Only users in the DEV fold of scripts/eval-safety.ts are used, so its validation fold stays unseen.
 *  - davidson_hate_offensive — Thomas Davidson, Dana Warmsley, Michael Macy, Ingmar Weber. "Automated
 *    Hate Speech Detection and the Problem of Offensive Language", ICWSM 2017. MIT licence
 *    (Copyright (c) 2017 Tom Davidson). Tweets are used as everyday negatives.
 *  - sentences written by the Kindred project itself (below).
 * No other data set is read here. The decision threshold is chosen on the eval DEV fold
 * (`npm run eval:safety -- --curve`), and set in src/safety/model/despair.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { BITS, forEachFeature } from '../src/safety/model/features.js';
import { dataDir, fnv1a, readJsonl, repoRoot } from './data.js';

const outFile = path.join(repoRoot, 'src/safety/model/weights.ts');

const isDevFold = (set: string, id: string): boolean => fnv1a(`${set}:${id}`) % 10 < 4;

/**
 * The C-SSRS text went through a medical-concept normaliser that replaced ordinary words by concept
 * names. Map the clear ones back; drop the rest (they are not words people write).
 */
const CONCEPT_BACK: [RegExp, string][] = [
  [/\bHyperactive behavior\b/g, 'like'],
  [/\bDepressed mood\b/g, 'sad'],
  [/\bMental Depression\b/g, 'depressed'],
  [/\bChest Pain\b/g, ' '],
  [/\bPain\b/g, 'hurt'],
  [/\bAche\b/g, 'ache'],
  [/\bAsthenia\b/g, 'weak'],
  [/\bTired\b/g, 'tired'],
  [/\bExhaustion\b/g, 'exhausted'],
  [/\bCrying Reflex\b/g, 'cry'],
  [/\bIrritable Mood\b/g, 'irritable'],
  [/\bHypothermia\b/g, 'cold'],
  [/\bAnger\b/g, 'angry'],
  [/\bPhobia\b/g, 'fear'],
  [/\bDrug abuse\b/g, 'drugs'],
  [/\bAttention deficit hyperactivity disorder\b/gi, 'adhd'],
  [
    /\b(?:Attention Deficit Disorder|Ventricular Dysfunction|Respiratory Distress Syndrome|Hypersomnia|Myelocytic|Mania Leukemia|Leukemia|Dysfunction|Abnormal behavior|Abnormal|Illness|Nausea|Mood)\b/g,
    ' ',
  ],
];
function unNormalise(t: string): string {
  let out = t;
  for (const [re, by] of CONCEPT_BACK) out = out.replace(re, by);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Sentences written by the Kindred project (not taken from any data set).
// ---------------------------------------------------------------------------------------------

/** Everyday and stressed language: negatives. */
const OWN_NEGATIVE = [
  'had a great time at the beach with my cousins today',
  'does anyone know a good recipe for banana bread',
  'my dog learned to sit this week and I am so proud of him',
  'work was busy but I managed to finish the report before the weekend',
  'we are planning a small party for my mum on saturday',
  'this exam is killing me, three more chapters to go',
  'I was dying of laughter at the wedding speech',
  'my feet are killing me after that hike',
  'I would die for a slice of pizza right now',
  'the traffic this morning was a nightmare but I made it',
  'I am so stressed about my driving test tomorrow',
  'my boss keeps piling work on me and I am exhausted',
  'feeling nervous about the job interview but I prepared a lot',
  'I cried at the end of the movie, it was so beautiful',
  'finals week is brutal, I have barely slept',
  'my roommate never does the dishes and it drives me crazy',
  'I failed my chemistry quiz but I can retake it next week',
  'money is tight this month so I am cooking at home more',
  'I feel anxious before every presentation but it usually goes fine',
  'my parents are fighting about the holidays again, so annoying',
  'I am tired after the night shift but the weekend is coming',
  'thanks everyone for the advice, I talked to my teacher and it helped',
  'I started therapy last month and it is slowly helping',
  'went for a run and felt so much better afterwards',
  'my phone died in the middle of the call lol',
  'the plants on my balcony finally have flowers',
  'I miss my friends from back home but we video call every week',
  'my sister is visiting next week and I cannot wait',
  'honestly this group is the best part of my day',
  'I got the job! starting on monday',
  'we watched a horror movie and I screamed the whole time',
  'I am bored out of my mind in this lecture',
  'what are you all reading at the moment',
  'my cat sleeps on my keyboard every time I try to work',
  'the coffee machine at work broke and everyone is grumpy',
  'I burned the rice again, cooking is hard',
  'is it normal to feel nervous before a first date',
  'I had a rough week at school but my friends cheered me up',
  'my grandma taught me how to knit and it is very relaxing',
  'the bus was late and I missed my class, ugh',
  'I am so done with this assignment, it is due tonight',
  'my team lost the match but we played well',
  'does anyone have tips for sleeping better during exams',
  'I feel a bit lonely since moving but the neighbours are nice',
  'breakups are hard but I am getting through it with my friends',
  'today I finally cleaned my room and it feels amazing',
  'my little brother is so annoying but I love him',
  'my manager said I did a good job on the project',
  'I have been stressed about rent but I found a second job',
  'I hate mondays so much',
  'this weather is depressing, rain every single day',
  'I am so embarrassed, I waved at someone who was not waving at me',
  'lol my mom is going to kill me when she sees my hair',
  'can someone explain how to cook pasta without it sticking',
  'I am grateful for the people here, you helped me through a hard time',
  'my anxiety was high today but I used the breathing exercise and it worked',
  'we adopted a kitten and named her pepper',
  'the concert last night was incredible',
  'I keep procrastinating on my essay, send help',
  'I am learning to play the guitar, my fingers hurt',
  'the new season of that show is so good',
  'I got into the university I wanted',
  'I had a panic attack on the train but it passed and I am okay now',
  'my exams start next week and I am freaking out a little',
  'I need to vent, my coworker took credit for my idea',
  'I am moving house and everything is chaos',
  'my best friend is getting married and I am the bridesmaid',
  'we had a picnic in the park and played frisbee',
  'the gym was packed today',
  'I stayed up too late gaming again',
  'I hurt my ankle playing football, it is swollen',
  'I am worried about my grades but I talked to my tutor',
  'I feel overwhelmed with chores but I made a list',
  'my kid drew a picture of our family and it made my day',
  'I want to get better at saying no to people',
  'what helps you relax after a long day',
  'I have been so busy I forgot to eat lunch',
  'we argued but then we talked it through and made up',
  'I am excited for the trip next month',
  'my teacher was so unfair today',
  'I messed up my presentation and everyone laughed, I want to hide under a rock',
  'I am sick with a cold and stuck in bed',
  'my car broke down on the highway, what a day',
  'I just want to sleep for a whole weekend after this week',
  'I want to disappear into a good book this weekend',
  'this project is going to be the death of me haha',
  'i could kill for a burger right now',
  'my heart broke a little when the dog in the movie got hurt',
  'I am so tired of this rain',
  'nothing beats a hot shower after a cold day',
  'I feel stuck in my career and I am thinking about a change',
  'my family is stressing me out about college applications',
  'I love my job but the commute is exhausting',
  'I am starting a new hobby, pottery',
  'I am not okay with how my landlord treats us',
  'we are fine, just a long week',
  'the kids are finally asleep, time for tea',
  'I lost my keys again',
  'my plants keep dying no matter what I do',
  'I hope everyone has a good weekend',
  // Written for model version 2: everyday stress, idioms and teen chat that must stay quiet.
  'i am so stressed about finals but i will get through it',
  'this homework is killing me lol',
  'i could sleep for a week after this shift',
  'my phone died in the middle of the call',
  'i am dead tired but the concert was worth it',
  'my parents are driving me crazy about college applications',
  'i hate mondays so much',
  'i am tired of my roommate leaving dishes everywhere',
  'nobody texted me back and now i am bored',
  'i want to disappear into a good book this weekend',
  'i am done with this game, it keeps crashing',
  'my boss wants the report by tonight and i am stressed',
  'we broke up last month and i am sad but i am doing okay',
  'i am anxious about my driving test tomorrow',
  'i feel lonely since my best friend moved away',
  'i cried watching that movie, the ending got me',
  'i cannot stand this heat anymore',
  'i want to quit my job and travel for a year',
  'i have so much to do and no time to do it',
  'i feel like a failure after that exam but i will study harder',
  'my cat is the only reason i get up early lol',
  'i wish i was taller honestly',
  'i am so over this week',
  'i am tired, going to bed early tonight',
  'i give up on trying to understand chemistry',
  'end of the semester, finally free',
  'i am dying to see the new season',
  'i could kill for a coffee right now',
  'my sister is annoying me again',
  'life is hard sometimes but my friends help a lot',
  'i miss my grandma, she passed last year and i think of her often',
  'i have been feeling low but therapy is helping',
  'i am nervous about moving to a new city',
  'nothing fits me anymore, time to go shopping',
  'i am stuck in traffic and going to be late',
  'i lost the match and i am so annoyed',
  'my teacher gave us so much homework, i cant',
  'i have no motivation to clean my room',
  'i need a break from social media',
  'what is the point of this class honestly',
  'i want to end this call, my battery is low',
  'i am over it, it was just a silly argument',
  'i am scared of spiders, there is one in my room',
  'i feel sick, i think i ate something bad',
  'the deadline is tomorrow and i have not started',
  'i am broke until payday',
  'i hate how my hair looks today',
  'my best friend is ignoring me and i dont know why',
  'i am burnt out from work and need a vacation',
  'i cannot wait for summer break',
  // Coping strategies and safety plans: the product's own advice must not read as despair.
  'when everything feels too much, breathe in for four and out for six',
  'grounding: hold something cold and describe it out loud',
  'call a friend when the evening feels heavy',
  'go for a short walk when your thoughts are racing',
  'write down three things that went okay today',
  'when it all feels like too much, put on a song you love',
  'take a warm shower and drink a glass of water',
  'text someone you trust and tell them you are having a hard day',
  'when I feel overwhelmed I sit outside for ten minutes',
  'make a cup of tea and sit by the window',
  'name the feeling, then ask what would help right now',
  'keep a list of people you can reach out to',
  'when I cannot sleep I listen to a calm podcast',
  'put your feet on the floor and notice the ground under you',
  'it helps me to tidy one small corner of my room',
  'when my mind is too loud I colour or draw for a while',
  'remind yourself that the feeling will pass, even if it is strong now',
  'my safety plan: call my sister, go to the park, use the crisis line if I need to',
  'when things feel heavy I talk to my counsellor',
];

/** Despair and at-risk language with few or no explicit words: positives. */
const OWN_POSITIVE = [
  'I am so tired of everything, I just want it all to stop',
  'nothing is ever going to get better for me',
  'everyone would be happier if I was not around',
  'I have been thinking about ending things',
  'I do not see a future for myself anymore',
  'I feel like I am just waiting for the end',
  'I have been giving my things away to friends',
  'I wrote letters to my family just in case',
  'there is no point in trying anymore, I am done',
  'I cannot keep living like this',
  'I just want the pain to go away forever',
  'I feel like a burden to everyone who knows me',
  'I keep looking at the pills in the cabinet',
  'some nights I stand on the bridge and think about it',
  'I do not think I will be here much longer',
  'I am tired of fighting every single day',
  'no one would even notice if I was gone',
  'I have been researching how to do it',
  'every night I hope I do not wake up',
  'I feel empty and I have stopped caring about anything',
  'I cannot see any way out of this',
  'I have made up my mind, I am done with all of this',
  'I am so done with life',
  'my family would be better without me',
  'I feel like I am drowning and no one can see it',
  'I have nothing left, no friends, no job, no hope',
  'I am ready to go, I have said my goodbyes',
  'I do not want to be alive anymore',
  'I am scared of what I might do tonight',
  'I have been having dark thoughts again',
  'I keep thinking about how easy it would be to just stop',
  'it would be easier for everyone if I just vanished',
  'I am a waste of space and everyone knows it',
  'I have been hurting myself again to feel something',
  'I have been cutting again and I cannot stop',
  'I do not know how much longer I can hold on',
  'I feel completely hopeless and alone every day',
  'life has no meaning for me anymore',
  'I keep imagining my own funeral',
  'I just want to sleep and never come back',
  'I am worthless and I always will be',
  'the only thing I think about is dying',
  'I have given up on everything',
  'I cannot take this pain anymore, please help',
  'I feel trapped and I can not escape my own head',
  'i hate my life and i hate myself',
  'nobody cares about me, they never did',
  'I cry every night and nothing changes',
  'I feel like I am already gone',
  'tonight might be the night',
  'I am not going to be around for much longer',
  'I have a plan and I know when',
  'I took more pills than I should have',
  'I am sitting in my car and I do not want to go back home ever',
  'I keep writing goodbye messages and deleting them',
  'I am so alone and so tired of being alive',
  'this is the last time I ask for help',
  'I have been stockpiling my medication',
  'I looked up how high the bridge is',
  'sorry for being such a disappointment to everyone',
  'I do not belong anywhere, I never did',
  'every day is the same darkness',
  'I feel dead inside and I want it to end',
  'I cannot do this anymore',
  'the world would be a better place without me',
  'I am thinking about ending my pain for good',
  'I just want to stop existing',
  'my life is falling apart and I do not see a reason to continue',
  'I hate waking up every morning',
  'I wish I could just fall asleep and never wake up',
  'I am so exhausted of trying to stay alive',
  'I am hopeless, nothing helps, not therapy, not meds',
  'I have been self harming since last week',
  'I have the rope ready',
  'I keep thinking about jumping',
  'I want to end the suffering',
  'I am a burden and I should just go',
  'no one would miss me, I am sure of that',
  'I feel so broken, I cannot be fixed',
  'I have lost all hope',
  'I do not want to wake up tomorrow',
  'I am not strong enough to keep going',
  'the thought of dying gives me peace',
  'I feel like everyone would move on quickly without me',
  'I am planning my last day',
  'i wont be a problem for anyone much longer',
  'I am so sorry for everything, I love you all',
  'please tell my mom I am sorry',
  'I have been drinking every night to numb everything',
  'I do not care what happens to me anymore',
  'I am just so tired, I want to rest forever',
  'my thoughts keep telling me to end it',
  'I cannot stop thinking about death',
  'I wish I had never been born',
  'life is pointless and I am done pretending',
  'I feel like giving up for good',
  'I have no reason to stay',
  'everything hurts and I want out',
  'I am done trying, goodbye',
  // Written for model version 2: more ways despair and intent are put with few crisis words.
  'i just want the pain to stop for good',
  'i am so done with all of this, i cannot do it anymore',
  'i keep thinking everyone would be better without me around',
  'i have no reason left to keep going',
  'i am tired of pretending that i am okay every single day',
  'i dont think i will be around much longer',
  'i have been looking up ways to end it',
  'i have been saving my pills just in case',
  'i am ready to let go of everything',
  'i cant see myself getting through this year',
  'i have already said goodbye in my head',
  'there is nothing left for me here',
  'i have been planning how to do it',
  'the only way out i can see is to not be here',
  'no one would care if i disappeared tomorrow',
  'i am so tired, i just want everything to end',
  'i have given up on getting better',
  'i think about dying every day now',
  'life has been pointless for a long time and i am tired of fighting it',
  'i wrote a note and put it in my drawer',
  'i hate being alive',
  'i dont want to be here anymore',
  'i cant keep doing this, i am at the end of my rope',
  'i feel trapped and the only exit is death',
  'my family would be better off with the insurance money',
  'i keep staring at the bottle of pills on my desk',
  'i stood on the bridge last night and thought about it',
  'i have nothing to look forward to, not one thing',
  'i cant take the pain anymore, i want it over',
  'nothing i do matters and i am tired of existing',
  'i want to disappear and never come back',
  'i keep thinking about how peaceful it would be to be gone',
  'i dont see the point of living if it stays like this',
  'i am just counting down the days',
  'i cant remember the last time i wanted to live',
  'please tell me why i should stay',
  'i keep having thoughts about ending my life',
  'i am going to end it soon, i have made up my mind',
  'i have been researching how many pills it takes',
  'i feel like i am already dead inside and i want the rest to follow',
  'i am tired of waking up every morning',
  'i want someone to talk me out of it',
  'i am not going to make it to my birthday',
  'i have been giving away my stuff to my friends',
  'i am a failure and i dont deserve to live',
  'i cant stop thinking about killing myself',
];

// ---------------------------------------------------------------------------------------------

interface Example {
  text: string;
  y: 0 | 1;
  weight: number;
}

/** Tweets are a different register from forum posts: a low weight keeps them from teaching "long = risky". */
const DAVIDSON_WEIGHT = Number(process.env.DAVIDSON_WEIGHT ?? 0.3);

function loadExamples(): { examples: Example[]; counts: Record<string, number> } {
  const examples: Example[] = [];
  const counts: Record<string, number> = {};
  const add = (source: string, text: string, y: 0 | 1, weight: number): void => {
    if (text.trim().length === 0) return;
    examples.push({ text, y, weight });
    const k = `${source}:${y}`;
    counts[k] = (counts[k] ?? 0) + 1;
  };
  for (const r of readJsonl(path.join(dataDir, 'cssrs_reddit_500users', 'train.jsonl'))) {
    const id = String(r.id);
    if (!isDevFold('cssrs_reddit_500users', id)) continue; // validation users stay unseen
    const level = Number(r.risk_level);
    // Indicator users (at-risk language without ideation) are negatives with Supportive ones: the
    // model should learn what separates ideation from distress, not what separates Reddit from Twitter.
    const posts = Array.isArray(r.posts) ? (r.posts as unknown[]).map(String) : [];
    for (const p of posts) add('cssrs', unNormalise(p), level >= 2 ? 1 : 0, 1);
  }
  let offensive = 0;
  for (const r of readJsonl(path.join(dataDir, 'davidson_hate_offensive', 'train.jsonl'))) {
    const label = Number(r.label);
    if (label === 2) add('davidson', String(r.text), 0, DAVIDSON_WEIGHT);
    else if (label === 1 && offensive++ % 5 === 0) add('davidson', String(r.text), 0, DAVIDSON_WEIGHT);
  }
  for (const t of OWN_NEGATIVE) add('project', t, 0, 4);
  for (const t of OWN_POSITIVE) add('project', t, 1, 4);
  return { examples, counts };
}

interface Sparse {
  idx: Int32Array;
  val: number;
}

function featurize(text: string): Sparse {
  const buckets: number[] = [];
  const n = forEachFeature(text, (b) => buckets.push(b));
  return { idx: Int32Array.from(buckets), val: n > 0 ? 1 / Math.sqrt(n) : 0 };
}

function train(): void {
  const { examples, counts } = loadExamples();
  console.log('training examples by source:class', counts);
  const X = examples.map((e) => featurize(e.text));
  const size = 1 << BITS;
  const w = new Float64Array(size);
  const g2 = new Float64Array(size).fill(1e-8);
  let b = 0;
  let gb = 1e-8;
  const pos = examples.filter((e) => e.y === 1).reduce((a, e) => a + e.weight, 0);
  const neg = examples.filter((e) => e.y === 0).reduce((a, e) => a + e.weight, 0);
  const classWeight = [0.5 * (pos + neg) / neg, 0.5 * (pos + neg) / pos];
  const lr = 0.5;
  const l2 = 1e-5;
  const order = examples.map((_, i) => i);
  let seed = 42;
  const rand = (): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 2 ** 32;
  };
  for (let epoch = 0; epoch < 8; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    let loss = 0;
    for (const k of order) {
      const x = X[k]!;
      const e = examples[k]!;
      let z = b;
      for (const f of x.idx) z += w[f]! * x.val;
      const p = 1 / (1 + Math.exp(-z));
      const cw = classWeight[e.y]! * e.weight;
      loss -= cw * (e.y === 1 ? Math.log(p + 1e-12) : Math.log(1 - p + 1e-12));
      const g = (p - e.y) * cw;
      for (const f of x.idx) {
        const gf = g * x.val + l2 * w[f]!;
        g2[f]! += gf * gf;
        w[f]! -= (lr * gf) / Math.sqrt(g2[f]!);
      }
      gb += g * g;
      b -= (lr * g) / Math.sqrt(gb);
    }
    console.log(`epoch ${epoch + 1}: loss ${(loss / order.length).toFixed(4)}`);
  }
  // Quantize to int8 with one scale.
  let max = 0;
  for (const v of w) max = Math.max(max, Math.abs(v));
  const scale = max / 127;
  const q = new Int8Array(size);
  for (let i = 0; i < size; i++) q[i] = Math.max(-127, Math.min(127, Math.round(w[i]! / scale)));
  const b64 = Buffer.from(q.buffer).toString('base64');
  const body = `/**
 * GENERATED by scripts/train-safety.ts — do not edit. Hashed unigram+bigram logistic regression,
 * 2^${BITS} int8 weights (base64). Derived only from cssrs_reddit_500users (Gaur et al., WWW 2019,
 * CC BY 4.0; dev-fold users), davidson_hate_offensive (Davidson et al., ICWSM 2017, MIT) and
 * sentences written by the Kindred project. Training examples: ${JSON.stringify(counts)}.
 */
export const MODEL_WEIGHTS = {
  version: 'despair-lr-2',
  bits: ${BITS},
  bias: ${b.toFixed(6)},
  scale: ${scale.toExponential(6)},
  weights: '${b64}',
} as const;
`;
  fs.writeFileSync(outFile, body);
  console.log(`wrote ${path.relative(repoRoot, outFile)} (${(body.length / 1024).toFixed(0)} KB), bias ${b.toFixed(3)}, scale ${scale.toExponential(3)}`);
}

train();
