/**
 * Finds contact details in a 1:1 message: phone numbers, email addresses, social handles and
 * profile links, street addresses and postcodes. Moving a young or struggling person to a private
 * channel is a known grooming path, so the conversation holds such a message instead of
 * delivering it (conversations.service.ts). Pure and synchronous; no I/O.
 *
 * Guarantees and trade-offs:
 *  - Digits are read well: 7–15 digits with spaces, dots, dashes, slashes or brackets between
 *    them, an optional + or 00, and spelled-out digits ("zero seven seven …", 7 or more in a row).
 *  - Not phone numbers: dates (12/03/2024, 2024-03-12), times (10:30), short numbers (ages, steps,
 *    crisis lines such as 999, 988, 116 123), amounts with a currency sign or a count word after
 *    them (£1,250,000; 1234567 steps), and numbers the caller allows (crisis lines of the directory).
 *  - Email: plain, and the common disguises (at)/[at]/{at} and (dot)/[dot], and "name at gmail dot com".
 *  - Social: "@name" (not "@everyone"/"@here", not "@5pm"), "my insta is …", "insta: …",
 *    "add/message/text/find me on snap", "let's talk on whatsapp", and profile links (instagram.com/…,
 *    wa.me/…, t.me/…, discord.gg/…). Ambiguous short forms ("ig" also means "I guess") count only
 *    with a separator or in "my ig is …" / "on ig".
 *  - Addresses: a house number, one to three name words and a street word (12 Oak Street, 4b Mill
 *    Rd); UK postcodes (SW1A 1AA); US ZIP codes only after a state code or the word "zip".
 * A finding is a kind and a span; the caller decides what to do. False positives cost a re-send
 * without the number; false negatives cost a possible off-platform contact, so doubtful digits count.
 */

export type ContactKind = 'phone' | 'email' | 'social_handle' | 'social_link' | 'street_address' | 'postcode';

export interface ContactFinding {
  kind: ContactKind;
  /** [start, end) in the original text. */
  span: [number, number];
}

export interface ContactOptions {
  /**
   * Numbers that may be shared (digits only, e.g. crisis lines from the directory: "08001111").
   * A found number is allowed when its digits equal one of these, with or without a leading 0/+/00 country part.
   */
  allowedNumbers?: Iterable<string>;
  /** Kindred handles that may be named with "@" (the two participants): not a way off the platform. */
  allowedHandles?: Iterable<string>;
}

const PLATFORMS_UNAMBIGUOUS = [
  'instagram', 'insta', 'snapchat', 'whatsapp', 'whats app', 'telegram', 'discord', 'tiktok', 'tik tok',
  'kik', 'facebook', 'twitter', 'reddit', 'skype', 'wechat', 'viber', 'onlyfans',
];
/** Also ordinary words or slang ("ig" = "I guess", "no signal"): they count only with a separator or "my … is". */
const PLATFORMS_AMBIGUOUS = ['ig', 'sc', 'fb', 'wa', 'tg', 'tt', 'dc', 'snap', 'signal', 'threads', 'messenger', 'line'];
const PLATFORM = `(?:${[...PLATFORMS_UNAMBIGUOUS, ...PLATFORMS_AMBIGUOUS].map((p) => p.replace(' ', '\\s?')).join('|')})`;
const PLATFORM_STRONG = `(?:${PLATFORMS_UNAMBIGUOUS.map((p) => p.replace(' ', '\\s?')).join('|')})`;

/** A candidate handle after a platform's name; handleLike() decides. */
const HANDLE_TOKEN = String.raw`@?[A-Za-z0-9_.]+(?:#\d{4})?`;

