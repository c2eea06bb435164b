import { describe, it, expect } from 'vitest';
import { screen, SCREEN_VERSION } from './index.js';
import type { RiskCategory, RiskLevel, RiskSubject } from './index.js';

interface Case {
  text: string;
  /** Exact level, or [min, max]. */
  level: RiskLevel | [RiskLevel, RiskLevel];
  category?: RiskCategory;
  notCategory?: RiskCategory;
  subject?: RiskSubject;
  methodDetail?: boolean;
  /** A reason code the screening must hold (so a case fails without the rule that reads it). */
  code?: string;
  /** A reason code the screening must not hold. */
  notCode?: string;
}

const cases: Record<string, Case[]> = {
  'no risk and everyday idioms': [
    { text: 'this exam is killing me', level: 0 },
    { text: 'I wish I was not here at work right now', level: [0, 1] },
    { text: 'ugh I wish I was not here in this meeting', level: [0, 1] },
    { text: 'this is goodbye to my old flat, we move out tomorrow', level: 0 },
    { text: 'I wrote a letter to my mum for her birthday', level: 0 },
    { text: "I'd die for a pizza right now", level: 0 },
    { text: 'I was dying of laughter at that video', level: 0 },
    { text: 'lol I want to die of embarrassment', level: [0, 1] },
    { text: 'We watched Suicide Squad last night', level: 0 },
    { text: 'That tweet was career suicide', level: 0 },
    { text: 'Let us kill some time before the movie', level: 0 },
    { text: 'You killed it on stage tonight!', level: 0 },
    { text: 'My phone battery is dead again', level: 0 },
    { text: 'I am dead tired after the hike', level: 0 },
    { text: 'The plants died while we were on holiday', level: 0 },
    { text: 'My mom is going to kill me when she sees my grades', level: [0, 1] },
    { text: 'I need a new diet plan', level: 0 },
    { text: 'Our cat knocked over the pills bottle but everything is fine', level: [0, 1] },
    { text: 'The suicide prevention training was really useful', level: 0 },
    { text: 'I took two pills for my headache', level: 0 },
    { text: 'This new album slaps so hard', level: 0 },
    { text: 'What a lovely day at the beach', level: 0 },
    { text: 'I cut myself off from social media for a week and feel great', level: 0 },
    { text: 'He cuts himself a slice of cake', level: 0 },
    { text: 'Dying to see the new season', level: 0 },
    { text: 'we walked by the tallest building in town', level: 0 },
    { text: 'I have a plan for the weekend: hiking and pizza', level: 0 },
    { text: 'goodbye reddit, I am taking a break from social media', level: 0 },
    { text: 'I hurt myself at the gym yesterday', level: [0, 1] },
    { text: 'my sister ate my fries, I am going to kill her lol', level: [0, 1] },
  ],
  'distress (level 1)': [
    { text: "I'm so stressed about work", level: 1 },
    { text: "I'm not suicidal, just exhausted", level: [0, 1], notCategory: 'suicide' },
    { text: 'Feeling anxious about my exams', level: 1 },
    { text: 'I feel so lonely since I moved', level: 1 },
    { text: 'Everything is overwhelming lately', level: 1 },
    { text: 'I had a panic attack on the bus', level: 1 },
    { text: 'I hate myself today', level: 1 },
    { text: 'I have been crying all evening', level: 1 },
    { text: 'I never have suicidal thoughts, I am just tired', level: [0, 1] },
    { text: "I don't want to kill myself, I just feel stuck", level: [0, 1] },
    { text: 'I would never kill myself, but life is hard right now', level: [1, 1] },
    { text: 'I am no longer suicidal and therapy is helping', level: [0, 1] },
  ],
  'passive ideation (level 2)': [
    { text: "I don't want to wake up tomorrow", level: 2, category: 'suicide', subject: 'self' },
    { text: 'I wish I was dead', level: 2, category: 'suicide' },
    { text: 'I wish I was not here in this world', level: 2, category: 'suicide' },
    { text: 'I wish I was not here right now', level: 2, category: 'suicide' },
    { text: 'i wish i were never born', level: 2 },
    { text: 'I hope I dont wake up', level: 2 },
    { text: "i just want to not be here anymore", level: 2 },
    { text: 'Everyone would be better off without me', level: 2 },
    { text: 'I dont want to live anymore', level: 2 },
    { text: "what's the point of living", level: 2 },
    { text: 'I have nothing to live for', level: 2 },
    { text: 'no one would miss me if I was gone', level: 2 },
    { text: 'I want to disappear forever', level: 2 },
    { text: 'I am so tired of living', level: 2 },
    { text: 'I just want to go to sleep and never wake up', level: 2 },
    { text: 'life is not worth living', level: 2 },
    { text: "I can't go on like this", level: 2 },
    { text: 'i think about death all the time', level: 2 },
    { text: 'why was I even born', level: 2 },
    { text: 'im a waste of space', level: 2 },
    { text: 'I feel hopeless and worthless and like such a burden', level: 2 },
  ],
  'active ideation (level 3)': [
    { text: "thank you to everyone here. I've sorted everything out now so nobody has to worry about me anymore", level: [3, 4] },
    { text: 'I want to kill myself', level: 3, category: 'suicide', subject: 'self' },
    { text: 'kms', level: 3, category: 'suicide' },
    { text: 'honestly i wanna kms', level: 3 },
    { text: 'I want to die', level: 3 },
    { text: 'i want to unalive myself', level: 3 },
    { text: 'thinking about sewerslide again', level: 3 },
    { text: 'I keep thinking about ctb', level: 3 },
    { text: 'I want to end it all', level: 3 },
    { text: "I'm suicidal", level: 3 },
    { text: 'having suicidal thoughts every day', level: 3 },
    { text: 'i want to end my life', level: 3 },
    { text: 'i keep thinking about taking my own life', level: 3 },
    { text: 'I know I shouldnt kill myself but I am so tempted', level: 3 },
    { text: 'i want to kill my self', level: 3 },
    { text: 'i want to killmyself', level: 3 },
    { text: 'im so done i want to die', level: 3 },
    { text: 'i just want to dieI hate everything', level: 3 },
    { text: 'I want to commit suicide', level: 3 },
    { text: 'im not ok, i want to die', level: 3 },
    { text: "I'm not sure I won't kill myself", level: [3, 4] },
    { text: "I can't stop thinking about killing myself", level: 3 },
    { text: 'if I fail this exam I will kill myself', level: [3, 3] },
  ],
  'method, plan or intent (level 4)': [
    { text: "I'm going to kill myself", level: 4, category: 'suicide' },
    { text: "I'm going to unalive myself", level: [3, 4] },
    { text: "I've been thinking about how I'd do it, the pills in the cabinet", level: 4, methodDetail: true },
    { text: 'I have 40 pills saved', level: 4, methodDetail: true },
    { text: 'which bridge is highest', level: 4, methodDetail: true },
    { text: 'how many pills would it take to die', level: 4, methodDetail: true },
    { text: 'what is a lethal dose of paracetamol', level: 4, methodDetail: true },
    { text: 'I want to hang myself', level: 4, methodDetail: true },
    { text: 'I keep thinking about jumping off the bridge near my house', level: 4, methodDetail: true },
    { text: 'I want to die and my dads gun is in the closet', level: 4, methodDetail: true },
    { text: 'I have been stockpiling my meds for a month', level: 4, methodDetail: true },
    { text: 'I have a plan to kill myself', level: [4, 5] },
    { text: 'I wrote my suicide note', level: [4, 5] },
    { text: 'I tried to kill myself last night', level: [4, 5] },
    { text: 'I want to put a gun to my head and pull the trigger', level: 4, methodDetail: true },
    { text: 'I have decided to end my life', level: [4, 5] },
    { text: "i'm gonna kms tomorrow", level: 4 },
    { text: 'this is goodbye. thank you all for everything', level: [4, 5] },
    { text: "I've given away most of my things and written letters to my family", level: [4, 5] },
    { text: "you won't have to put up with me much longer", level: [4, 5] },
  ],
  'imminent (level 5)': [
    { text: "I've taken all the pills, goodbye", level: 5, methodDetail: true },
    { text: 'this is my last message, goodbye everyone, tonight I end it', level: 5 },
    { text: 'I just swallowed a whole bottle of sleeping pills', level: 5, methodDetail: true },
    { text: 'I am standing on the edge of the roof right now', level: 5, methodDetail: true },
    { text: "I'm going to kill myself tonight", level: 5 },
    { text: 'By the time you read this I will be gone. I want to die.', level: 5 },
    { text: 'the rope is ready. im sorry for everything', level: 5 },
    { text: "I'm killing myself tonight, I have the pills ready", level: 5 },
    { text: "im going to end it tonight after everyone is asleep", level: 5 },
    { text: 'I cut too deep and I cant stop the bleeding', level: 5 },
  ],
  'past or recovered experience': [
    { text: "two years ago I tried; today I'm doing better", level: [0, 1] },
    { text: "Two years ago I tried to kill myself; today I'm doing better", level: 1, category: 'suicide' },
    { text: 'When I was 15 I wanted to die', level: 1 },
    { text: 'I used to cut when I was younger', level: 1, category: 'self_harm' },
    { text: 'I overdosed 3 years ago and survived', level: 1 },
    { text: 'I attempted suicide in 2015 and I am in recovery now', level: [1, 2] },
    { text: 'I have been clean from self harm for 6 months', level: 1 },
    { text: 'I attempted suicide once', level: 2 },
    { text: 'My last attempt was a few days ago', level: [4, 5] },
  ],
  'someone else (subject other)': [
    { text: 'my sister said she wants to die', level: [2, 4], subject: 'other', category: 'suicide' },
    { text: 'My friend told me he is suicidal', level: [2, 4], subject: 'other' },
    { text: "I'm worried about my friend, she's been talking about killing herself", level: [2, 4], subject: 'other' },
    { text: 'my brother has been cutting himself', level: [2, 4], subject: 'other', category: 'self_harm' },
    { text: 'my friend attempted suicide last week', level: [2, 5], subject: 'other' },
    { text: 'my girlfriend has been saving up pills and I am scared', level: [4, 5], subject: 'other', methodDetail: true },
    { text: 'My dad killed himself last year and I miss him', level: 1, subject: 'other' },
    { text: 'he keeps saying he wants to end his life', level: [2, 4], subject: 'other' },
    { text: 'my best friend wants to die and I do not know what to do', level: [2, 4], subject: 'other' },
    { text: 'She said "I want to die" and then laughed it off', level: [2, 4], subject: 'other' },
  ],
  'quotations, fiction and hypotheticals': [
    { text: 'In the movie the character kills himself at the end', level: [0, 1] },
    { text: 'For my essay on suicide prevention I need statistics', level: [0, 1] },
    { text: 'The lyrics say I want to die but it is a happy song', level: [0, 1] },
    { text: 'Hypothetically, what would happen if someone wanted to die?', level: [0, 1] },
  ],
  'supporters talking to someone': [
    { text: 'Are you thinking about suicide?', level: 0, notCategory: 'harassment' },
    { text: "Please don't kill yourself, you matter to me", level: 0, notCategory: 'harassment' },
    { text: 'Have you been having thoughts of killing yourself?', level: 0 },
    { text: 'If you ever feel suicidal you can call the hotline', level: [0, 1] },
  ],
  'harassment of others': [
    { text: 'kys loser', level: 0, category: 'harassment' },
    { text: 'go kill yourself', level: 0, category: 'harassment' },
    { text: 'you should die', level: 0, category: 'harassment' },
    { text: 'just kill yourself already nobody likes you', level: [0, 1], category: 'harassment' },
    { text: 'I hope you die', level: 0, category: 'harassment' },
    { text: 'do everyone a favour and kill yourself', level: 0, category: 'harassment' },
    { text: 'no one would miss you', level: 0, category: 'harassment' },
    { text: 'kys, and honestly I want to kill myself too', level: 3, category: 'harassment' },
    { text: 'someone at school told me to kys', level: 1, notCategory: 'harassment' },
  ],
  'self-harm': [
    { text: 'I cut myself again last night', level: 3, category: 'self_harm' },
    { text: 'I want to cut myself', level: [2, 3], category: 'self_harm' },
    { text: 'the urge to self harm is so strong today', level: [2, 3], category: 'self_harm' },
    { text: "I've been burning myself", level: 3, category: 'self_harm' },
    { text: 'relapsed on sh today', level: [2, 3], category: 'self_harm' },
    { text: 'I keep hitting myself when I get angry', level: [2, 3], category: 'self_harm' },
    { text: 'I slit my wrists', level: [4, 5], methodDetail: true },
    { text: 'I cut my arms every night', level: 3, category: 'self_harm' },
  ],
  'abuse or unsafe home': [
    { text: "my dad hits me and I'm scared to go home", level: 2, category: 'abuse_or_unsafe_home', subject: 'self' },
    { text: 'my boyfriend threatened to kill me', level: 3, category: 'abuse_or_unsafe_home' },
    { text: 'my stepdad choked me last night', level: 3, category: 'abuse_or_unsafe_home' },
    { text: 'I do not feel safe at home', level: 2, category: 'abuse_or_unsafe_home' },
    { text: 'I was raped', level: 2, category: 'abuse_or_unsafe_home' },
    { text: 'my mom beats me when she is drunk', level: 2, category: 'abuse_or_unsafe_home' },
    { text: 'When I was a kid my dad used to hit me', level: 1, category: 'abuse_or_unsafe_home' },
    { text: 'I am scared of my husband, he is going to hurt me', level: [2, 3], category: 'abuse_or_unsafe_home' },
  ],
  'eating disorders': [
    { text: "I haven't eaten in 4 days and I still feel fat", level: 2, category: 'eating_disorder' },
    { text: 'I make myself throw up after every meal', level: 2, category: 'eating_disorder' },
    { text: 'I have been starving myself', level: 2, category: 'eating_disorder' },
    { text: 'I only eat 500 calories a day', level: 2, category: 'eating_disorder' },
    { text: "I haven't eaten in 5 days and I fainted at school", level: 3, category: 'eating_disorder' },
    { text: 'I feel so fat today', level: 1, category: 'eating_disorder' },
  ],
  'substances and overdose': [
    { text: 'I took way too many pills', level: [4, 5], category: 'substances' },
    { text: "I've taken too many of my pills", level: 5, category: 'substances' },
    { text: 'I want to overdose', level: [3, 4] },
    { text: "I'm mixing xanax with alcohol tonight", level: [2, 3], category: 'substances' },
    { text: "I relapsed and can't stop drinking", level: 1, category: 'substances' },
  ],
  'harm to others': [
    { text: "I'm going to shoot up the school", level: 4, category: 'harm_to_others' },
    { text: 'I want to kill him', level: [2, 3], category: 'harm_to_others' },
    { text: 'I am planning to hurt my boss', level: [2, 3], category: 'harm_to_others' },
  ],
  'slang, typos and no punctuation': [
    { text: 'i want to die lol', level: [1, 2] },
    { text: 'dont want to be alive anymore tbh', level: 2 },
    { text: 'im gonna unalive myself', level: [3, 4] },
    { text: 'im so done with life i want to end it all', level: [3, 4] },
    { text: 'i really wanna die rn', level: [3, 4] },
    { text: 'i want to d i e', level: [0, 1] },
    { text: 'I WANT TO KILL MYSELF', level: 3 },
    { text: 'i dont want to live anymore and i dont know what to do', level: 2 },
    { text: 'i want to kill myselfi hate my life', level: 3 },
    { text: 'wish i could just disappear', level: 2 },
    { text: 'I DONT WANT TO WAKE UP', level: 2 },
    { text: 'im suicidal tbh', level: 3 },
    { text: 'feeling suicidal again', level: 3 },
    { text: 'i feel like unaliving', level: 3 },
    { text: 'ctb tonight', level: [4, 5] },
  ],
  'apostrophes stripped to spaces ("don t", "i m")': [
    { text: 'i don t want to live anymore', level: 2 },
    { text: 'i m not suicidal just exhausted', level: 1 },
    { text: 'i don t want to kill myself i just want the pain to stop', level: [1, 2] },
    { text: 'life really isn t worth living', level: 2 },
    { text: 'i can t do this anymore', level: [1, 2] },
    { text: 'i don t want to die', level: [0, 1] },
  ],
  'wanting out, and wishes without the usual words': [
    { text: 'i just want death', level: 2 },
    { text: 'honestly i want out of this life', level: 2 },
    { text: 'i wish i wasnt here anymore', level: 2 },
    { text: 'i think its my time to go', level: 2 },
    { text: 'why can t i just die', level: 2 },
    { text: 'my family would be better off and much happier without me', level: 2 },
    { text: 'there is no place for me in this world', level: 2 },
    { text: 'i cant hang on any longer', level: 2 },
    { text: 'i can no longer go on like this', level: 2 },
    { text: 'whats the point of staying alive', level: 2 },
    { text: 'i wanted to end things, i was so tired', level: 2 },
    { text: 'death is on my mind all the time', level: 2 },
    { text: 'i want to die for fucks sake', level: 3 },
    { text: 'i want to live but i also wana die sometimes', level: 3 },
    { text: 'this quiz, i should just give up and die lol', level: [0, 1] },
    { text: 'I want to end things with my boyfriend, he lies all the time', level: 0 },
    { text: 'I want out of this group chat', level: 0 },
    { text: 'it is my time to shine', level: 0 },
    { text: 'I would die for my little brother', level: 0 },
    { text: 'I cannot hang on to this job much longer, the pay is awful', level: [0, 1] },
    { text: 'I wish I wasnt here at work right now', level: [0, 1] },
  ],
  'negation that is not negation': [
    { text: 'why would i go on, why not just kill myself', level: 3 },
    { text: 'if i dont kill myself i will go insane', level: [3, 4] },
    { text: 'I would never kill myself, I love my kids', level: [0, 1] },
    { text: 'if i dont pass this test my mom will kill me', level: [0, 1] },
  ],
  'methods, plans and goodbyes in other words': [
    { text: 'I measured out the pills I was going to take', level: [4, 5], methodDetail: true },
    { text: 'is there an easy way to kill oneself', level: 4, methodDetail: true },
    { text: 'what is a painless way to stop my heart', level: 4 },
    { text: 'ready to off myself', level: [3, 4] },
    { text: 'in the er i tried to od and die', level: [2, 4] },
    { text: 'this is my final letter to everyone', level: [4, 5] },
    { text: 'I won t be here for much longer', level: [4, 5] },
    { text: 'I measured out the flour for the cake', level: 0 },
    { text: 'what is the easiest way to learn guitar', level: 0 },
    { text: 'this is my final letter of the semester for the school paper', level: [0, 1] },
  ],
  'hoping to die, and a life better without me': [
    { text: 'I hope I get coronavirus and die', level: 2 },
    { text: 'hopefully I die in my sleep tonight', level: [2, 4] },
    { text: 'I should have died in that crash', level: 2 },
    { text: 'life for everyone would be better if I died', level: 2 },
    { text: 'they all have a better life without me', level: 2 },
    { text: 'dying just sounds right', level: 2 },
    { text: 'I am losing the will to live', level: 2 },
    { text: 'literally cant afford to live anymore', level: 2 },
    { text: 'I feel like I am not meant to exist', level: 2 },
    { text: 'I dont plan on living much longer', level: 2 },
    { text: 'im going to kill myeslf', level: 4 },
    { text: 'I hope I get the job and die of happiness lol', level: 0 },
    { text: 'I should have died laughing at that', level: 0 },
    { text: 'we cant afford to live in this city anymore', level: 0 },
    { text: 'the team has a better life without me as captain, honestly they play great', level: [0, 1] },
    { text: 'I am not meant to be a morning person', level: 0 },
  ],
  'farewells together': [
    { text: "I've put my affairs in order. Nobody has to worry about me anymore", level: 3 },
    { text: 'thank you for everything!', level: [0, 1] },
  ],
  'steeling oneself, going through with it, and what keeps me here (1.4.0)': [
    { text: 'I keep trying to work up the courage to take the pills', level: [3, 4], category: 'suicide' },
    { text: 'i wish i could muster up the courage to just follow through', level: 3 },
    { text: 'I finally found the nerve to end it', level: [3, 4] },
    { text: 'ive never been this close to actually going through with it', level: 2 },
    { text: 'i dont know if tonight is the night to go through with it', level: [2, 4] },
    { text: 'writing this in case I go through with it', level: 2 },
    { text: 'my family is what stopped me from going through with it', level: 2 },
    { text: 'My dog is the only reason I am still alive', level: 2 },
    { text: 'the only thing keeping me here is my little sister', level: 2 },
    { text: "I don't like that the only thing keeping me alive is guilt", level: 2 },
    { text: 'i dont have any reason to keep living', level: 2 },
    { text: 'no motivation or reason to continue', level: 2 },
    { text: 'i have nothing worth living for', level: 2 },
    { text: 'what should i even live for', level: 2 },
    { text: 'why am i still alive', level: 2 },
    { text: 'it would be better if i just died', level: 2 },
    { text: 'i m better off just dead', level: 2 },
    { text: 'i wish i wasnt around so i wouldnt be a burden', level: 2 },
    { text: 'i hope not to wake up tomorrow', level: 2 },
    { text: 'i m so ready 2 die', level: [3, 4] },
    { text: "let's hope today is my last day on earth", level: 2 },
    { text: "i want to die and i know how i'll do it", level: 4 },
    { text: 'i want to die. i am doing it within the hour', level: [4, 5] },
    { text: "I can't find the courage to end it all", level: 3 },
    { text: "I don't have the guts to kill myself", level: 3 },
    { text: 'the only thing keeping me from killing myself is my mum', level: 3 },
    { text: "I don't have the courage to tell her how I feel", level: 0 },
    { text: 'I finally worked up the courage to ask her out', level: 0 },
    { text: 'I found the courage to end things with my ex', level: [0, 1] },
    { text: 'she had the guts to follow through with her business plan', level: 0 },
    { text: 'should I go through with it? the flat is lovely but pricey', level: 0 },
    { text: 'I am nervous about the surgery but I decided to go through with it', level: 0 },
    { text: 'the only reason I am here is the free food', level: 0 },
    { text: 'this job is the only thing keeping me going', level: [0, 1] },
    { text: 'there is no reason to continue with this project', level: 0 },
    { text: 'I have nothing worth wearing for the party', level: 0 },
    { text: 'I wish I wasnt around him so much', level: [0, 1] },
    { text: 'I hope not to wake up the baby when I get home', level: 0 },
    { text: 'I hope today is my last day at this awful job', level: [0, 1] },
    { text: 'I know how I will do it: flour first, then the eggs', level: 0 },
  ],
  'methods asked and named in other words (1.4.0)': [
    { text: 'I hung myself last week but the rope broke', level: [4, 5], methodDetail: true },
    { text: 'does hanging hurt', level: 4, methodDetail: true },
    { text: "if I had a gun I'd pull the fucking trigger", level: [3, 4] },
    { text: 'would these kill me if i took all of them', level: 4, methodDetail: true },
    { text: 'how high is enough to kill me', level: 4, methodDetail: true },
    { text: 'how much benadryl will it take', level: 4, methodDetail: true },
    { text: 'what is the most painless way to go?', level: 4 },
    { text: 'i want to slit down my wrist', level: [3, 4], category: 'self_harm' },
    { text: 'will sodium nitrite kill me', level: 4 },
    { text: 'i am about to take all the lithium i have', level: [4, 5], methodDetail: true },
    { text: 'I just took a massive dose of fentanyl. goodbye', level: 5, methodDetail: true },
    { text: 'i want to over dose on my prozac', level: [3, 4] },
    { text: 'will 2,000 mg of seroquel kill me', level: 4, methodDetail: true },
    { text: 'I put the rope around my neck', level: [4, 5], methodDetail: true },
    { text: 'sometimes i think all of us here just want to end our lives', level: [2, 3] },
    { text: 'i wrote my note today, she could not have saved me', level: [4, 5] },
    { text: "I've got the note written and everything planned", level: [4, 5] },
    { text: 'I take lithium every morning and it helps a lot', level: 0 },
    { text: 'I wrote my note to the teacher about the field trip', level: 0 },
    { text: 'is 400 mg of caffeine enough to keep me awake', level: 0 },
    { text: 'I tied my scarf around my neck, it is cold', level: 0 },
    { text: 'is 400 mg of ibuprofen enough to help with a migraine', level: 0 },
    { text: 'how high is the tallest mountain in Europe', level: 0 },
    { text: 'how much flour will it take for two loaves', level: 0 },
    { text: 'what is the most painless way to go to the dentist', level: 0 },
    { text: 'the hanging baskets need water', level: 0 },
    { text: 'would this sauce kill me if i ate it all, it is so spicy lol', level: [0, 1] },
  ],
  'more ways of saying it (1.4.0)': [
    { text: "I'm thinking of attempting later tonight", level: [3, 4] },
    { text: 'I wish someone would push me in front of the train', level: 2 },
    { text: 'being dead is much better than living like this', level: 2 },
    { text: "i'm thinking about jumping. all this pain would be over in a second", level: 2 },
    { text: 'why not just die now instead of living like this', level: 2 },
    { text: 'thinking of hopping in a cab and offing myself in the woods', level: [3, 4] },
    { text: 'jump to death or pills, which is more painful?', level: 4 },
    { text: 'is it a good way to die painlessly?', level: 4 },
    { text: 'I hope it can all finally be over soon', level: 2 },
    { text: 'thinking of throwing in the towel on life altogether', level: 2 },
    { text: "I'm going to blow my brains out", level: 4 },
    { text: 'my hedgehog is the only one left keeping me alive', level: 2 },
    { text: 'I am thinking of attempting the marathon next year', level: 0 },
    { text: "I'm going to attempt the exam again in June", level: 0 },
    { text: 'thinking about jumping into the pool after work', level: 0 },
    { text: 'I hope the meeting will be over soon', level: 0 },
    { text: 'I wish someone would push me to go to the gym', level: 0 },
    { text: 'they threw in the towel on the project', level: 0 },
    { text: 'this song makes me want to blow my brains out lol', level: [0, 1] },
    { text: 'I offered myself as a volunteer', level: 0 },
  ],
  '"thank you" is not the subject of what follows (1.4.0)': [
    { text: 'thank you for everything this is goodbye', level: [4, 5] },
    { text: 'thank you all but i cant go on', level: 2 },
    { text: 'love you mum i want to die', level: 3 },
    { text: 'thank you for asking, if you want to die you should talk to someone', level: [0, 1] },
  ],
  'run-on text: time words far from the match (1.4.0)': [
    {
      text: 'i dont know what else to do man i am just sitting here really contemplating suicide i am 25 and i dont know what the fuck to do just to give some background when i was 12 my parents split up and everything went downhill from there and it never stopped',
      level: 3,
    },
    {
      text: 'when i was 15 i tried to kill myself and it took me years to get better but i did it and i am studying to be a nurse and i love it so much and i finally feel at peace with my family and my friends',
      level: [0, 1],
    },
  ],
  // 1.5.0: a negation binds to the phrase it negates, not to anything within three words.
  'negation binds to what it negates': [
    { text: 'no friends started writing my note today', level: [4, 5], category: 'suicide' },
    { text: 'no friends writing my note today', level: [4, 5] },
    { text: 'no sleep again i want to die', level: [3, 4] },
    { text: 'no friends i want to die', level: 3 },
    { text: 'no i want to die', level: 3 },
    { text: 'due on wednesday not friday i want to die', level: 3 },
    { text: "it's not my fault i wanted to die", level: [2, 3] },
    { text: "I don't sleep anymore just want to die", level: 3 },
    { text: "I don't think I'm going to kill myself but I'm thinking about it tonight", level: [3, 5] },
    { text: "I'm not suicidal, just exhausted", level: [0, 1], notCategory: 'suicide' },
    { text: "I don't want to die", level: [0, 1] },
    { text: 'no thoughts of ending it', level: [0, 1] },
    { text: 'no suicidal thoughts lately', level: [0, 1] },
    { text: 'I have no intention of killing myself', level: [0, 1] },
    { text: "I'm by no means suicidal", level: [0, 1] },
    { text: "I don't have any thoughts of suicide", level: [0, 1] },
    { text: 'I don’t want to liveI am killing myself day by day', level: [3, 4] },
    { text: "I'm not going to kill myself", level: [0, 1] },
    { text: "I haven't had active suicidal thoughts in years", level: [0, 1] },
    { text: "I'm not saying I want to die", level: [0, 1] },
    { text: 'without wanting to die', level: [0, 1] },
    { text: 'I am no longer suicidal and therapy is helping', level: [0, 1] },
  ],
  // 1.5.0: rope and hanging need the self; ordinary rope is not method detail.
  'rope and hanging need the self': [
    { text: 'tied the rope to the boat', level: 0, methodDetail: false },
    { text: 'learning the ropes at my new job', level: 0 },
    { text: 'we tied a knot and climbed the wall', level: 0 },
    { text: 'the rope broke on the climbing wall', level: 0 },
    { text: 'I bought a rope for the tent', level: 0 },
    { text: 'the rope is ready, we sail at dawn', level: 0 },
    { text: 'does hanging drywall take long', level: 0 },
    { text: 'I tied a rope to the beam', level: [0, 1], methodDetail: false },
    { text: 'I tied a noose', level: 4, methodDetail: true },
    { text: "I've been seriously thinking about making a noose myself", level: [4, 5], methodDetail: true },
    { text: 'the rope is ready. im sorry for everything', level: 5, methodDetail: true },
    { text: 'how effective is a noose?', level: 4, methodDetail: true },
    { text: 'how to tie a noose', level: 4, methodDetail: true },
    { text: 'I hope one day I tie the rope and jump. my head is full of suicidal thoughts', level: [4, 5], methodDetail: true },
    { text: 'a noose hung in the old western film', level: [0, 1], methodDetail: false },
    { text: 'I made a noose for myself', level: [4, 5], methodDetail: true },
    { text: 'the rope is around my neck', level: 5, methodDetail: true },
    { text: 'bought a rope to hang myself', level: [4, 5], methodDetail: true },
    { text: 'does hanging hurt', level: 4, methodDetail: true },
    { text: 'I want to die, I tied a rope to the beam', level: [4, 5], methodDetail: true },
    { text: "I want to die. there's a noose in my closet", level: [4, 5], methodDetail: true },
    { text: 'I want to kill myself, I got a rope', level: [4, 5], methodDetail: true },
  ],
  // 1.5.0: a plea to be killed is passive ideation (2) whoever it is said to; an idiom with a trivial cause stays low, never 3.
  'a plea to be killed': [
    { text: 'i m begging you pls kill me', level: 2, subject: 'self', category: 'suicide' },
    { text: "I'm begging you to kill me", level: 2 },
    { text: 'please kill me', level: 2 },
    { text: 'pls just kill me', level: 2 },
    { text: 'someone kill me', level: 2 },
    { text: 'somebody please just kill me', level: 2 },
    { text: 'kill me now, this meeting is endless', level: [0, 1] },
    { text: 'please kill me, this meeting is endless', level: [0, 1] },
    { text: 'ugh someone kill me, monday again', level: [0, 1] },
    { text: 'someone kill me lol', level: [0, 1] },
    { text: 'she will just kill me when she finds out', level: [0, 1] },
    { text: 'it would just kill me if she left', level: [0, 1] },
    { text: "I don't want anyone to kill me", level: [0, 1] },
  ],
  'misspelled suicide': [
    { text: 'having sucide thoughts again', level: 3 },
    { text: 'i feel suiside', level: [0, 3] },
  ],
  // The 1.5.1 review: everyday sentences that alerted (level >= 3) beside the crisis phrasing each
  // rule exists for, which must keep its level.
  'review of 1.5.0: everyday sentences that alerted (1.5.1)': [
    // act.taken: "a huge amount" needs a substance after it.
    { text: 'I took a huge amount of notes in the lecture today.', level: 0 },
    { text: 'I just took a massive amount of photos at the wedding.', level: 0 },
    { text: 'I just took a massive amount of pills', level: 5, methodDetail: true },
    { text: "I've taken a lethal dose", level: 5 },
    // method.dose_question: a dose question needs "to die / kill / od / end it"; "way to go" and
    // "how to die" need the writer's own death (a question, "for me", I / me before it).
    { text: 'How many pills will it take before I feel better?', level: [0, 1] },
    { text: 'How much tylenol would it take to fix this headache?', level: [0, 1] },
    { text: 'How much tylenol would it take to kill me?', level: 4, methodDetail: true },
    { text: 'how many pills will it take to od', level: 4 },
    { text: 'Flying is the most painless way to go.', level: 0 },
    { text: 'what is the most painless way to go?', level: 4 },
    { text: 'My grandma is in hospice and we are learning how to die peacefully at home.', level: [0, 1] },
    { text: 'I want to know how to die peacefully', level: 4 },
    // goodbye.last_message: "my note" only at the end of a clause.
    { text: 'I wrote my note to my landlord about the heating.', level: 0 },
    { text: 'Just finished my note cards for the biology test.', level: 0 },
    { text: 'I finished my note on chapter 3.', level: 0 },
    { text: 'I wrote my note.', level: 4 },
    { text: "I've written my last note to you all", level: 4 },
    { text: 'I finished my note and I am ready', level: 5 },
    // ideation.attempt_planned: no object after "attempt", only a time word or the end of the clause.
    { text: "I'm going to attempt sourdough this weekend.", level: 0 },
    { text: 'Gonna attempt parallel parking again tomorrow.', level: 0 },
    { text: "I'm going to attempt again tomorrow", level: 4 },
    { text: "I'm planning to attempt suicide tonight", level: 5 },
    { text: 'I am thinking of attempting again', level: 3 },
    // ideation.courage: "take all the ..." needs pills or medicine.
    { text: 'I finally worked up the courage to take all the photos down.', level: [0, 1] },
    { text: 'I found the courage to take all of my old clothes to charity.', level: [0, 1] },
    { text: "I'm trying to work up the courage to take all my pills", level: 4 },
    { text: 'I finally found the courage to take all of my sleeping pills', level: 4 },
    // method.gas_poison: a named gas or poison alone is a weak means (detail only beside risk).
    { text: 'Cured meats like bacon contain sodium nitrite.', level: 0 },
    { text: 'The carbon monoxide alarm went off at 3am', level: 0 },
    { text: 'We rented a helium tank for the balloons', level: 0 },
    { text: 'I ordered sodium nitrite online', level: 4 },
    { text: 'will sodium nitrite kill me', level: 4 },
    { text: 'I want to die, I bought a helium tank', level: 4 },
    // method.hanging: "hung my self" must be the whole word.
    { text: 'I hung my self-portrait in the hallway.', level: 0 },
    { text: 'I hung my selfie on the fridge', level: 0 },
    { text: 'I want to hang myself', level: 4 },
    { text: 'i want to hang my self', level: 4 },
    // method.place: "jump to death" needs "my" or a place, not "death metal".
    { text: 'I jump to death metal when I work out.', level: 0 },
    { text: 'I want to jump to my death', level: 4 },
    { text: 'I want to jump to death.', level: 4 },
    // Below the alert threshold.
    { text: 'I need 2 die cast models for the display', level: 0 },
    { text: 'i want 2 die', level: 3 },
    { text: 'My flu is awful, I hope it will be over soon.', level: [0, 1] },
    { text: 'I hope it will all be over soon.', level: 2 },
    { text: "The only reason I'm still here at this job is my team.", level: [0, 1] },
    { text: "The only reason I'm still here is my dog.", level: 2 },
  ],
  // 1.6.0: misreadings and missed phrasings found on the dev fold, each written here in the
  // project's own words (positives) beside the everyday sentences that must stay quiet.
  'recall 1.6.0: negations that do not deny': [
    // A comparative is not a denial.
    { text: "I've never wanted to kill myself more than I do tonight", level: [4, 5] },
    { text: 'ive never wanted to kill myself more ever then i do right now', level: [4, 5] },
    { text: "I've never been more suicidal in my life", level: 3 },
    { text: 'never felt more like killing myself than this week', level: 3 },
    { text: "I've never thought about killing myself more than once", level: 1 },
    { text: "I have never wanted to kill myself, I'm just tired", level: 1 },
    { text: "I've never been more excited in my life", level: 0 },
    // "yet": the act is still pending.
    { text: "I didn't kill myself yet. I guess that's something", level: 3 },
    { text: "I haven't killed myself yet", level: 3 },
    { text: "I haven't yet killed myself but I think about it every day", level: 3 },
    { text: "I don't want to die yet, I'm only 20 and there's so much to see", level: 1 },
    { text: "I haven't finished my essay yet", level: 0 },
    // A reason not to: the thought is there.
    { text: 'my cat is my only motivation to not kill myself', level: 3 },
    { text: "The only reason I don't kill myself is my mum", level: 3 },
    { text: 'give me one reason not to end my life', level: 3 },
    { text: "For some reason I don't want to die anymore, therapy is helping", level: 1 },
    { text: "I'm not going to kill myself, I promise", level: 1 },
  ],
  'recall 1.6.0: passive ideation in other words': [
    { text: 'i dont want to die but sometimes i just wish i didnt have to wake up', level: 2 },
    { text: "I wish I didn't have to wake up anymore.", level: 2 },
    { text: 'I wish I never had to wake up again', level: 2 },
    { text: "I wish I didn't have to wake up so early for work", level: 0 },
    { text: "I wish I didn't have to wake up at 6 tomorrow", level: 0 },
    { text: "Honestly I'm looking forward to dying.", level: 2 },
    { text: 'im looking forward to death', level: 2 },
    { text: "I'm looking forward to dying my hair blue this weekend", level: 0 },
    { text: "Can't wait, I'm looking forward to the death metal gig", level: 0 },
    { text: 'i feel like death is the only answer', level: 2 },
    { text: 'Dying seems like my only way out', level: 2 },
    { text: 'Death is the only certainty in life, along with taxes', level: 0 },
    { text: 'My family would be better off ultimately without me', level: 2 },
    { text: 'The team would be better off with a new coach', level: 0 },
  ],
  'recall 1.6.0: methods asked and medicines misspelled': [
    { text: "what's a lethal way to kill yourself with pills", level: 4, methodDetail: true },
    { text: 'what can you overdose on, what is the easiest way to die', level: 4, methodDetail: true },
    { text: "What's the least painful way to kill myself?", level: 4, methodDetail: true },
    { text: "If you're asking what's the easiest way to die, please talk to someone", level: [0, 1] },
    { text: "what's the quickest way to die in this game? the boss keeps one-shotting me", level: [0, 1] },
    { text: 'What is the simplest way to cook rice?', level: 0 },
    { text: 'i just took 10 xanex, im so sorry', level: 5, methodDetail: true },
    { text: 'I just took 30 klonapin', level: 5, category: 'substances' },
    { text: "I've taken all my seroquel", level: 5, category: 'substances' },
    { text: "I've been saving up my lexapro for weeks", level: 4, methodDetail: true },
    { text: 'how many adderall would it take to die', level: 4 },
    { text: 'I took an aspirin for my headache', level: 0 },
    { text: 'I take lexapro every morning and it helps', level: 0 },
    { text: 'My aspirations are high this year', level: 0 },
    { text: 'Perception is everything in marketing', level: 0 },
    // Medicine names that spell another rule's stem ("codeine", "vicodin") must not unanchor it.
    { text: 'ODing on xanax again', level: 4 },
    { text: 'i ODed yesterday', level: 4 },
    // Accidental overuse is a substances matter below the alert since 1.6.1; the rule still fires.
    { text: 'I took too much codeine last night', level: 2, category: 'substances' },
    { text: "What's the most effective way to die?", level: 4, methodDetail: true },
    { text: 'the least painful way to remove a plaster is to pull fast', level: 0 },
    { text: 'this afternoon i popped 15 pills', level: [4, 5], methodDetail: true },
    { text: 'I popped 2 advil for my back', level: 0 },
  ],
  // 1.6.1: everyday and supportive text that 1.6.0 raised to an alert, beside the crisis text
  // each rule was meant for (still caught).
  '1.6.1: "killing mystic" is a typo only outside Pokémon Go': [
    { text: 'im killing mystic rn, valor gang', level: 0 },
    { text: 'I want to kill Mystic at the gym, Valor forever', level: 0 },
    { text: 'gonna kill mystic in pokemon go', level: 0 },
    { text: 'i want to kill mystic', level: 3 },
    { text: 'im gonna kill mystic tonight', level: [4, 5] },
  ],
  '1.6.1: "popped" needs a medicine': [
    { text: 'Just popped a whole bottle of prosecco to celebrate!', level: 0 },
    { text: 'I popped the whole pack of bubble wrap lol', level: 0 },
    { text: 'I just popped a whole bottle of pills', level: 5, methodDetail: true },
    { text: 'i popped 30 xanax', level: [4, 5], category: 'substances' },
  ],
  '1.6.1: a way to kill needs the self; a way to die in a game is a game': [
    { text: "What's the most effective way to kill weeds in the lawn?", level: 0 },
    { text: 'Most reliable way to kill fruit flies?', level: 0 },
    { text: 'least painful way to kill a lobster', level: 0 },
    { text: 'the lethal way to die in Dark Souls is falling', level: 0 },
    { text: "what's the least painful way to die", level: 4, methodDetail: true },
    { text: 'most reliable way to kill myself?', level: 4, methodDetail: true },
    { text: 'lethal way to die?', level: 4, methodDetail: true },
    { text: "What's the best way to end things with a friend?", level: 0 },
    { text: 'best way to end it with my boyfriend?', level: 0 },
    { text: "what's the best way to end things", level: 4, methodDetail: true },
  ],
  '1.6.1: "but I must / have to" takes a denial back only when it is about the act': [
    { text: "I don't want to die but I have to get this surgery next week.", level: 1 },
    { text: "I don't want to die but I must admit I'm scared of the operation.", level: 1 },
    { text: "I won't kill myself but I must say this week was hard", level: 1 },
    { text: "I'm not gonna kill myself but I feel I have to say something to my boss", level: 1 },
    { text: "I don't want to die but I have to", level: 3 },
    { text: "I don't want to end it but I feel I have to end it", level: 3 },
    { text: 'i dont want to end it but i feel i must for being the sort of person i am', level: 3 },
    { text: "I don't want to die but I have to stay strong for my kids", level: 1 },
  ],
  '1.6.1: thanks for still being here is not a reason held back': [
    { text: 'This community is the reason I didn\'t kill myself. Thank you all.', level: 1 },
    { text: 'My therapist is the reason I didn\'t end my life.', level: 1 },
    { text: 'Talking to you guys is why I won\'t kill myself.', level: 1 },
    { text: 'the only reason I don\'t kill myself is my cat', level: 3 },
    { text: 'there are two reasons why i havent killed myself, my mom and my dog', level: 3 },
    { text: 'Why should I not kill myself?', level: 3 },
  ],
  '1.6.1: "never ... more than" is a comparative only about a time': [
    { text: 'I would never kill myself more than anything I want to live', level: 1 },
    { text: 'I never want to die so much to live for', level: 1 },
    { text: 'I never wanted to kill myself more than my brother did.', level: 1 },
    { text: 'i have never wanted to kill myself more than in the past few weeks', level: 3 },
    { text: "I've never wanted to die so much", level: 3 },
    { text: 'ive never wanted to kill myself more ever then i do right now but i am dumb', level: [4, 5] },
  ],
  '1.6.1: the generic "you" only in "how/what can you <method>"': [
    { text: 'Which signs should you watch for, like saving up pills?', level: [0, 1] },
    { text: 'how can you overdose on tylenol', level: 4, methodDetail: true },
  ],
  '1.6.1: too much of a medicine by accident is below the alert': [
    { text: 'I took too much adderall before my exam and my heart is racing', level: 2, category: 'substances' },
    { text: 'I took too much codeine for my tooth', level: 2, category: 'substances' },
    { text: 'I took too much tylenol on purpose to die', level: [4, 5] },
    { text: 'I took all my pills', level: [4, 5], methodDetail: true },
    { text: 'I took 30 tylenol to die', level: [4, 5], methodDetail: true },
  ],
  'recall 1.6.0: a clock time is not the distant past': [
    { text: "I'm awake at 3 am and I want to die", level: 3 },
    { text: 'still up at 4 in the morning, i want to kill myself', level: [3, 4] },
    { text: 'At 15 I wanted to die; now I am doing well', level: 1 },
    { text: 'when i was 15 i wanted to kill myself', level: 1 },
  ],
  'recall 1.6.0: a denial taken back, and time words read right': [
    { text: 'i dont really want to die but i feel like its my only option', level: 3 },
    { text: "i don't want to die but that's where things seem to be heading", level: 3 },
    { text: "I'm not going to kill myself but the thought keeps coming back.", level: 3 },
    { text: "I don't want to end it, but I feel I must", level: 3 },
    { text: "I don't want to die but I'm scared of the surgery", level: 1 },
    { text: "I'm not suicidal but I have to go to work tomorrow and I hate it", level: 1 },
    { text: "I don't want to die, but I must go to the dentist", level: 1 },
    { text: "The only reason I haven't slit my wrists is my little brother.", level: 4, methodDetail: true },
    { text: 'i would not hesitate to shoot myself if i found a gun', level: 4, methodDetail: true },
    { text: "I won't hesitate to ask for help if I need it", level: 0 },
    { text: 'can i just die and escape from these people', level: 2 },
    { text: 'why cant we just die easily', level: 2 },
    { text: 'can I just die of embarrassment now', level: [0, 1] },
    { text: "It's over. I'm killing mystic right now. You will never hear from me again", level: 5 },
    { text: 'we are killing mystic gyms all day lol', level: 0 },
    { text: 'want to die life isnt worth living nothing is getting better', level: 3 },
    { text: 'In the past I wanted to die but I am doing better now', level: 1 },
    { text: 'Two years ago I tried to kill myself, I am doing well now', level: 1 },
    { text: 'one fatal dose looks appealing, the past few weeks have been hell', level: 4 },
    { text: 'Hopefully I die of frostbite.', level: 2 },
    { text: 'hopefully i die of old age surrounded by grandkids', level: 0 },
    { text: 'hopefully I die of laughter at this show', level: [0, 1] },
    { text: "nothing is fun anymore so what's the point of staying?", level: 2 },
    { text: "what's the point of staying at this party, everyone left", level: [0, 1] },
    { text: 'I take the train every day and always contemplate just jumping in front of it.', level: 2 },
    { text: 'we contemplated death in philosophy class', level: 0 },
    { text: 'contemplating jumping off the diving board at the pool', level: 0 },
  ],
  'recall 1.6.0: a title run into the body': [
    { text: 'Gonna jump off a bridgeHow high is enough to kill me?', level: 4, methodDetail: true },
    { text: "I hate myselfI want to die and I don't know why", level: 3 },
    { text: 'Tonight I will jump from a bridgeI am tired of the fights', level: [4, 5] },
    { text: 'Best day everI got a puppy and we went to the park', level: 0 },
    { text: 'My new iPhone and YouTube are all I need', level: 0 },
    { text: 'my ADHD meds are helping a lot', level: 0 },
  ],
  '1.7.0: "in 26 hours" after a perfect or a negation is time gone by, not a time to act': [
    { text: "haven't eaten in 26 hours i want to die", level: [2, 3] },
    { text: 'i have had nothing to eat in 26 hours i want to die', level: [2, 3] },
    { text: 'first meal in 26 hours and i want to die', level: [2, 3] },
    { text: "I've been awake in 30 hours and i want to die", level: [2, 3] },
    { text: 'i want to die in 2 hours', level: 4 },
    { text: "I've decided I'll kill myself in 2 hours", level: 5 },
    { text: "havent slept in 40 hours, i'm going to kill myself in an hour", level: 5 },
    { text: "i don't know i will kill myself in an hour", level: 5 },
    { text: "i'm not okay i want to die in 2 hours", level: 4 },
    { text: 'nobody cares and i want to die in an hour', level: 4 },
  ],
  '1.7.0: thanks and love are a goodbye only beside other signals': [
    { text: "thank you for everything, I'm exhausted and my head hurts and I can't focus on anything", level: [0, 2] },
    { text: "thank you for everything you did for me this year, I'm so grateful", level: [0, 1] },
    { text: 'thanks for everything guys, you are the best team ever', level: [0, 1] },
    { text: "I'm sorry for everything. I'm exhausted and my head hurts and I can't focus on anything", level: 3 },
    { text: "thank you for everything. I can't do this anymore", level: [3, 4] },
  ],
  '1.7.0: reading around a negated signal never raises the model': [
    { text: "I'm not suicidal, my friends are great and I love my new job and my dog. I'm just so tired and empty and I cry every night", level: 1 },
    { text: "I'm not suicidal, I'm doing great at school and I love my friends. I just feel numb and tired and I can't feel anything anymore", level: [0, 1] },
    { text: "I'm not suicidal. I just want to disappear forever", level: 2 },
  ],
  '1.7.0: the best way to die in a game is a game': [
    { text: 'best way to die in Elden Ring for the achievement', level: [0, 1], methodDetail: false },
    { text: "what's the easiest way to die in minecraft to reset my spawn", level: [0, 1], methodDetail: false },
    { text: 'quickest way to die in the sims 4?', level: [0, 1], methodDetail: false },
    { text: 'fastest way to die in dark souls so I can respawn at the bonfire', level: [0, 1], methodDetail: false },
    { text: "what's the best way to die", level: 4, methodDetail: true },
    { text: "what's the best way to die, my stress levels are insane", level: 4, methodDetail: true },
    { text: 'easiest way to die? my boss is making my life hell', level: [4, 5], methodDetail: true },
    { text: "quickest way to die? i'm so tired of all the mind games", level: [4, 5], methodDetail: true },
    { text: 'what is the best way to die in a video game', level: [0, 1], methodDetail: false },
    { text: 'fastest way to diet before summer?', level: 0 },
    { text: "easiest way to die? i can't do this anymore", level: [4, 5], methodDetail: true },
    { text: 'quickest way to die painlessly, I am so done with life', level: [4, 5], methodDetail: true },
  ],
  'recall 1.7.0 kept in 1.7.1: a reason to keep fighting not found': [
    { text: 'i wish i could find a reason why i still should keep fighting', level: 2, code: 'passive.no_reason_to_keep' },
    { text: 'I always find a reason to keep going', level: 0 },
    { text: 'give me one reason to keep trying at this job', level: 0 },
  ],
  // The review of 1.7.0: each text below was raised by a 1.7.0 rule that 1.7.1 removed (level 0
  // or 1 in 1.6.1 and again now). "These are my last words as your manager … Thank you for
  // everything" is 1 through the thanks alone, as in 1.6.1.
  'review of 1.7.0: everyday texts are not alerts (rules removed in 1.7.1)': [
    { text: "The stream is running long, I'll end it in 10 minutes.", level: 0 },
    { text: "Poll closes soon, I'll end it in an hour.", level: 0 },
    { text: "The giveaway is open now and I'll end it in 2 hours!", level: 0 },
    { text: "My Netflix trial? I'll end it in 3 days.", level: 0 },
    { text: "I'm finally ending it in 2 days. Gym membership is too expensive.", level: 0 },
    { text: "The contract is bad so I'm ending it in 30 days.", level: 0 },
    { text: "I'm ready to leave this earth and go to Mars with SpaceX!", level: 0 },
    { text: "I'm gonna leave this world and make a new one with a better seed", level: 0 },
    { text: "Time to leave this planet, No Man's Sky is calling", level: 0 },
    { text: "I'm about to leave this earth for 3 weeks, off to Antarctica!", level: 0 },
    { text: 'I want to leave this world of corporate nonsense.', level: 0 },
    { text: "These are my last words as your manager. I'm retiring. Thank you for everything.", level: [0, 1] },
    { text: 'These are my last words as your captain: thank you for everything, it has been an honour.', level: [0, 1] },
    { text: 'Here are my final words as president of the chess club. Thank you all and goodbye!', level: [0, 1] },
    { text: 'Hear my final words, students: read the syllabus.', level: 0 },
    { text: 'The pigeon was about to walk into traffic so I shooed it.', level: 0 },
    { text: 'Tempted to run into traffic to grab my hat that blew away.', level: 0 },
    { text: 'I was about to step in front of a car when my friend pulled me back, I was texting.', level: 0 },
    { text: 'I could walk into traffic here and nobody would honk, Amsterdam is so chill.', level: 0 },
    { text: 'My life is about to end today, my mum found my vape.', level: 0 },
    { text: 'My life is about to end. The baby arrives tomorrow!', level: 0 },
    { text: 'My life is about to end, midterms tomorrow', level: 0 },
    { text: 'My life is going to end soon, my wife is due in May', level: 0 },
    { text: 'too tired to live rn, 4 hours of sleep', level: [0, 1] },
    { text: "I'm too weak to carry on, I need a protein bar after leg day", level: [0, 1] },
    { text: 'My birth was a mistake, my mom jokes', level: [0, 1] },
    { text: 'I should never have been born a Leafs fan', level: [0, 1] },
    { text: 'What do I hold on for in rock climbing?', level: [0, 1] },
    { text: "I don't know if I want to go on the trip.", level: [0, 1] },
    { text: 'I wonder if he wants to go on a date.', level: [0, 1] },
    { text: "I can't survive another day and I need a vacation", level: [0, 1] },
    { text: "Nobody will notice when I'm gone for the weekend.", level: [0, 1] },
    { text: 'I want to sleep and never even wake up until noon on Saturday', level: [0, 1] },
    { text: 'Not sure my life is worth this much trouble with the HOA lol', level: [0, 1] },
    { text: 'Wondering if life is worth it without coffee', level: [0, 1] },
    { text: "I'm more afraid of living than dying in a horror movie", level: [0, 1] },
    { text: "You'll miss me when I'm gone on holiday for two weeks.", level: [0, 1] },
    { text: "Who would miss me when I'm gone to college? My dog.", level: [0, 1] },
  ],
  // Crisis texts 1.7.0 read lower than 1.6.1 (level in 1.6.1 → 1.7.0 in the comment): each is at
  // least its 1.6.1 level again.
  'review of 1.7.0: a game named later is no game question (1.7.0 read these as 0)': [
    { text: 'best way to die tonight while my brother plays call of duty downstairs', level: 5, methodDetail: true, code: 'method.dose_question' },
    { text: 'easiest way to die when you\'re a failure who never got a trophy or anything', level: [4, 5], methodDetail: true, code: 'method.dose_question' },
    { text: 'fastest way to die so i can respawn somewhere better lol no im serious', level: [4, 5], methodDetail: true, code: 'method.dose_question' },
    { text: "fastest way to die, I'm sick of gamers at school calling me a loser", level: [4, 5], methodDetail: true, code: 'method.dose_question' },
    { text: 'least painful way to die in real life, not in a video game', level: [4, 5], methodDetail: true },
    { text: 'Best way to die in the new boss fight? I keep failing.', level: [0, 1], methodDetail: false },
    { text: 'Easiest way to die in Hades to farm darkness', level: [0, 1], methodDetail: false },
    { text: 'Best way to die in DnD? My character needs a dramatic death.', level: [0, 1], methodDetail: false },
  ],
  'review of 1.7.0: "when I\'m gone" is a trip only when a trip follows (1.7.0 read these as 0)': [
    { text: "They'll be happier when I'm gone from this world.", level: 2, code: 'passive.wants_out' },
    { text: "My family will be better off when I'm gone at last.", level: 2, code: 'passive.wants_out' },
    { text: "They'll be better off when I'm gone in a week.", level: 2, code: 'passive.wants_out' },
    { text: "You'll miss me when I'm gone on the 14th, I've set the date.", level: [1, 5] },
    { text: "They'll be better off when I'm gone for the weekend", level: [0, 1] },
    { text: "you'll miss me when I'm gone to work all week", level: [0, 1] },
  ],
  'review of 1.7.0: a negation is time gone by only with eating, sleeping or contact (1.7.0 read these one lower)': [
    { text: "I'm going to kill myself, no more suffering in a few hours", level: 5 },
    { text: "I'm jumping off the bridge. No more pain in an hour", level: 5, methodDetail: true },
    { text: "I'm going to end my life. since nobody cares in an hour it's done", level: 5 },
    { text: "I want to kill myself. i haven't told anyone and in an hour I'm gone", level: [4, 5] },
    { text: "I want to die. don't care anymore jumping in 10 minutes", level: [4, 5] },
    { text: "i haven't talked to anyone in 3 days and i want to die", level: 3, notCode: 'time.imminent' },
    { text: 'i have had nothing to eat in 26 hours i want to die', level: 3, notCode: 'time.imminent' },
  ],
  'review of 1.7.0: a farewell that is no everyday thanks is read by the model (1.7.0: 3 → 1)': [
    { text: "I'm not going to do anything stupid. I just gave my guitar to my brother and wrote letters to everyone I love.", level: 3, code: 'model.despair' },
  ],
  // The review of 1.7.1: everyday texts raised since 1.6.1 (level then in the comment), read as
  // everyday in 1.7.2, and the crisis texts around them that must keep their level.
  'review of 1.7.1: everyday texts are not alerts (1.7.2)': [
    { text: "This meeting is dragging, I'm going to end it in 5 minutes", level: [0, 1], methodDetail: false }, // 5
    { text: "This meeting is dragging, I'm going to end it in 5 minutes.", level: [0, 1], methodDetail: false }, // 5
    { text: "we're going to end it in a few weeks, the lease", level: [0, 1] }, // 4
    { text: "We're going to end it in a few weeks, the lease I mean.", level: [0, 1] }, // 4
    { text: "The lease is up, I'm going to end it.", level: [0, 1] },
    { text: 'Nobody would even notice if I was gone from the office lol', level: [0, 1] }, // 2
    { text: 'nobody would notice if i was gone from work for an hour', level: [0, 1] },
    { text: "I'm gonna jump in front of the train to get a seat lol", level: [0, 1], methodDetail: false }, // 4M
    { text: "I'm gonna jump in front of the bus to catch it", level: [0, 1], methodDetail: false },
    { text: 'best way to die? old, in my sleep', level: [0, 1], methodDetail: false }, // 4M
    { text: 'best way to die? old, in my sleep, surrounded by grandkids.', level: [0, 1], methodDetail: false },
    { text: 'best way to die? peacefully at 90', level: [0, 1], methodDetail: false },
    { text: 'best way to die? in my sleep', level: [0, 2], methodDetail: false },
  ],
  'review of 1.7.1: crisis texts keep their level (1.7.2)': [
    { text: "I'm going to end it tonight", level: 5, code: 'ideation.end_life' },
    { text: "I'm going to end it in 5 minutes, goodbye", level: 5, code: 'ideation.end_life' },
    { text: "I'm ending it all in a few weeks", level: [3, 5], code: 'ideation.end_life' },
    { text: "I'm going to end it, this meeting with my therapist was my last try", level: [4, 5], code: 'ideation.end_life' },
    { text: "This meeting with my therapist was my last try, I'm going to end it", level: [4, 5], code: 'ideation.end_life' },
    { text: "we're going to end it tonight together", level: 5, code: 'ideation.end_life' },
    { text: "My relationship is over and I'm going to end it", level: [4, 5], code: 'ideation.end_life' },
    { text: "we both know I'm going to end it", level: [4, 5], code: 'ideation.end_life' },
    { text: 'might as well just end it', level: [4, 5], code: 'ideation.end_life' },
    { text: "we're going to end it in a few weeks", level: [4, 5], code: 'ideation.end_life' },
    { text: 'by the end of the week if i havent gotten a call back for the job i am ending it', level: [3, 5], code: 'ideation.end_life' },
    { text: "I'm going to jump in front of the train tonight", level: 5, methodDetail: true, code: 'method.place' },
    { text: "I'm gonna jump in front of the train to end it", level: [4, 5], methodDetail: true, code: 'method.place' },
    { text: 'nobody would notice if I was gone', level: 2, code: 'passive.better_off' },
    { text: 'nobody would notice if I was gone from this world', level: 2, code: 'passive.better_off' },
    { text: 'best way to die quickly?', level: [4, 5], methodDetail: true, code: 'method.dose_question' },
    { text: 'best way to die peacefully?', level: [4, 5], methodDetail: true, code: 'method.dose_question' },
    { text: 'best way to die? in my sleep tonight', level: [4, 5], methodDetail: true, code: 'method.dose_question' },
  ],
  // 1.8.0: known misreadings of 1.7.2, each with the crisis texts on the other side of the line.
  '1.8.0: "do it" with a time beside the writer\'s ideation is a plan': [
    { text: "I want to die. I'm going to do it tonight", level: 5, code: 'plan.do_it' },
    { text: 'I want to kill myself, gonna do it tomorrow', level: 4, code: 'plan.do_it' },
    { text: "i want to end my life. i'm gonna do it on my birthday", level: 4, code: 'plan.do_it' },
    { text: "I'm suicidal and I'm finally going to do it in 2 hours", level: 5, code: 'plan.do_it' },
    { text: "I want to die, I'm going to do it in 2 hours", level: 5, code: 'plan.do_it' },
    { text: "I've decided to end my life. I'll do it tonight.", level: 5, code: 'plan.do_it' },
    { text: "I've saved up 40 pills. I'll do it on Saturday", level: 4, methodDetail: true, code: 'plan.do_it' },
    { text: "I'm doing it tonight, I'm done with life", level: [4, 5] },
    { text: "I want to die but I'm not going to do it tonight", level: [3, 4], notCode: 'plan.do_it' },
    { text: 'I want to die. Not gonna do it tonight though, I promised my sister', level: 3, notCode: 'plan.do_it' },
  ],
  '1.8.0: "do it" with a time in everyday writing is nothing': [
    { text: "I'm going to do it tonight", level: 0 },
    { text: "I'm going to do it tonight after work", level: 0 },
    { text: 'gonna do it on my birthday', level: 0 },
    { text: "I'm going to do my homework tonight", level: 0 },
    { text: "I'm going to do it tonight, the laundry has piled up", level: 0 },
    { text: 'gonna do it tomorrow, promise mom', level: 0 },
    { text: "I'll do it on Monday, the boss can wait", level: 0 },
    { text: "We're going to do it this weekend, finally painting the kitchen", level: 0 },
    { text: 'Ready to do it tomorrow! First marathon, wish me luck', level: 0 },
    { text: "I've been putting off my taxes, I'll do it on Sunday", level: 0 },
    { text: 'I finally asked her out, gonna do it on Friday at the dance', level: 0 },
    { text: "The tattoo is booked, I'm doing it tomorrow", level: 0 },
    { text: "I'm dying to try that new ramen place, gonna do it on Saturday", level: 0 },
    { text: 'Killing it at the gym, gonna do it again tomorrow', level: 0 },
    { text: "Dying my hair purple, I'm going to do it tonight", level: 0 },
    { text: "I want to die of embarrassment, I have to give the speech and I'll do it tomorrow", level: [0, 1] },
    { text: "This homework makes me want to die lol, I'll do it tomorrow", level: [0, 1] },
    { text: "If I fail this exam I'll kill myself lol, gonna do it tomorrow", level: [0, 1] },
    { text: "I'm not suicidal, I just need to do it tonight: the presentation", level: [0, 1] },
    { text: 'The movie where the character wants to kill himself, I\'ll watch it, gonna do it tonight', level: [0, 1] },
    { text: "This homework makes me want to die, I'll do it tomorrow", level: 3, notCode: 'plan.do_it' },
    { text: "I hate my life and want to die. Mom wants me to clean my room, I'll do it tomorrow.", level: 3, notCode: 'plan.do_it' },
    { text: 'I bought a rope. I\'ll do it on Saturday.', level: [0, 1], notCode: 'plan.do_it' },
    { text: 'We got a new rope for the boat, gonna do it tomorrow', level: 0 },
    { text: "My sister wants to die and said she's going to do it on Saturday", level: 3, subject: 'other', notCode: 'plan.do_it' },
  ],
  // 1.8.1: bare "years ago" (no count) is no longer read as the past (1.8.0 let it cancel present
  // ideation elsewhere in the sentence); the counted form, as in 1.7.2, and recovery "now" stay.
  '1.8.0/1.8.1: "2 years ago" is the past; recovery "now" is not the present': [
    { text: "Two years ago I tried to kill myself, now I'm ok", level: 1, code: 'attempt.reported' },
    { text: 'Two years ago I tried to kill myself. Now I\'m ok.', level: 1 },
    { text: '2 years ago i tried to kill myself', level: 1 },
    { text: 'I tried to kill myself 3 years ago', level: 1 },
    { text: "Five years ago I attempted suicide. Today I'm doing better.", level: 1 },
    { text: "Two years ago I tried to kill myself, today I'm better", level: 1 },
    { text: 'Two decades ago I tried to end my life', level: [2, 5] },
    { text: "Many years ago I wanted to die, now I'm fine", level: 1 },
    { text: "ten years ago i wanted to die but now i'm happy", level: 1 },
    { text: "Months ago I cut myself, now I'm clean", level: 1 },
    { text: 'years ago I was happy, now I want to die', level: 3, code: 'ideation.want_die' },
    { text: 'Years ago I was happy. Now I want to die.', level: 3, code: 'ideation.want_die' },
    { text: 'years ago I was happy, now I want to kill myself', level: 3 },
    { text: 'Years ago I had friends, now I just want to die', level: 3 },
    { text: 'Years ago I wanted to die and now I want to die again', level: 3 },
    { text: 'Years ago I tried to kill myself and I still want to die', level: [3, 4] },
    { text: 'Years ago I wanted to die. I still do.', level: 3 },
    { text: 'Years ago I wanted to die. These days I still do', level: 3 },
    { text: 'Years ago I wanted to die. Honestly I still want to.', level: 3 },
    { text: "Years ago I tried to kill myself, now I'm ok with wanting to die", level: 3 },
    { text: 'Two years ago I tried to kill myself. I still have the scars.', level: 1 },
    { text: 'Two years ago I wanted to die. I still do not, thankfully.', level: 1 },
  ],
  // 1.8.1: only a break-up, a divorce, a lease, a contract or a subscription said in the same
  // sentence, with no crisis, means, distress or date word anywhere (1.8.0 read a relationship named
  // nearby and cancelled suicide pacts). "Our lease is up. We are ending it tomorrow." is a crisis again.
  '1.8.0/1.8.1: "we are ending it" of a break-up or a lease said in the same sentence is not ideation': [
    { text: "We're breaking up, we are ending it", level: [0, 1] },
    { text: 'My girlfriend and I are ending it, we are splitting up.', level: [0, 1] },
    { text: "Me and my husband are ending it, the divorce papers are signed", level: [0, 1] },
    { text: "We're ending it, the lease was a rip-off anyway.", level: [0, 1] },
    { text: 'Our lease is up. We are ending it tomorrow.', level: [3, 5] },
    { text: "My boyfriend and I are ending it tomorrow, we've been dating for a year and it's just not working.", level: [3, 5] },
    { text: "We're breaking up, we are ending it. We have the pills.", level: [3, 5] },
    { text: "My wife and I are getting divorced, we are ending it. We can't live like this", level: [3, 5] },
    { text: "We're breaking up, we are ending it. The rope is ready.", level: [3, 5] },
    { text: "We're splitting up and we're ending it. The pain is too much.", level: [3, 5] },
    { text: "Our podcast had a good run, we're ending it this week.", level: [0, 1] },
    { text: 'We are ending it tomorrow together, a pact', level: [3, 5], code: 'ideation.end_life' },
    { text: 'My girlfriend and I are both suicidal. We are ending it tomorrow.', level: [3, 5], code: 'ideation.end_life' },
    { text: "We've been together 3 years and we want to die. We are ending it tomorrow.", level: [3, 5], code: 'ideation.end_life' },
    { text: "Our relationship is the only thing keeping me going. I'm ending it tomorrow.", level: [3, 5], code: 'ideation.end_life' },
    { text: 'We are ending it tomorrow, goodbye everyone', level: [4, 5] },
    { text: 'we are ending it tomorrow', level: [3, 5], code: 'ideation.end_life' },
  ],
  '1.8.0: the past is not read into a comparison, a future age or a denial taken back': [
    { text: "I don't enjoy anything like I used to and I want to die", level: 3, code: 'ideation.want_die' },
    { text: "cutting doesn't hurt like it used to, I'm free to finally die", level: 3, code: 'ideation.want_die' },
    { text: 'I want to die like I used to', level: 3 },
    { text: 'I want to die at 25', level: 3 },
    { text: 'the only reason i want to die at 27 is so i can be with you', level: 3 },
    { text: "I didn't kill myself but I could have", level: 3, code: 'ideation.kill_myself' },
    { text: "I didn't kill myself but I wanted to", level: 3, code: 'ideation.kill_myself' },
    { text: "I don't want to die but I want to", level: 3 },
    { text: "I'm not suicidal but I want to.", level: 3 },
    { text: 'I want to die my hair is falling out from the chemo and I can\'t take it', level: 3 },
    { text: 'I used to want to die', level: 1 },
    { text: 'I used to want to die but things are better', level: 1 },
    { text: "It's not like I used to want to die, I'm fine", level: 1 },
    { text: 'I wanted to die at 15', level: 1 },
    { text: 'When I was 15 I wanted to die', level: 1 },
    { text: 'I tried to kill myself at 15', level: 1 },
    { text: 'I want to die at 90 surrounded by my grandkids', level: [0, 1] },
    { text: "I don't want to die like I used to", level: 1 },
    { text: "I don't feel suicidal like I used to", level: 1 },
    { text: "I don't want to die, but I still want to go to the party", level: 1 },
    { text: "I didn't kill myself but I could have died in that crash", level: 1 },
    { text: "I don't run like I used to, my knees are shot", level: 0 },
    { text: "I can't eat pizza like I used to lol", level: 0 },
    { text: 'My sister doesn\'t call me as often as she used to', level: 0 },
    { text: "This exam is killing me, I can't study like I used to", level: 0 },
    { text: "I'd die for a pizza like I used to", level: 0 },
    { text: 'The battery dies at 20 percent', level: 0 },
    { text: 'My phone will die at 10% so text me', level: 0 },
    { text: "He's going to die at 80 like his dad", level: 0 },
    { text: "I hope my cat doesn't die at 15, she's my baby", level: 0 },
    { text: "I didn't kill the spider but I could have", level: 0 },
    { text: "I didn't kill it at the audition, but I could have", level: 0 },
    { text: "I didn't die of embarrassment but I could have", level: 0 },
    { text: "I'm not dying my hair but I want to", level: 0 },
    { text: 'I want to die my hair blue', level: 0 },
    { text: "I don't want to die my hair blue but I want to", level: 0 },
    { text: 'I wanna die the hair pink', level: 0 },
    { text: "I don't want to die on this hill, but I want to win the argument", level: 0 },
    { text: "We're not going to kill the project, but we want to", level: 0 },
    { text: "I don't want to kill my vibe, but I want to know", level: 0 },
  ],

  // The adversarial review of 1.8.0 (181 sentences; 1.8.0 read 55 crisis sentences below 3). Each
  // sentence with the reviewer's expected range; 1.8.1 meets it.
  '1.8.1: the review of 1.8.0, expected ranges met': [
    { text: "I tried to kill myself years ago and I want to die", level: [3, 5] },
    { text: "i overdosed months ago and nobody even noticed, i want to die", level: [3, 5] },
    { text: "years ago i attempted and honestly i want to kill myself", level: [3, 5] },
    { text: "I attempted months ago and I'm going to kill myself", level: [3, 5] },
    { text: "my dad left years ago and i want to kill myself", level: [3, 5] },
    { text: "I lost my job months ago and I want to kill myself", level: [3, 5] },
    { text: "Years ago I tried to kill myself, now I'm ok lol not really, I want to die", level: [3, 5] },
    { text: "Years ago I tried to kill myself, now I'm fine but I want to die", level: [3, 5] },
    { text: "Years ago I cut myself, now I'm better at hiding it and I want to die", level: [3, 5] },
    { text: "Years ago I wanted to die, now I'm better off dead", level: [2, 5] },
    { text: "years ago i wanted to die and now im ok with the idea of killing myself", level: [3, 5] },
    { text: "I was fine years ago, now I want to kill myself", level: [3, 5] },
    { text: "I was happy years ago but I want to kill myself", level: [3, 5] },
    { text: "I was fine years ago and I want to kill myself", level: [3, 5] },
    { text: "months ago i was doing ok and now i want to die", level: [3, 5] },
    { text: "i tried to kms years ago and now im good at hiding that i want to again", level: [3, 5] },
    { text: "attempted years ago now im fine 🙃 want to ctb", level: [3, 5] },
    { text: "decades ago my brother died and I want to die", level: [3, 5] },
    { text: "Years ago I tried to kill myself. I want to die.", level: [3, 5] },
    { text: "Years ago I tried to kill myself and I'm going to try again", level: [3, 5] },
    { text: "years ago i tried to unalive myself and today im ok but tonight i want to die", level: [3, 5] },
    { text: "I was in the hospital months ago for an overdose and I want to kill myself", level: [3, 5] },
    { text: "Today I'm ok but I want to kill myself", level: [3, 5] },
    { text: "Today I'm fine. Tomorrow I kill myself.", level: [4, 5] },
    { text: "now im ok but i want to kms", level: [3, 5] },
    { text: "i want to kms years ago i tried and failed", level: [3, 5] },
    { text: "years ago i was suicidal and i am still suicidal now", level: [3, 5] },
    { text: "I was suicidal years ago, I'm fine now, lie, I'm suicidal", level: [3, 5] },
    { text: "years ago I tried to end it all and i feel the same way", level: [2, 5] },
    { text: "Years ago I tried to kill myself. Now I'm okay, most days. The thoughts are back though", level: [2, 5] },
    { text: "I've been suicidal since years ago", level: [3, 5] },
    { text: "I've wanted to die ever since years ago when she left", level: [3, 5] },
    { text: "my mom died months ago and i want to be with her, i want to die", level: [3, 5] },
    { text: "years ago i self harmed a lot, now im clean", level: 1 },
    { text: "I tried to kill myself 2 years ago and I want to die", level: [3, 5] },
    { text: "Two years ago I tried to kill myself, now I'm fine but I want to die", level: [3, 5] },
    { text: "2 years ago I tried to kill myself, now I'm ok lol not really, I want to die", level: [3, 5] },
    { text: "Two years ago I cut myself, now I'm better at hiding it and I want to die", level: [3, 5] },
    { text: "Two years ago I wanted to die, now I'm better off dead", level: [2, 5] },
    { text: "I attempted 2 years ago now im fine 🙃 want to ctb", level: [3, 5] },
    { text: "two years ago I tried to kill myself and today I'm okay but I still want to die", level: [3, 5] },
    { text: "two years ago I tried to kill myself and today I'm okay but I want to die again", level: [3, 5] },
    { text: "2 years ago i tried to kms. today im fine. kidding. today i want to kms", level: [3, 5] },
    { text: "a year ago I tried to kill myself, today I'm fine because I know I'm going to do it tonight", level: [4, 5] },
    { text: "years ago i tried to kill myself and now im okay just thinking about doing it again", level: [3, 5] },
    { text: "i was suicidal years ago and now im ok but honestly i want to die right now", level: [3, 5] },
    { text: "Years ago I tried to kill myself. Now I'm fine. I want to die.", level: [3, 5] },
    { text: "I attempted years ago, I'm fine now, except I want to die every day", level: [3, 5] },
    { text: "My husband and I are ending it. We've been married 40 years and the pain is too much for both of us.", level: [3, 5] },
    { text: "We've been married 52 years and he's so sick. We are ending it on Sunday.", level: [3, 5] },
    { text: "my girlfriend and I are ending it tonight", level: [3, 5] },
    { text: "My girlfriend and I have been dating for 2 years and our parents will never accept us. We're ending it on Friday.", level: [3, 5] },
    { text: "Me and my boyfriend have been dating since school and nobody understands us. We are ending it this weekend. We have the rope.", level: [3, 5] },
    { text: "my bf and i are ending it. we've been dating 3 years and this world has nothing for us", level: [3, 5] },
    { text: "We broke up and got back together so many times. We're ending it. Both of us. No more pain", level: [3, 5] },
    { text: "our relationship is the only good thing and everyone wants to split us up. we are ending it saturday, jumping off the bridge holding hands", level: [3, 5] },
    { text: "we have been dating for a year and our families hate us so we decided to end it, we have the pills ready", level: [3, 5] },
    { text: "We have been married 60 years. We decided we are ending it together, on our terms.", level: [3, 5] },
    { text: "My wife and I are ending it. The cancer is back and we've been married too long to watch each other suffer.", level: [3, 5] },
    { text: "My wife and I are ending it. The cancer is back and we can't go on.", level: [3, 5] },
    { text: "we were dating in secret and her dad found out. we're ending it tomorrow, we cant live like this", level: [3, 5] },
    { text: "me and my gf are ending it tmrw we have been dating 2 years and no one will miss us", level: [3, 5] },
    { text: "My partner and I will end it. We can't afford the rent, the landlord is evicting us, there's no way out", level: [3, 5] },
    { text: "we're moving out of the only home we had and we are ending it. there's nothing left", level: [3, 5] },
    { text: "Our lease is up in June and we are ending it early.", level: [0, 1] },
    { text: "We've been dating for a year but we're ending it, it's mutual.", level: [0, 1] },
    { text: "My business partner and I are ending it, the partnership was draining us.", level: [0, 1] },
    { text: "Our band is done, we're ending it after the last show.", level: [0, 1] },
    { text: "this exam is killing me, I'm going to do it tonight", level: [0, 2] },
    { text: "ugh this essay is killing me lol I'll do it tomorrow", level: [0, 2] },
    { text: "I'm so nervous to tell him how I feel. I'm going to do it tonight.", level: [0, 2] },
    { text: "I've been putting off breaking up with him. I'm finally going to do it on Friday.", level: [0, 2] },
    { text: "i could kill my brother for eating my fries. im going to do it tonight lol", level: [0, 2] },
    { text: "Leg day is going to kill me. I'm going to do it tomorrow morning.", level: [0, 2] },
    { text: "I'm dying to dye my hair blue, I'm going to do it this weekend", level: [0, 2] },
    { text: "I want to die. I have a huge test, I'm going to do it tomorrow", level: 3 },
    { text: "I want to die. My mom keeps asking me to clean my room, I'll do it on saturday", level: 3 },
    { text: "i want to kms this week was hell. anyway i finally asked for help, going to do it tomorrow, seeing a therapist", level: 3 },
    { text: "I feel suicidal sometimes. I'm going to tell my therapist, I'll do it on Monday.", level: 3 },
    { text: "I want to kill myself. I've been avoiding the doctor but I'm going to do it tomorrow", level: 3 },
    { text: "I want to kill myself. I'm going to do it tonight.", level: [4, 5] },
    { text: "i want to die so bad, gonna do it on my birthday", level: [4, 5] },
    { text: "I can't do work anymore, I want to kill myself. I'm going to do it tonight.", level: [4, 5] },
    { text: "I failed my exam and I want to kill myself. I'm going to do it tonight", level: [4, 5] },
    { text: "kms. doing it tonight.", level: [4, 5] },
    { text: "ctb. gonna do it this weekend", level: [4, 5] },
    { text: "I want to die and I'm doing it tomorrow no matter what", level: [4, 5] },
    { text: "My parents will find my note. I want to die. I'll do it when they're asleep tonight", level: [4, 5] },
    { text: "i want to kill myself, this homework is the last straw, im going to do it tonight", level: [4, 5] },
    { text: "I wanna be dead my clothes dont fit and everyone laughs at me", level: [3, 5] },
    { text: "i want to die my hair looks disgusting and everyone at school stares", level: [3, 5] },
    { text: "i just want to die my hair won't stop falling out from chemo and i can't do this anymore", level: [3, 5] },
    { text: "I want to die my jeans dont fit anymore i hate my body", level: [3, 5] },
    { text: "i want to be dead my shoes are by the door and im going to the bridge", level: [3, 5] },
    { text: "i deserve to die my roots are rotten like my dad says", level: [3, 5] },
    { text: "I should die my shirt still smells like him and he's gone", level: [3, 5] },
    { text: "I want to die my clothes smell like the fire that killed my family", level: [3, 5] },
    { text: "i want to die my hair got cut off by them and they laughed", level: [3, 5] },
    { text: "I want to die my hair pink this summer", level: [0, 1] },
    { text: "should I die my hair black or blue", level: [0, 1] },
    { text: "I want to die my roots before the wedding", level: [0, 1] },
    { text: "i wanna die my hair again lol", level: [0, 1] },
    { text: "I didn't kill myself but I wanted to", level: [3, 5] },
    { text: "I'm not going to kill myself but I want to, so badly", level: [3, 5] },
    { text: "I'm not suicidal, but I want to, like, vent for a sec", level: [0, 2] },
    { text: "I'm not suicidal but I wanted to, you know, just talk to someone", level: [0, 2] },
    { text: "I'm not suicidal, I just wanted to, and I did, go to bed early", level: [0, 2] },
    { text: "I never wanted to kill myself, but I wanted to and did talk to a counselor about stress", level: [0, 2] },
    { text: "I don't want to die but I could have died in that crash, and that scared me", level: [0, 2] },
    { text: "I didn't die in the crash but I could have.", level: [0, 2] },
    { text: "I'm not going to hurt myself, but I want to, and I'm going to, take a break from school", level: [0, 2] },
    { text: "I want to die like I used to", level: [3, 5] },
    { text: "I used to cut, I don't anymore", level: [1, 2] },
    { text: "I used to want to die, not anymore", level: [0, 1] },
    { text: "i want to die at 25", level: [3, 5] },
    { text: "I hope to die at 95 in my sleep", level: [0, 2] },
    { text: "I want to die at 90 surrounded by grandkids", level: [0, 2] },
    { text: "I want to die at 65 on a beach somewhere", level: [0, 2] },
    { text: "lol i wanna die at 27 like a rockstar jk", level: [0, 2] },
    { text: "I want to die at 17 I'm 16 now", level: [3, 5] },
    { text: "ctb attempt years ago failed and i want to ctb for real this time", level: [3, 5] },
    { text: "kms attempt years ago didnt work, want to kms", level: [3, 5] },
    { text: "overdosed years ago, survived, want to die more than ever", level: [3, 5] },
    { text: "i was raped years ago and i want to kill myself", level: [3, 5] },
    { text: "he started hitting me years ago and i want to die", level: [3, 5] },
    { text: "my brother killed himself years ago and i want to kill myself too", level: [3, 5] },
    { text: "it started years ago and i want to die", level: [3, 5] },
    { text: "i have been depressed since years ago and i'm suicidal", level: [3, 5] },
    { text: "ive felt like a burden for years ago now and i dont want to wake up", level: [2, 5] },
    { text: "i moved here months ago and i'm so alone i want to kill myself", level: [3, 5] },
    { text: "years ago i cut for the first time and i want to cut again tonight", level: [2, 5] },
    { text: "Now I'm fine, they think. Years ago I tried, and I want to die", level: [3, 5] },
    { text: "I tried to kill myself years ago, I'm ok now but I'm planning to do it again", level: [3, 5] },
    { text: "me and my boyfriend are ending it together tonight, we've been dating a year", level: [3, 5] },
    { text: "My gf and I have been dating 2 years and we're ending it. We can't live without each other and our families won't let us be.", level: [3, 5] },
    { text: "We've been married 50 years and neither of us wants to live without the other. We are ending it Sunday.", level: [3, 5] },
    { text: "we are ending it", level: [3, 5] },
    { text: "we are ending it tonight", level: [3, 5] },
    { text: "we're ending it together", level: [3, 5] },
    { text: "me and my boyfriend are ending it together tonight", level: [3, 5] },
    { text: "my husband and i have decided we are ending it", level: [3, 5] },
    { text: "We are ending it Sunday.", level: [3, 5] },
    { text: "we have decided to end it together, we have his gun", level: [3, 5] },
    { text: "i am ending it", level: [3, 5] },
    { text: "I don't want to kill myself over this exam, but I wanted to scream.", level: [0, 2] },
    { text: "I'm not dying to go to the party but I want to, kind of", level: [0, 2] },
    { text: "I wouldn't kill for a coffee but I could have, this morning", level: [0, 2] },
    { text: "I could die for pizza like I used to", level: [0, 2] },
    { text: "my mom would kill me if I dyed my hair, I'm going to do it tomorrow", level: [0, 2] },
    { text: "I want to die at 30 with a full passport lol", level: [0, 2] },
    { text: "I'm not gonna kill it at the gym today but I want to, so badly", level: [0, 2] },
    { text: "We've been married 10 years and we're ending it amicably, the kids know.", level: [0, 2] },
    { text: "Years ago I tried to kill myself. Now I'm a nurse and I help others.", level: [0, 2] },
    { text: "Months ago I wanted to die, now I'm doing so much better", level: [0, 2] },
    { text: "I want to kill myself lol this homework, I'll do it tonight", level: [0, 2] },
  ],
  // Sentences of the review 1.8.1 still reads below the reviewer's range, as 1.7.2 does (no lower):
  // known gaps, held at their present level so that none drops further.
  '1.8.1: the review of 1.8.0, known gaps (read as in 1.7.2, never lower)': [
    { text: "I tried to kill myself years ago. Now I'm ok. Just kidding I want to die", level: [2, 5] }, // reviewer: 3-5
    { text: "i tried to kill myself months ago and this time im going to do it right", level: [2, 5] }, // reviewer: 4-5
    { text: "i attempted months ago im going to finish the job", level: [0, 5] }, // reviewer: 3-5
    { text: "two years ago i attempted, today i'm doing better", level: [0, 5] }, // reviewer: 1-1
    { text: "three years ago I tried suicide. today I'm ok, tomorrow I'll try again", level: [1, 5] }, // reviewer: 3-5
    { text: "I survived an attempt 5 years ago but now I'm fine with dying", level: [0, 5] }, // reviewer: 3-5
    { text: "5 years ago I overdosed and now I'm good at pretending I'm not suicidal", level: [2, 5] }, // reviewer: 3-5
    { text: "two years ago i tried to kill myself, now im ok, just kidding i want to die", level: [2, 5] }, // reviewer: 3-5
    { text: "my job is hell and i want to die. i'm going to do it tomorrow", level: [3, 5] }, // reviewer: 4-5
    { text: "I'm suicidal. I've decided. Doing it on Friday.", level: [3, 5] }, // reviewer: 4-5
    { text: "I didn't try to kill myself last night but I could have, easily", level: [1, 5] }, // reviewer: 3-5
    { text: "I feel like dying like I used to and I cut like I used to", level: [0, 5] }, // reviewer: 3-5
    { text: "tried to unalive myself months ago and i still think about it every day", level: [2, 5] }, // reviewer: 3-5
    { text: "tried to unalive myself months ago and i think about it constantly", level: [2, 5] }, // reviewer: 3-5
    { text: "my brother killed himself years ago and i want to join him", level: [1, 5] }, // reviewer: 3-5
    { text: "my husband and i have decided we are ending it, we've been married 30 years and the debt is crushing us. we have his gun.", level: [0, 5] }, // reviewer: 3-5
  ],
  // Sentences of the review 1.8.1 reads above the reviewer's range (a false alarm, never a miss).
  '1.8.1: the review of 1.8.0, read higher than the reviewer expects': [
    { text: "Years ago I tried to kill myself, now I'm ok", level: [1, 2] }, // reviewer: 1-1
    { text: "I wanted to die months ago. Now I'm fine.", level: [1, 3] }, // reviewer: 1-1
    { text: "decades ago I overdosed, these days I'm happy", level: [1, 2] }, // reviewer: 1-1
    { text: "My girlfriend and I are ending it. We've been together 3 years but it's not working.", level: [0, 3] }, // reviewer: 0-1
    { text: "we're breaking up. we are ending it tomorrow over coffee.", level: [0, 3] }, // reviewer: 0-1
    { text: "I hate my job so much I could die. I'm gonna quit, I'm going to do it on monday", level: [0, 3] }, // reviewer: 0-2
    { text: "I've been suicidal for weeks. I'm going to call the hotline, I'm going to do it tonight.", level: [3, 4] }, // reviewer: 3-3
    { text: "i want to die. im scared to tell my parents but im gonna do it tonight", level: [3, 4] }, // reviewer: 3-3
    { text: "I don't want to die but I want to. Sleep for a week, I mean", level: [0, 3] }, // reviewer: 0-2
    { text: "this meeting makes me want to die like it used to, I hate Mondays", level: [0, 3] }, // reviewer: 0-2
  ],
};

