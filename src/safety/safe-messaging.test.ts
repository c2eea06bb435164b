import { describe, it, expect } from 'vitest';
import { alertTimeLimitMinutes, responseFor, screen } from './index.js';
import type { RiskLevel, Screening } from './index.js';

const base = (over: Partial<Screening>): Screening => ({
  level: 0, categories: [], reasons: [], methodDetail: false, subject: 'none', version: 'test', ...over,
});

describe('alertTimeLimitMinutes', () => {
  it.each([
    [0, null], [1, null], [2, null], [3, 30], [4, 10], [5, 5],
  ] as [RiskLevel, number | null][])('level %i → %s', (level, minutes) => {
    expect(alertTimeLimitMinutes(level)).toBe(minutes);
  });
});

describe('responseFor', () => {
  it('shows no crisis response and no text for level 0', () => {
    const p = responseFor(base({}));
    expect(p.showCrisisResponse).toBe(false);
    expect(p.tone).toBe('none');
    expect(p.holdForReview).toBe(false);
  });

  it('offers gentle support for distress without crisis resources', () => {
    const p = responseFor(screen("I'm so stressed about work"));
    expect(p.showCrisisResponse).toBe(false);
    expect(p.tone).toBe('gentle');
    expect(p.headline.length).toBeGreaterThan(0);
  });

  it.each([2, 3, 4, 5] as RiskLevel[])('shows the crisis response at level %i', (level) => {
    const p = responseFor(base({ level, subject: 'self', categories: ['suicide'] }));
    expect(p.showCrisisResponse).toBe(true);
    expect(p.firstStep.length).toBeGreaterThan(0);
  });

  it.each([2, 3, 4, 5] as RiskLevel[])('promises no supporter at level %i when none can be reached (an account just deleted)', (level) => {
    const withSupport = responseFor(base({ level, subject: 'self', categories: ['suicide'] }));
    const without = responseFor(base({ level, subject: 'self', categories: ['suicide'] }), { supportHere: false });
    expect(without.showCrisisResponse).toBe(true);
    expect(without.firstStep).not.toMatch(/supporter/i);
    expect(without.firstStep).toMatch(/crisis line/);
    if (level < 4) expect(withSupport.firstStep).toMatch(/supporter/);
  });

  it('is urgent from level 3', () => {
    expect(responseFor(screen('I want to kill myself')).tone).toBe('urgent');
    expect(responseFor(screen("I don't want to wake up tomorrow")).tone).toBe('warm');
  });

  it('holds method detail for review and says why', () => {
    const p = responseFor(screen('I have 40 pills saved'));
    expect(p.holdForReview).toBe(true);
    expect(p.reasonForHold).toMatch(/review/i);
  });

  it('holds imminent risk for review', () => {
    const p = responseFor(screen('this is my last message, goodbye everyone, tonight I end it'));
    expect(p.holdForReview).toBe(true);
    expect(p.tone).toBe('urgent');
  });

  it('gives helper guidance when the writer worries about someone else', () => {
    const p = responseFor(screen('my sister said she wants to die'));
    expect(p.showCrisisResponse).toBe(true);
    expect(p.helperGuidance).toBeDefined();
    expect(p.helperGuidance).toMatch(/ask/i);
    expect(p.headline).toMatch(/someone you care about|worried about someone/i);
  });

  it('gives no helper guidance when the writer speaks of themself', () => {
    expect(responseFor(screen('I want to die')).helperGuidance).toBeUndefined();
  });

  it('holds harassment for review without a crisis response for the writer', () => {
    const p = responseFor(screen('kys loser'));
    expect(p.holdForReview).toBe(true);
    expect(p.showCrisisResponse).toBe(false);
    expect(p.reasonForHold).toBeDefined();
  });

  it('never repeats method words or blames the writer', () => {
    const texts = ['I have 40 pills saved', 'which bridge is highest', "I've taken all the pills, goodbye", 'my friend has a rope ready and wants to die'];
    for (const t of texts) {
      const p = responseFor(screen(t));
      const all = [p.headline, p.firstStep, p.helperGuidance ?? '', p.reasonForHold ?? ''].join(' ');
      expect(all).not.toMatch(/pill|bridge|rope|gun|dose|attention.seeking|selfish|should not feel/i);
    }
  });
});
