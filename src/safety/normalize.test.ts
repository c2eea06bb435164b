import { describe, expect, it } from 'vitest';
import { screen } from './index.js';
import { NORMALIZE_CHAR, NORMALIZE_CHAR_MIN, STYLED_LETTERS, normalizeStyled, normalizeText } from './normalize.js';
import { SPEED_GATES } from './screen.js';
import { originalPosition } from './typos.js';

describe('normalizeText: characters used to dodge a filter (1.8.17)', () => {
  it('leaves plain ASCII and Latin-1 punctuation alone (the fast path returns null)', () => {
    for (const t of ['', 'i want to die', "don't worry, i'm fine", '100% £5 ©', '😀 emoji only', 'a'.repeat(5000)]) {
      expect([t.slice(0, 20), normalizeText(t)]).toEqual([t.slice(0, 20), null]);
    }
  });

  it('drops invisible characters after a letter and maps look-alike and fullwidth letters', () => {
    expect(normalizeText('k\u200Bms')!.text).toBe('kms');
    expect(normalizeText('su\u200Bi\u200Ccide')!.text).toBe('suicide');
    expect(normalizeText('kill my\u200Dself')!.text).toBe('kill myself');
    expect(normalizeText('kill my\u00ADself')!.text).toBe('kill myself');
    expect(normalizeText('k\u200B\u200B\u2060ms')!.text).toBe('kms');
    expect(normalizeText('mys\u0435lf')!.text).toBe('myself');
    expect(normalizeText('\u0456 w\u0430nt t\u043E di\u0435')!.text).toBe('i want to die');
    expect(normalizeText('\uFF4B\uFF4D\uFF53\u3000now')!.text).toBe('kms now');
  });

  it('reads accented Latin letters, ʼ, bidi marks, invisible operators, variation selectors and combining marks (1.8.18)', () => {
    expect(normalizeText('i want to k\u00EDll myself')!.text).toBe('i want to kill myself');
    expect(normalizeText('d\u00EFe')!.text).toBe('die');
    expect(normalizeText('caf\u00E9 na\u00EFve r\u00E9sum\u00E9')!.text).toBe('cafe naive resume');
    expect(normalizeText('ki\u0301ll')!.text).toBe('kill');
    expect(normalizeText('i wan\u02BCt')!.text).toBe("i wan't");
    for (const c of [0x200e, 0x200f, 0x2061, 0x2062, 0x2063, 0x2064, 0x034f, 0xfe0e, 0xfe0f, 0x180b, 0x180c, 0x180d, 0x0335, 0x0336, 0x0337, 0x0338]) {
      expect([c.toString(16), normalizeText(`k${String.fromCharCode(c)}ms`)?.text]).toEqual([c.toString(16), 'kms']);
    }
    expect(normalizeText('k\u0336m\u0336s\u0336')!.text).toBe('kms');
    expect(normalizeText('\u043Ams')!.text).toBe('kms');
    expect(normalizeText('\u043Aill myself')!.text).toBe('kill myself');
    // Positions: one code unit per folded letter, dropped marks mapped back.
    const written = 'i want to k\u0336m\u0336s\u0336 now';
    const n = normalizeText(written)!;
    const at = n.text.indexOf('kms');
    expect(written.slice(originalPosition(n.edits, at), originalPosition(n.edits, at + 3))).toBe('k\u0336m\u0336s');
  });

  it('drops an invisible character wherever it is, at the start of a word too (1.8.19)', () => {
    for (const c of [0x200b, 0x200c, 0x200d, 0x200e, 0x200f, 0x2060, 0x2061, 0x2064, 0xfeff, 0x00ad, 0x180e, 0xfe0e, 0xfe0f, 0x0301, 0x034f, 0x0336]) {
      const ch = String.fromCharCode(c);
      expect([c.toString(16), normalizeText(`i want to ${ch}die`)?.text]).toEqual([c.toString(16), 'i want to die']);
      expect([c.toString(16), normalizeText(`${ch}i want to die`)?.text]).toEqual([c.toString(16), 'i want to die']);
    }
    expect(normalizeText('\u200Ei \u200Ewant \u200Eto \u200Edie')!.text).toBe('i want to die');
    // An emoji sequence's joiner and variation selector stay; one after a space goes.
    expect(normalizeText('\u2764\uFE0F\u200D\uD83D\uDD25 \uFE0Fok')!.text).toBe('\u2764\uFE0F\u200D\uD83D\uDD25 ok');
    // Positions: a dropped character before a word maps back.
    const written = 'i want to \u200E\u200Bdie now';
    const n = normalizeText(written)!;
    const at = n.text.indexOf('die');
    expect(written.slice(originalPosition(n.edits, at), originalPosition(n.edits, at + 3)).replace(/[\u200B\u200E]/g, '')).toBe('die');
    expect(originalPosition(n.edits, n.text.indexOf('now'))).toBe(written.indexOf('now'));
  });

  it('screens a text with an invisible character at the start of a word as the plain text (1.8.19)', () => {
    for (const t of [
      'i want to \u200Bdie',
      'i want to \u200Edie',
      'i want \u200Fto die',
      'i want to \u2061die',
      'i want to \uFE0Fdie',
      'i want to \u0301die',
      'standing on the bridge rn, im gonna \u200Ejump, goodbye',
      'i took all my \u200Epills, goodbye',
    ]) {
      const plain = t.replace(/[\u200B-\u200F\u2061\uFE0F\u0301]/g, '');
      expect([t, screen(t).level]).toEqual([t, screen(plain).level]);
      expect(screen(plain).level).toBeGreaterThanOrEqual(3);
    }
    // U+200E after each space (text pasted from Arabic or Hebrew).
    const t = 'i want to kill myself tonight'.split(' ').join(' \u200E');
    expect(screen(t).level).toBe(screen('i want to kill myself tonight').level);
  });

  it('leaves words of another script and emoji joiners as written', () => {
    expect(normalizeText('\u041F\u0440\u0438\u0432\u0435\u0442, \u043A\u0430\u043A \u0434\u0435\u043B\u0430?')).toBeNull();
    expect(normalizeText('\u03BA\u03B1\u03BB\u03B7\u03BC\u03AD\u03C1\u03B1')).toBeNull();
    expect(normalizeText('\uD83D\uDC69\u200D\uD83D\uDCBB coding')).toBeNull();
  });

  it('maps positions in the normalised text back onto the characters written', () => {
    const written = 'i want to k\u200Bm\u200Bs now';
    const n = normalizeText(written)!;
    expect(n.text).toBe('i want to kms now');
    const at = n.text.indexOf('kms');
    expect(written.slice(originalPosition(n.edits, at), originalPosition(n.edits, at + 3))).toBe('k\u200Bm\u200Bs');
    expect(originalPosition(n.edits, n.text.indexOf('now'))).toBe(written.indexOf('now'));
  });

  it('screens the normalised text and points spans at what was written', () => {
    const written = 'honestly i want to kill my\u200Dself';
    const s = screen(written);
    expect(s.level).toBe(3);
    const r = s.reasons.find((x) => x.code === 'ideation.kill_myself')!;
    expect(written.slice(r.span[0], r.span[1])).toBe('kill my\u200Dself');
    for (const x of s.reasons) expect(x.span[1]).toBeLessThanOrEqual(written.length);
  });

  it('never lowers a reading: the higher of the text as written and normalised is kept', () => {
    // "i want to die" read as written (3); the Cyrillic word after it is left as it is.
    expect(screen('i want to die \u043F\u0440\u043E\u0441\u0442\u043E').level).toBe(3);
    expect(screen('i want to die \u200B').level).toBe(3);
  });

  it('handles long texts with many characters to drop (no stack overflow)', () => {
    const t = 'a\u200B'.repeat(30000) + ' kms';
    expect(normalizeText(t)!.text).toBe('a'.repeat(30000) + ' kms');
    expect(screen(t).level).toBeGreaterThanOrEqual(0);
  });

  it('the char pass lets normalizeText run on every text it changes, and on no plain ASCII text', () => {
    const missed: string[] = [];
    for (let c = 0; c < 0x10000; c++) {
      if (NORMALIZE_CHAR[c] !== 1) continue;
      expect(c).toBeGreaterThanOrEqual(NORMALIZE_CHAR_MIN);
      const ch = String.fromCharCode(c);
      for (const t of [`i want to k${ch}ms now`, `${ch}`, `kill my${ch}`, `${ch}${ch} die`]) {
        if (normalizeText(t) !== null && !SPEED_GATES.oddPossible(t)) missed.push(c.toString(16));
      }
    }
    expect(missed).toEqual([]);
    expect(SPEED_GATES.oddPossible('i want to kms now, see u tmrw! 100% £5 😂')).toBe(false);
    // Every character normalizeText changes is one the gate knows (a text without them is returned as written).
    for (let c = 0xad; c < 0x10000; c++) {
      if (NORMALIZE_CHAR[c] === 1 || (c >= 0xd800 && c <= 0xdfff)) continue;
      const ch = String.fromCharCode(c);
      if (normalizeText(`a${ch}b ${ch}`) !== null) missed.push(c.toString(16));
    }
    expect(missed).toEqual([]);
  });
});