describe('screen(): table of hand-written cases', () => {
  for (const [group, list] of Object.entries(cases)) {
    describe(group, () => {
      for (const c of list) {
        it(`${JSON.stringify(c.text)} → ${Array.isArray(c.level) ? c.level.join('..') : c.level}`, () => {
          const s = screen(c.text);
          const [lo, hi] = Array.isArray(c.level) ? c.level : [c.level, c.level];
          expect(s.level, JSON.stringify(s.reasons)).toBeGreaterThanOrEqual(lo);
          expect(s.level, JSON.stringify(s.reasons)).toBeLessThanOrEqual(hi);
          if (c.category) expect(s.categories).toContain(c.category);
          if (c.notCategory) expect(s.categories).not.toContain(c.notCategory);
          if (c.subject) expect(s.subject).toBe(c.subject);
          if (c.methodDetail !== undefined) expect(s.methodDetail).toBe(c.methodDetail);
          if (c.code) expect(s.reasons.map((r) => r.code)).toContain(c.code);
          if (c.notCode) expect(s.reasons.map((r) => r.code)).not.toContain(c.notCode);
        });
      }
    });
  }

  it('has at least 150 cases', () => {
    expect(Object.values(cases).flat().length).toBeGreaterThanOrEqual(150);
  });
});

