import { describe, expect, it } from 'vitest';
import { type ExplainFacts, explainFacts } from '../../src/core/explain/facts';
import { templateExplanation } from '../../src/core/explain/template';
import { type ExplanationFault, validateExplanation } from '../../src/core/explain/validate';
import { packProfiles, packQuery } from '../../src/core/pool/packed';
import { generatePool } from '../../src/core/pool/generate';
import type { Profile } from '../../src/core/profile/types';
import { profile } from './profiles';

const facts: ExplainFacts = {
  sharedInterests: ['museums', 'old towns'],
  sharedLanguages: ['en'],
  candidatePace: 'relaxed',
  queryPace: 'balanced',
  candidateBand: 'mid',
  queryBand: 'mid',
  sameDiet: 'vegetarian',
  sharedTransport: ['train'],
  sharedMustHaves: ['wifi'],
  remoteWork: true,
  forbidden: ['Zurich', 'Islam'],
};

const GOOD = 'For you, this companion shares your love of museums and old towns, travels at a relaxed pace on a mid budget, and speaks English with you.';

function faultsOf(sentence: string, f: ExplainFacts = facts): ExplanationFault[] {
  const r = validateExplanation(sentence, f);
  return r.ok ? [] : r.faults;
}

describe('explanation validator (SPEC §5)', () => {
  it('accepts good sentences', () => {
    expect(faultsOf(GOOD)).toEqual([]);
    expect(faultsOf('For you, Ana loves museums as much as you do and keeps a relaxed pace on a mid budget while happily taking the train with you.')).toEqual([]);
    expect(faultsOf('For you, this vegetarian traveller enjoys old towns, moves at a relaxed pace, spends a mid budget and is fine with remote work days.')).toEqual([]);
  });

  const bad: [string, ExplanationFault, string][] = [
    ['bad start', 'bad_start', 'This companion shares your love of museums and old towns, travels at a relaxed pace on a mid budget, and speaks English with you.'],
    ['two sentences', 'not_one_sentence', 'For you, this companion shares your love of museums. They travel at a relaxed pace on a mid budget and speak English with you daily.'],
    ['no final stop', 'not_one_sentence', GOOD.slice(0, -1)],
    ['too short', 'word_count', 'For you, a relaxed pace on a mid budget and English.'],
    ['too long', 'word_count', 'For you, this companion shares your love of museums and old towns, travels at a relaxed pace on a mid budget, and speaks English with you every single day of the long trip ahead.'],
    ['three interests', 'too_many_interests', 'For you, this companion loves museums, old towns and photography, travels at a relaxed pace on a mid budget and speaks English with you.'],
    ['an interest not shared', 'interest_not_shared', 'For you, this companion shares your love of museums and yoga, travels at a relaxed pace on a mid budget, and speaks English with you.'],
    ['an alias of an interest not shared', 'interest_not_shared', 'For you, this companion enjoys beach days like you, travels at a relaxed pace on a mid budget, and speaks English with you.'],
    ['a language not shared', 'language_not_shared', 'For you, this companion shares your love of museums and old towns, travels at a relaxed pace on a mid budget, and speaks German with you.'],
    ['no pace', 'missing_pace', 'For you, this companion shares your love of museums and old towns, travels on a mid budget, and speaks English with you every day.'],
    ['a pace neither has', 'wrong_pace', 'For you, this companion shares your love of museums and old towns, travels at a relaxed or packed pace on a mid budget, and speaks English.'],
    ['no band', 'missing_band', 'For you, this companion shares your love of museums and old towns, travels at a relaxed pace, and speaks English with you every day.'],
    ['a band neither has', 'wrong_band', 'For you, this companion shares your love of museums and old towns, travels at a relaxed pace on a lux budget, and speaks English with you.'],
    ['no link', 'missing_link', 'For you, this companion shares your love of museums and old towns and travels at a relaxed pace on a mid budget for a smooth trip.'],
    ['faith', 'mentions_faith', 'For you, this companion shares your faith and your love of museums, travels at a relaxed pace on a mid budget, and speaks English with you.'],
    ['a religion', 'mentions_faith', 'For you, this Muslim companion shares your love of museums and old towns, travels at a relaxed pace on a mid budget, and speaks English.'],
    ['age', 'mentions_age', 'For you, this companion of a similar age shares your love of museums, travels at a relaxed pace on a mid budget, and speaks English with you.'],
    ['an age number', 'mentions_age', 'For you, this 34 year traveller shares your love of museums and old towns, travels at a relaxed pace on a mid budget, and speaks English.'],
    ['gender', 'mentions_gender', 'For you, she shares your love of museums and old towns, travels at a relaxed pace on a mid budget, and speaks English with you too.'],
    ['a hidden city', 'mentions_forbidden', 'For you, this companion from Zurich shares your love of museums and old towns, travels at a relaxed pace on a mid budget, and speaks English.'],
    ['markup', 'markup', 'For you, this companion <img src=x onerror=alert(1)> shares your love of museums, travels at a relaxed pace on a mid budget, and speaks English.'],
  ];
  it.each(bad)('rejects %s', (_label, fault, sentence) => {
    expect(faultsOf(sentence)).toContain(fault);
  });

  it('rejects empty and non-string output', () => {
    expect(faultsOf('')).toEqual(['empty']);
    expect(validateExplanation(42, facts)).toEqual({ ok: false, faults: ['empty'] });
  });

  it('does not require a link the pair does not have', () => {
    const none: ExplainFacts = { ...facts, sharedLanguages: [], sameDiet: null, sharedTransport: [], sharedMustHaves: [], remoteWork: false };
    expect(faultsOf('For you, this companion shares your love of museums and old towns and travels at a relaxed pace on a mid budget for a smooth trip.', none)).toEqual([]);
  });
});

describe('template explanation', () => {
  it('names at most two shared interests and passes the validator', () => {
    const s = templateExplanation(facts);
    expect(s).toBe(GOOD);
  });

  it('passes the validator for every shortlisted pair of a generated pool', () => {
    const profiles: Profile[] = [...generatePool(600, 5)];
    const pool = packProfiles(profiles);
    let checked = 0;
    for (const query of profiles.slice(0, 40)) {
      const qf = packQuery(pool, query);
      for (let i = 0; i < pool.n; i += 7) {
        const f = explainFacts(pool, qf, query, i);
        const sentence = templateExplanation(f);
        expect(validateExplanation(sentence, f), sentence).toEqual({ ok: true });
        expect(sentence.startsWith('For you,')).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(3000);
  });

  it('never names a hidden city or faith', () => {
    const q = profile({ id: 'u_query', faith: { consider_in_matching: true, religion: 'Islam', policy: 'same_only' } });
    const pool = packProfiles([profile({ home_base: { city: 'Zurich' }, privacy: { show_home_city: false }, faith: { consider_in_matching: true, religion: 'Islam', policy: 'open' } })]);
    const f = explainFacts(pool, packQuery(pool, q), q, 0);
    expect(f.forbidden).toEqual(expect.arrayContaining(['Zurich', 'Islam']));
    const s = templateExplanation(f);
    expect(s).not.toMatch(/zurich|islam/i);
  });
});
