import { describe, expect, it } from 'vitest';
import { contactKinds, findContactDetails, type ContactKind } from './contact-details.js';

const POSITIVES: [string, ContactKind][] = [
  // phone numbers: international and national, with spaces, dots, dashes, brackets
  ['call me on 07700 900123 tonight', 'phone'],
  ['my number is 07700900123', 'phone'],
  ['+44 7700 900123', 'phone'],
  ['+44 (0)20 7946 0958', 'phone'],
  ['0044 7700 900 123', 'phone'],
  ['text me 555-123-4567', 'phone'],
  ['(555) 123-4567', 'phone'],
  ['555.123.4567', 'phone'],
  ['+1-202-555-0143', 'phone'],
  ['06 12 34 56 78 is my portable', 'phone'],
  ['612 345 678', 'phone'],
  ['+49 30 1234567', 'phone'],
  ['my mobile: 0412 345 678', 'phone'],
  ['zero seven seven double oh nine oh oh one two three', 'phone'],
  ['seven seven zero zero nine zero zero', 'phone'],
  // email addresses, plain and disguised
  ['email me at sam.j@gmail.com', 'email'],
  ['sam_j+chat@outlook.co.uk', 'email'],
  ['sam (at) gmail (dot) com', 'email'],
  ['samj[at]gmail[dot]com', 'email'],
  ['sam at gmail dot com', 'email'],
  ['SAM {at} proton {dot} me', 'email'],
  // social handles and invitations off the platform
  ['add me @sam_j22', 'social_handle'],
  ['my insta is sam_j22', 'social_handle'],
  ['my snap is samj', 'social_handle'],
  ["my ig's samj22 x", 'social_handle'],
  ['insta: samj', 'social_handle'],
  ['ig: samj.22', 'social_handle'],
  ['discord samj#1234', 'social_handle'],
  ['whatsapp @samj', 'social_handle'],
  ['add me on snap', 'social_handle'],
  ['message me on whatsapp', 'social_handle'],
  ['find me on discord later', 'social_handle'],
  ["let's talk on telegram instead", 'social_handle'],
  ['we could chat more on kik', 'social_handle'],
  ['text me on signal', 'social_handle'],
  ['hit me up on tiktok', 'social_handle'],
  ['this is easier on snap, add me: sam_j22', 'social_handle'],
  ['add me samj_22', 'social_handle'],
  ['follow me @samj', 'social_handle'],
  // links to social profiles
  ['instagram.com/samj', 'social_link'],
  ['https://www.instagram.com/sam.j_22/', 'social_link'],
  ['wa.me/447700900123', 'social_link'],
  ['join discord.gg/abcd123', 'social_link'],
  ['t.me/samj', 'social_link'],
  ['https://x.com/samj', 'social_link'],
  ['linktr.ee/samj', 'social_link'],
  // street addresses and postcodes
  ['I live at 12 Oak Street', 'street_address'],
  ['come to 221b Baker St.', 'street_address'],
  ['4 mill rd', 'street_address'],
  ['flat 3, 27 Kings Road', 'street_address'],
  ['10 Downing St', 'street_address'],
  ['1600 Pennsylvania Avenue', 'street_address'],
  ['42 Elm Grove Lane', 'street_address'],
  ['SW1A 1AA', 'postcode'],
  ['my postcode is m1 1ae', 'postcode'],
  ['EC1A 1BB', 'postcode'],
  ['Springfield, IL 62704', 'postcode'],
  ['zip code 90210', 'postcode'],
];

const NEGATIVES: string[] = [
  // times, dates, ages, durations, steps, prices
  'see you at 10:30',
  'from 10:30 to 11:45',
  'from 10.30-11.30 I have group',
  'it was on 12/03/2024',
  'since 2024-03-12',
  'on 03.12.2024 at 9.15',
  '2024-03-12T10:30 was the appointment',
  'I was 15 when it started',
  'it has been 3 weeks',
  'step 2 is the hardest',
  'it cost £1,250.00',
  'about $12.99 a month',
  'rent is €1.200.000 in total lol',
  'I walked 10000 steps',
  'I have 1234567 points in the game',
  'between 2019 and 2021',
  'from 2019-2021 I was in hospital',
  'pi is 3.14159265',
  // crisis lines and short numbers are fine to share
  'call 999 if you are in danger',
  'in the US you can call or text 988',
  'Samaritans are on 116 123, day or night',
  'text SHOUT to 85258',
  'Lifeline is 13 11 14',
  // words that look like handles or platforms but are not
  '@everyone',
  'see you @ 5',
  'meet @5pm?',
  'I deleted my insta',
  'my insta is private now',
  'my insta is where I post drawings',
  'ig that is fine',
  'I saw it on tiktok',
  'I spend 2 hours a day on tiktok',
  'my phone has no signal here',
  'signal: weak today',
  'the threads on this site help',
  'oh snap I forgot',
  'I emailed my therapist',
  'I am at home',
  'I will be at work dot dot dot',
  // walks and streets without an address
  '3 miles down the road',
  'I take 2 walks along the street',
  'I walked 5 times round the park',
  'my dr said to rest',
  'I live on a quiet street',
  'plan b2 3rd time',
  'it was 2nd on the list',
  'page 12 of the workbook',
  'add me to the list please',
  'text me when you can',
  'message me later if you want',
  'follow me on this, it gets better',
];

describe('contact details', () => {
  it.each(POSITIVES)('finds %j (%s)', (text, kind) => {
    const found = findContactDetails(text);
    expect(contactKinds(found)).toContain(kind);
  });

  it.each(NEGATIVES)('lets %j through', (text) => {
    expect(findContactDetails(text)).toEqual([]);
  });

  it('allows the numbers of the crisis directory, in any format', () => {
    const allowedNumbers = ['0800 1111', '+1 800 273 8255'];
    expect(findContactDetails('Childline is free on 0800 1111', { allowedNumbers })).toEqual([]);
    expect(findContactDetails('call 1-800-273-8255 any time', { allowedNumbers })).toEqual([]);
    expect(findContactDetails('or me on 07700 900123', { allowedNumbers })).toHaveLength(1);
  });

  it("lets the participants name each other by their Kindred handle, not by another platform's", () => {
    expect(findContactDetails('thanks @river_fox, that helped', { allowedHandles: ['River_Fox'] })).toEqual([]);
    expect(findContactDetails('thanks @river_fox, that helped')).toHaveLength(1);
    expect(findContactDetails('my insta is @river_fox', { allowedHandles: ['river_fox'] })).toHaveLength(1);
  });

  it('gives spans over the original text and merges overlapping findings', () => {
    const text = 'reach me: sam.j@gmail.com or 07700 900123, 12 Oak Street';
    const found = findContactDetails(text);
    expect(found.map((f) => [f.kind, text.slice(...f.span)])).toEqual([
      ['email', 'sam.j@gmail.com'],
      ['phone', '07700 900123'],
      ['street_address', '12 Oak Street'],
    ]);
  });
});