describe('screen(): spans and shape', () => {
  const spanCases: [string, RegExp][] = [
    ['Honestly I want to kill myself tonight', /kill myself/i],
    ['I’m done. I don’t want to wake up tomorrow.', /wake up/i],
    ['Hey all. kms', /kms/i],
    ['My sister said she wants to die 😢', /wants to die/i],
    ['I have 40 pills saved in my drawer', /pills/i],
    ['Ugh. kys loser', /kys/i],
    ['🙂🙂 I cut myself again', /cut myself/i],
    ['I haven’t eaten in 4 days', /eaten in 4 days/i],
  ];
  for (const [text, trigger] of spanCases) {
    it(`span of ${JSON.stringify(text)} covers the trigger`, () => {
      const s = screen(text);
      expect(s.reasons.length).toBeGreaterThan(0);
      const top = s.reasons.some((r) => trigger.test(text.slice(r.span[0], r.span[1])));
      expect(top).toBe(true);
      for (const r of s.reasons) {
        expect(r.span[0]).toBeGreaterThanOrEqual(0);
        expect(r.span[1]).toBeLessThanOrEqual(text.length);
        expect(r.span[0]).toBeLessThan(r.span[1]);
      }
    });
  }

  it('returns a complete verdict for empty and odd input', () => {
    for (const t of ['', ' ', '\n\n', '....', '😀'.repeat(50), 'a'.repeat(5000)]) {
      const s = screen(t);
      expect(s.level).toBe(0);
      expect(s.categories).toEqual([]);
      expect(s.methodDetail).toBe(false);
      expect(s.subject).toBe('none');
      expect(s.version).toBe(SCREEN_VERSION);
    }
  });

  // Posts go up to 20,000 chars and the screen runs synchronously in the write path: one very long
  // "word" once reached a lookbehind that is quadratic in it (1.5.0, seconds per text). The verdicts
  // here; the time of the worst case is in bench/safety.bench.ts (no timing thresholds in tests).
  it('screens 20,000-char single-word texts beside risk words', () => {
    const long = (c: string): string => c.repeat(20000);
    const expected: [string, number][] = [
      [long('a') + ' will kill me', 0],
      ['will 5 mg ' + long('x') + ' kill me', 0],
      ['will 5 mg ' + long('1') + ' kill me', 0],
      ['how many ' + long('x') + ' would it take to die', 0],
      ['she ' + long('x') + ' threatened to kill me', 0],
      [long('k') + ' I want to kill myself', 3],
      ['I want to die ' + long('z'), 3],
      [long('x'), 0],
      ['suicidal' + long('x'), 3],
      ['will 5000 mg of tylenol kill me? ' + long('q'), 4],
    ];
    for (const [text, level] of expected) expect(screen(text).level, text.slice(0, 40)).toBe(level);
  });

  it('maps spans back onto the text when a title runs into the body', () => {
    const text = 'Need adviceI want to kill myself tonight';
    const s = screen(text);
    expect(s.level).toBeGreaterThanOrEqual(4);
    const r = s.reasons.find((x) => x.code === 'ideation.kill_myself')!;
    expect(text.slice(r.span[0], r.span[1])).toBe('kill myself');
    for (const x of s.reasons) expect(x.span[1]).toBeLessThanOrEqual(text.length);
    // The glued word's own span starts inside "adviceI": "I" is at the junction.
    expect(screen('Need helpI want to die').reasons.every((x) => x.span[0] >= 0 && x.span[1] <= 22)).toBe(true);
    expect(screen('What keeps me going is a YouTube video about suicide prevention').level).toBe(0);
  });

  // 1.6.0's readings (negations taken back, title junctions, clock times) on long inputs: verdicts
  // only (their time is in bench/safety.bench.ts; every added expression is bounded).
  it('screens long and repeated texts with the 1.6.0 phrasings', () => {
    const fill = (p: string, n = 20000): string => p.repeat(Math.ceil(n / p.length));
    const expected: [string, number][] = [
      ['i dont want to die but ' + 'x'.repeat(20000), 1],
      ['i dont want to die' + ' '.repeat(20000) + 'but it is my only option', 1],
      ['i didnt kill myself' + ' '.repeat(20000) + 'yet', 1],
      ['never ' + ' '.repeat(20000) + 'wanted to kill myself more', 3],
      ['Need help' + 'I'.repeat(20000), 0],
      ['abc' + 'Def'.repeat(7000), 0],
      [fill('not ' + ' '.repeat(200) + 'getting better '), 0],
      [fill('at 3' + ' '.repeat(100)), 0],
      [fill('i wish i didnt have to wake up' + ' '.repeat(2000)), 2],
      [fill('i didnt kill myself yet '), 3],
      [fill('looking forward to dying '), 2],
      [fill('the only reason i dont kill myself '), 3],
      // 1.6.1's readings.
      ['i dont want to die but i have to' + ' '.repeat(20000) + 'end it', 3],
      [fill('never wanted to die more than ' + ' '.repeat(100)), 1],
      [fill('never wanted to die more than ever ' + ' '.repeat(100)), 3],
      ['im killing mystic' + ' '.repeat(20000) + 'gym', 4],
      [fill('im killing mystic ' + 'x'.repeat(50) + ' '), 4],
      [fill('i just popped a whole ' + ' '.repeat(100)), 0],
      [fill('least painful way to die ' + 'x '.repeat(100)), 4],
      [fill('the reason i didnt kill myself ' + 'abc '.repeat(30)), 1],
      [fill('which signs should you watch for, like saving up pills ' + ' '.repeat(100)), 1],
      [fill('i took too much adderall '), 2],
      // 1.7.0's readings kept in 1.7.1.
      [fill('i wish i could find a reason why i still should keep fighting '), 2],
      [fill('best way to die tonight while my brother plays call of duty '), 5],
      ['best way to die ' + 'x'.repeat(20000), 4],
      [fill('havent eaten in 26 hours i want to die '), 3],
    ];
    for (const [text, level] of expected) expect(screen(text).level, text.slice(0, 40)).toBe(level);
  });

  it('is deterministic and keeps no state between calls', () => {
    const t = 'I want to kill myself. this exam is killing me';
    const a = screen(t);
    screen('kys');
    screen('I have 40 pills saved');
    expect(screen(t)).toEqual(a);
  });

  it('reports the level of the strongest reason', () => {
    const s = screen('I am so stressed. I want to kill myself. I have the pills ready.');
    expect(Math.max(...s.reasons.map((r) => r.level))).toBe(s.level);
  });

  it('finds risk in a long text with a risky sentence at the end', () => {
    const filler = 'Today I went to work and had lunch with a colleague. '.repeat(40);
    expect(screen(`${filler}I want to die.`).level).toBeGreaterThanOrEqual(3);
  });

  it('accepts a surface option; second-person questions in replies are support, not risk', () => {
    expect(screen('do you ever want to die?', { surface: 'reply' }).level).toBe(0);
    expect(screen('I want to die', { surface: 'journal' }).level).toBe(3);
  });
});