describe('normalizeStyled: styled letters (1.8.20)', () => {
  it('reads mathematical, enclosed, regional-indicator, small-capital and superscript letters as plain letters', () => {
    expect(normalizeStyled('\u{1D5F6} \u{1D604}\u{1D5EE}\u{1D5FB}\u{1D601} \u{1D601}\u{1D5FC} \u{1D5F1}\u{1D5F6}\u{1D5F2}')!.text).toBe('i want to die');
    expect(normalizeStyled('\u{1D48C}\u{1D48E}\u{1D494}')!.text).toBe('kms');
    expect(normalizeStyled('\u{1D458}\u{1D456}\u{1D459}\u{1D459} \u210E\u{1D456}\u{1D45A}')!.text).toBe('kill him'); // italic h is ℎ U+210E
    expect(normalizeStyled('\u{1D7D1}\u{1D7CE} pills')!.text).toBe('30 pills');
    expect(normalizeStyled('\u24DA\u24DC\u24E2 \u24C0\u24C2\u24C8')!.text).toBe('kms KMS');
    expect(normalizeStyled('\u{1F173}\u{1F178}\u{1F174} \u{1F15A}\u{1F15C}\u{1F162} \u{1F13A}')!.text).toBe('DIE KMS K');
    expect(normalizeStyled('\u{1F1F0}\u{1F1F2}\u{1F1F8}')!.text).toBe('kms');
    expect(normalizeStyled('\u1D05\u026A\u1D07 \uA731')!.text).toBe('die s');
    expect(normalizeStyled('\u1D4F\u1D50\u02E2')!.text).toBe('kms');
  });

  it('leaves plain text, emoji, skin tones, superscript and subscript digits and ℹ️ as written', () => {
    for (const t of ['i want to die', '\u{1F389}\u{1F44D}\u{1F3FF} party', 'm\u00B2 and H\u2082O', '\u2139\uFE0F info']) {
      expect([t, normalizeStyled(t)]).toEqual([t, null]);
    }
  });

  it('leaves styled letters to normalizeStyled: normalizeText reads as 1.8.19 did (a third reading, so that none goes down)', () => {
    expect(normalizeText('\u{1D48C}\u{1D48E}\u{1D494}')).toBeNull();
    expect(normalizeText('\u{1D41A}su\u200Bicide')!.text).toBe('\u{1D41A}suicide');
    expect(normalizeStyled('\u{1D41A}su\u200Bicide')!.text).toBe('asuicide');
    expect(normalizeStyled('su\u200Bicide')).toBeNull();
    // As written 0, normalised 3 ("suicide" after a separator), styled "asuicide": the 3 is kept.
    expect(screen('thinking about \u{1D41A}su\u200Bicide again').level).toBe(screen('thinking about suicide again').level);
  });

  it('maps a span over astral letters back onto both code units of each', () => {
    const written = 'ok \u{1D5F1}\u{1D5F6}\u{1D5F2} now';
    const n = normalizeStyled(written)!;
    expect(n.text).toBe('ok die now');
    expect(written.slice(originalPosition(n.edits, 3), originalPosition(n.edits, 6))).toBe('\u{1D5F1}\u{1D5F6}\u{1D5F2}');
    expect(written.slice(originalPosition(n.edits, 4), originalPosition(n.edits, 5))).toBe('\u{1D5F6}');
    expect(originalPosition(n.edits, n.text.indexOf('now'))).toBe(written.indexOf('now'));
    const s = screen('i want to \u{1D5F1}\u{1D5F6}\u{1D5F2}');
    expect(s.level).toBe(3);
    for (const r of s.reasons) expect('i want to \u{1D5F1}\u{1D5F6}\u{1D5F2}'.slice(r.span[0], r.span[1])).toBe('want to \u{1D5F1}\u{1D5F6}\u{1D5F2}');
  });

  it('the char pass lets normalizeText run on every styled letter (astral ones by their high surrogate)', () => {
    const missed: string[] = [];
    for (const cp of STYLED_LETTERS.keys()) {
      const t = `i want to ${String.fromCodePoint(cp)}ie`;
      if (!SPEED_GATES.oddPossible(t) || normalizeStyled(t) === null) missed.push(cp.toString(16));
    }
    expect(missed).toEqual([]);
    expect(STYLED_LETTERS.size).toBeGreaterThan(1000);
  });

  it('the char pass does not send emoji sharing a styled letter\'s high surrogate to normalisation (🎉, skin tones)', () => {
    // 0xD83C begins 🅳 and 🇰 but also 🎉, 🌈 and 🏻–🏿: only a styled code point counts. (A flag is two regional
    // indicators, letters of the styled table: it still does.)
    for (const t of ['great news \u{1F389}\u{1F44D}\u{1F3FD}', '\u{1F308}\u{1F3B6} \u{1F44B}\u{1F3FB}\u{1F3FF}']) {
      expect([t, SPEED_GATES.oddPossible(t)]).toEqual([t, false]);
    }
    expect(SPEED_GATES.oddPossible('\u{1F389} \u{1F173}\u{1F178}\u{1F174}')).toBe(true);
  });
});