const SOCIAL_DOMAINS = [
  'instagram\\.com', 'instagr\\.am', 'snapchat\\.com', 'tiktok\\.com', 'facebook\\.com', 'fb\\.com', 'fb\\.me', 'm\\.me', 'wa\\.me',
  'chat\\.whatsapp\\.com', 't\\.me', 'telegram\\.me', 'discord\\.gg', 'discord\\.com/users', 'discordapp\\.com/users', 'twitter\\.com',
  'x\\.com', 'kik\\.me', 'signal\\.me', 'signal\\.group', 'linkedin\\.com/in', 'reddit\\.com/u(?:ser)?', 'threads\\.net', 'onlyfans\\.com',
  'linktr\\.ee', 'youtube\\.com/@', 'twitch\\.tv', 'skype\\.com', 'tumblr\\.com', 'pinterest\\.com', 'bsky\\.app/profile',
];

const STREET_WORDS =
  'street|st|road|rd|avenue|ave|av|lane|ln|drive|dr|close|cl|crescent|cres|court|ct|place|pl|way|terrace|tce|grove|gr|gardens|gdns|boulevard|blvd|square|sq|mews|row|hill|parade|walk|highway|hwy|parkway|pkwy|circle|cir|alley|wynd|rise|view|green|park';

/** Words that follow a number without being a street's name: "3 miles down the road", "2 times a street". */
const NOT_NAME_WORDS = new Set(
  (
    'a an the my your our their his her its this that these those of to in on at by for from with down up along across over into onto off past near ' +
    'and or but so then very more less few many much some other another times time days day weeks week months month years year hours hour minutes minute mins ' +
    'seconds secs miles mile km kilometres kilometers metres meters yards feet steps step blocks block houses doors streets roads kids children people friends ' +
    'pills tablets meals cups drinks nights night mornings morning evenings evening sessions sessions am pm percent times'
  ).split(/\s+/),
);

const US_STATES =
  'AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY';

/** Count words after a number: then it is an amount, not a phone number. */
const COUNT_WORDS =
  /^\s*(?:steps?|points?|views?|followers?|likes?|people|users?|words?|years?|days?|hours?|minutes?|seconds?|calories|kcal|miles?|km|metres?|meters?|dollars?|euros?|pounds?|quid|bucks|yen|rupees?|won|pesos?|times|%|percent|mg|ml|kg|lbs?)\b/i;
const CURRENCY_BEFORE = /[£$€¥₹₩₽]\s*$|(?:usd|eur|gbp|aud|cad|inr)\s*$/i;

const RE = {
  email: new RegExp(
    String.raw`[A-Za-z0-9._%+-]+\s*(?:@|\(\s*at\s*\)|\[\s*at\s*\]|\{\s*at\s*\})\s*[A-Za-z0-9-]+(?:\s*(?:\.|\(\s*dot\s*\)|\[\s*dot\s*\]|\{\s*dot\s*\})\s*[A-Za-z0-9-]+)*\s*(?:\.|\(\s*dot\s*\)|\[\s*dot\s*\]|\{\s*dot\s*\})\s*[A-Za-z]{2,24}\b`,
    'g',
  ),
  /** "sam at gmail dot com": spelled out in full; " at " alone is an everyday word, so the " dot tld" is required. */
  emailSpelled: /\b[A-Za-z0-9._%+-]+\s+at\s+[A-Za-z0-9-]+(?:\s+dot\s+[A-Za-z0-9-]+)*\s+dot\s+(?:com|net|org|co|uk|io|me|edu|gov|de|fr|ie|au|ca|nz|info|biz|app|dev)\b/gi,
  /** 7+ digits with separators between (checked and counted after the match). */
  phone: /(?<![\w+])(?:\+|00)?\(?\d(?:[\s.\-/()]{0,3}\d){6,18}(?!\w)/g,
  spelledDigits: /\b(?:(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|double|triple|\d)(?:[\s,.-]+|$)){7,}/gi,
  socialLink: new RegExp(String.raw`(?:https?://)?(?:www\.|m\.|vm\.)?(?:${SOCIAL_DOMAINS.join('|')})/?@?[A-Za-z0-9_.\-/]*`, 'gi'),
  atHandle: /(?<![\w.@])@([A-Za-z0-9_](?:[A-Za-z0-9_.]{0,29}))/g,
  /** "add me on snap", "message me on whatsapp", "let's talk on discord": an invitation off the platform. */
  invitation: new RegExp(
    String.raw`\b(?:(?:add|follow|message|msg|dm|pm|text|find|hit|contact|reach|call|ring|facetime|friend)\s+me(?:\s+up)?|(?:let'?s|we\s+(?:can|could|should))\s+(?:talk|chat|move|switch|speak|go|continue|text)(?:\s+more)?|(?:talk|chat|speak)(?:\s+more)?)\s+(?:on|at|via|over|to|in)\s+(?:${PLATFORM})\b`,
    'gi',
  ),
  /** "add me: sam_j22", "follow me @samj", "dm me samj_22": a handle without the platform's name. */
  addMe: new RegExp(String.raw`\b(?:add|follow|dm|pm|msg|message|text|friend)\s+me\s*(?:(:|-|=|–)\s*(${HANDLE_TOKEN})|(${HANDLE_TOKEN}))`, 'gi'),
  /** "my insta is sam_j", "my snap: samj", "my ig's samj22". */
  myPlatform: new RegExp(String.raw`\bmy\s+(?:${PLATFORM})(?:\s+(?:name|handle|username|user|id|tag|number|@))?\s*(?:is|'s|:|-|=|@)\s*(${HANDLE_TOKEN})`, 'gi'),
  /** "insta: samj", "snap - samj", "discord samj#1234", "whatsapp @samj", "ig @samj". */
  platformThenName: new RegExp(String.raw`\b(?:${PLATFORM})\s*(?::|-|=|@|–)\s*(${HANDLE_TOKEN})|\b(?:${PLATFORM_STRONG})\s+(${HANDLE_TOKEN})`, 'gi'),
  streetAddress: new RegExp(String.raw`\b(\d{1,5}[A-Za-z]?)(?:\s*,)?\s+((?:[A-Za-z][A-Za-z'’-]*\s+){1,3})(?:${STREET_WORDS})\b\.?`, 'gi'),
  ukPostcode: /\b(?:[A-Z]{1,2}\d[A-Z\d]?|GIR)\s*\d[ABD-HJLNP-UW-Z]{2}\b/gi,
  usZip: new RegExp(String.raw`(?:\b(?:${US_STATES})\s+|\bzip(?:\s*code)?\s*(?:is|:)?\s*)\d{5}(?:-\d{4})?\b`, 'g'),
  usZipWord: /\bzip(?:\s*code)?\s*(?:is|:)?\s*\d{5}(?:-\d{4})?\b/gi,
};

const DIGIT_WORD = '(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|double|triple)';
/** What some expressions need before they can match (checked first: the expressions are costlier). */
const GATE = {
  atSign: /@|[([{]\s*at\s*[)\]}]/i,
  dotWord: /\bdot\b/i,
  socialDomain: new RegExp(SOCIAL_DOMAINS.join('|'), 'i'),
  spelledDigits: new RegExp(String.raw`\d|\b${DIGIT_WORD}[\s,.-]+${DIGIT_WORD}\b`, 'i'),
};

const DIGIT_WORDS: Record<string, string> = { zero: '0', oh: '0', one: '1', two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7', eight: '8', nine: '9' };
/** Handles that are commands or ordinary words, not people. */
const NOT_HANDLES = new Set(['everyone', 'here', 'channel', 'all', 'me', 'you', 'home', 'work', 'school', 'night', 'noon', 'midnight', 'least', 'most', 'best', 'times']);
const DATE_LIKE = /^(\d{1,4})[./-](\d{1,2})[./-](\d{1,4})$/;
const YEAR_RANGE = /^(?:19|20)\d{2}\s*[-/]\s*(?:(?:19|20)\d{2}|\d{2})$/;
const TIME_RANGE = /^\d{1,2}[.]\d{2}\s*-\s*\d{1,2}[.]\d{2}$/;
const ORDINAL_INWARD = /\d(?:st|nd|rd|th)$/i;

function digitsOf(s: string): string {
  return s.replace(/\D/g, '');
}

function isDate(raw: string): boolean {
  const m = DATE_LIKE.exec(raw.trim());
  if (!m) return false;
  const [a, b, c] = [m[1]!, m[2]!, m[3]!];
  const n = (x: string) => Number(x);
  // d/m/y, m/d/y or y-m-d with plausible parts.
  if (a.length === 4) return n(b) >= 1 && n(b) <= 12 && n(c) >= 1 && n(c) <= 31;
  if (c.length === 4 || c.length === 2) return n(a) >= 1 && n(a) <= 31 && n(b) >= 1 && n(b) <= 31 && (n(a) <= 12 || n(b) <= 12);
  return false;
}

/** Thousands grouping ("1,250,000", "1.200.000", "1 200 000"): an amount when a currency sign comes before it. */
function isAmount(text: string, start: number, end: number): boolean {
  const before = text.slice(Math.max(0, start - 5), start);
  if (CURRENCY_BEFORE.test(before)) return true;
  return COUNT_WORDS.test(text.slice(end, end + 16));
}

function allowed(digits: string, allow: Set<string>): boolean {
  if (allow.size === 0) return false;
  if (allow.has(digits)) return true;
  // "+44 800 1111" and "0800 1111" are the same line.
  for (const a of allow) {
    const bare = a.replace(/^0+/, '');
    if (bare.length >= 5 && digits.endsWith(bare)) return true;
  }
  return false;
}

function phones(text: string, allow: Set<string>, out: ContactFinding[]): void {
  for (const m of text.matchAll(RE.phone)) {
    let raw = m[0];
    let start = m.index!;
    // A trailing separator or bracket is not part of the number.
    raw = raw.replace(/[\s.\-/(]+$/, '');
    // "(" opening before the match belongs to it; a lone leading ")" does not.
    if (raw.startsWith(')')) {
      start += 1;
      raw = raw.slice(1);
    }
    const digits = digitsOf(raw);
    if (digits.length < 7 || digits.length > 15) continue;
    if (isDate(raw)) continue;
    // ISO date-times and time ranges are never numbers people call: 2024-03-12T10:30.
    if (/^\d{4}-\d{2}-\d{2}$/.test(raw)) continue;
    // Year ranges (2019-2021) and time ranges (10.30-11.30) are not numbers either.
    if (YEAR_RANGE.test(raw) || TIME_RANGE.test(raw)) continue;
    if (isAmount(text, start, start + raw.length)) continue;
    // Decimal numbers ("3.14159265") and version strings are not numbers to call.
    if (/^\d+\.\d+$/.test(raw) && !/^0/.test(raw)) continue;
    if (allowed(digits, allow)) continue;
    out.push({ kind: 'phone', span: [start, start + raw.length] });
  }
  if (GATE.spelledDigits.test(text)) for (const m of text.matchAll(RE.spelledDigits)) {
    const words = m[0].toLowerCase().split(/[\s,.-]+/).filter(Boolean);
    let digits = '';
    let repeat = 1;
    let spelled = 0;
    for (const w of words) {
      if (w === 'double') repeat = 2;
      else if (w === 'triple') repeat = 3;
      else {
        const d = DIGIT_WORDS[w] ?? (/^\d$/.test(w) ? w : '');
        if (DIGIT_WORDS[w]) spelled += 1;
        digits += d.repeat(repeat);
        repeat = 1;
      }
    }
    // At least two spelled words: plain digits are the digit rule's job.
    if (digits.length >= 7 && spelled >= 2 && !allowed(digits, allow)) out.push({ kind: 'phone', span: [m.index!, m.index! + m[0].trimEnd().length] });
  }
}

function emails(text: string, out: ContactFinding[]): void {
  // Each expression runs only when the text holds what it needs (they are slow on long words).
  const needs = [GATE.atSign, GATE.dotWord];
  for (const [i, re] of [RE.email, RE.emailSpelled].entries()) {
    if (!needs[i]!.test(text)) continue;
    for (const m of text.matchAll(re)) {
      const raw = m[0];
      // "(at)" without a real @ must still look like an address: a dot part after the domain.
      out.push({ kind: 'email', span: [m.index!, m.index! + raw.length] });
    }
  }
}

function social(text: string, allowHandles: Set<string>, out: ContactFinding[]): void {
  if (GATE.socialDomain.test(text)) for (const m of text.matchAll(RE.socialLink)) {
    // A bare "x.com" with nothing after it is a site, not a profile.
    const raw = m[0];
    if (/^(?:https?:\/\/)?(?:www\.)?x\.com\/?$/i.test(raw)) continue;
    out.push({ kind: 'social_link', span: [m.index!, m.index! + raw.length] });
  }
  if (text.includes('@')) for (const m of text.matchAll(RE.atHandle)) {
    const name = m[1]!.replace(/\.+$/, '');
    if (NOT_HANDLES.has(name.toLowerCase()) || allowHandles.has(name.toLowerCase())) continue;
    if (!/[A-Za-z]/.test(name)) continue; // "@5", "@10"
    if (/^\d{1,2}(?:[:.]\d{2})?(?:am|pm)?$/i.test(name)) continue; // "@5pm"
    out.push({ kind: 'social_handle', span: [m.index!, m.index! + 1 + name.length] });
  }
  for (const m of text.matchAll(RE.invitation)) out.push({ kind: 'social_handle', span: [m.index!, m.index! + m[0].length] });
  for (const re of [RE.myPlatform, RE.platformThenName, RE.addMe]) {
    for (const m of text.matchAll(re)) {
      // addMe: [1] separator, [2] token after it, [3] token without one; the others: [1] after a separator, [2] without.
      const withoutSeparator = re === RE.addMe ? m[3] : m[2];
      const token = (re === RE.addMe ? (m[2] ?? m[3]) : (m[1] ?? m[2]))?.replace(/\.+$/, '') ?? '';
      const end = m.index! + m[0].replace(/\.+$/, '').length;
      // Without a separator ("discord samj_22", "add me samj_22") only a token that cannot be a word counts.
      const strict = withoutSeparator !== undefined;
      if (!handleLike(token, text.slice(end), strict)) continue;
      out.push({ kind: 'social_handle', span: [m.index!, end] });
    }
  }
}

/** Words that follow "my insta is …" or "signal:" without being a handle: "my insta is private". */
const COMMON_AFTER_PLATFORM = new Set(
  ('private public down gone deleted dead broken blocked new old full empty quiet boring hacked banned suspended just only not still the a an so too ' +
    'really very and or but it its i im is was where what how why when who all about mostly kind like filled pretty super basically literally honestly ' +
    'actually toxic weak bad good great fine okay ok off on no yes none nothing weird awful mine yours same different better worse lol haha').split(' '),
);

/**
 * Whether the word after a platform's name reads as a handle: it has a letter and a digit, "_",
 * "." or "@" in it (samj_22, @samj), or — only after an explicit "is"/":" — it is a single word
 * that ends the sentence and is not a common word ("my snap is samj").
 */
function handleLike(token: string, after: string, strict: boolean): boolean {
  const bare = token.replace(/^@/, '');
  if (!/[A-Za-z]/.test(bare)) return false;
  if (bare.length < 2 || bare.length > 30) return false;
  if (token.startsWith('@') || /[_.\d#]/.test(bare)) return !COMMON_AFTER_PLATFORM.has(bare.toLowerCase());
  if (strict) return false;
  if (COMMON_AFTER_PLATFORM.has(bare.toLowerCase()) || NOT_NAME_WORDS.has(bare.toLowerCase()) || NOT_HANDLES.has(bare.toLowerCase())) return false;
  return /^\s*(?:$|[.!?,;)\n]|(?:add|follow|dm|message|text|if|lol|xx?|x)\b)/i.test(after);
}

function addresses(text: string, out: ContactFinding[]): void {
  for (const m of text.matchAll(RE.streetAddress)) {
    const nameWords = m[2]!.trim().split(/\s+/);
    if (nameWords.some((w) => NOT_NAME_WORDS.has(w.toLowerCase()))) continue;
    out.push({ kind: 'street_address', span: [m.index!, m.index! + m[0].length] });
  }
  for (const m of text.matchAll(RE.ukPostcode)) {
    const raw = m[0];
    if (ORDINAL_INWARD.test(raw)) continue; // "b2 3rd"
    // Lower-case only counts with the space in the right place ("m1 1ae"); "a12bc" in a word does not.
    if (raw !== raw.toUpperCase() && !/\s/.test(raw)) continue;
    out.push({ kind: 'postcode', span: [m.index!, m.index! + raw.length] });
  }
  for (const re of [RE.usZip, RE.usZipWord]) {
    for (const m of text.matchAll(re)) out.push({ kind: 'postcode', span: [m.index!, m.index! + m[0].length] });
  }
}

/**
 * What every finding needs, whichever expression finds it: a digit (numbers, addresses, postcodes),
 * "@" (emails, handles), "(at)"/"[at]"/"{at}" or the word "dot" (disguised emails), "add me"-type
 * words, a platform's name (as a word, or after "my": "my waist is…" reaches the "my insta is…"
 * expression) or a profile domain, or two spelled digits in a row. Most messages have
 * none of these, and then none of the expressions above has to run.
 */
const MIGHT_HOLD = [
  /[\d@]/,
  /\bdot\b|[([{]\s*at\s*[)\]}]|\b(?:add|follow|dm|pm|msg|message|text|friend)\s+me/i,
  new RegExp(String.raw`\b${PLATFORM}\b|\bmy\s+${PLATFORM}`, 'i'),
  // Every profile domain has a dot right before a letter ("t.me", "instagram.com"); prose rarely does.
  { test: (text: string) => /\.[a-z]/i.test(text) && GATE.socialDomain.test(text) },
  new RegExp(String.raw`\b${DIGIT_WORD}[\s,.-]+${DIGIT_WORD}\b`, 'i'),
];

/** Every contact detail in `text`, in order, overlapping findings merged (the first kind found wins). */
export function findContactDetails(text: string, options: ContactOptions = {}): ContactFinding[] {
  // Several small expressions: one alternation of them all is twice as slow.
  if (!MIGHT_HOLD.some((gate) => gate.test(text))) return [];
  const allow = new Set([...(options.allowedNumbers ?? [])].map(digitsOf).filter((d) => d.length > 0));
  const found: ContactFinding[] = [];
  emails(text, found);
  social(text, new Set([...(options.allowedHandles ?? [])].map((h) => h.toLowerCase())), found);
  phones(text, allow, found);
  addresses(text, found);
  found.sort((a, b) => a.span[0] - b.span[0] || b.span[1] - a.span[1]);
  const merged: ContactFinding[] = [];
  for (const f of found) {
    const last = merged.at(-1);
    if (last && f.span[0] < last.span[1]) {
      last.span[1] = Math.max(last.span[1], f.span[1]);
      continue;
    }
    merged.push({ kind: f.kind, span: [f.span[0], f.span[1]] });
  }
  return merged;
}

/** The kinds found, once each, for the sender's explanation. */
export function contactKinds(findings: readonly ContactFinding[]): ContactKind[] {
  return [...new Set(findings.map((f) => f.kind))];
}
