import { describe, expect, it } from 'vitest';
import { type ExplainFacts, explainFacts } from '../../src/core/explain/facts';
import { templateExplanation } from '../../src/core/explain/template';
import { type ExplanationFault, validateExplanation } from '../../src/core/explain/validate';
import { indexOfId, packProfiles, packQuery } from '../../src/core/pool/packed';
import { INTERESTS } from '../../src/core/profile/vocab';
import { validateQuery } from '../../src/core/stages/validate';
import { PERSONAS } from '../../src/ui/personas';
import { search } from './searchPool';
import { DEFAULT_POOL_COUNT, DEFAULT_POOL_SEED, generatePool, generatePoolArray } from '../../scripts/pool/generate';
import type { Profile } from '../../src/core/profile/types';
import { profile } from './profiles';
import { interestCounts } from '../../src/core/explain/rarity';
import { hasSpecificLink, interestsNamed, linksNamed, namesRarest, shapeOf } from '../../scripts/explanation-variety';
import { hiddenCityIndex } from '../../src/core/privacy/hiddenCity';
import { normalizeText } from '../../src/core/privacy/normalize';

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

/** The language is the only link a sentence names only when the pair shares nothing more specific. */
function expectLanguageOnlyAsLastResort(sentence: string, f: ExplainFacts): void {
  const links = linksNamed(sentence, f);
  if (links.size === 1 && links.has('language')) expect(hasSpecificLink(f), sentence).toBe(false);
}

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
  it('names at most two shared interests, the most specific link, and passes the validator', () => {
    const s = templateExplanation(facts);
    expect(s).toBe('For you, this companion loves museums and old towns like you, keeps a relaxed pace on a mid budget, and eats vegetarian like you.');
    expect(validateExplanation(s, facts)).toEqual({ ok: true });
  });

  it('passes the validator for every shortlisted pair of a generated pool, at every rank, naming the rarest interests and the most specific link', () => {
    const profiles: Profile[] = [...generatePool(600, 5)];
    const pool = packProfiles(profiles);
    const counts = interestCounts(pool);
    let checked = 0;
    for (const query of profiles.slice(0, 40)) {
      const qf = packQuery(pool, query);
      for (let i = 0; i < pool.n; i += 7) {
        const f = explainFacts(pool, qf, query, i);
        const rank = checked % 10; // every card position of a top-10 result, in turn
        const sentence = templateExplanation(f, rank);
        expect(validateExplanation(sentence, f), sentence).toEqual({ ok: true });
        expect(sentence.startsWith('For you,')).toBe(true);
        expectLanguageOnlyAsLastResort(sentence, f);
        const named = interestsNamed(sentence);
        if (f.sharedInterests.length > 0) expect(named.length, sentence).toBeGreaterThan(0);
        expect(namesRarest(named, f, counts), sentence).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(3000);
  });

  it('gives the cards of one result each a shape of its own, for any pair', () => {
    const profiles: Profile[] = [...generatePool(300, 8)];
    const pool = packProfiles(profiles);
    let checked = 0;
    for (const query of profiles.slice(0, 12)) {
      const qf = packQuery(pool, query);
      for (let i = 0; i < pool.n; i += 11) {
        const f = explainFacts(pool, qf, query, i);
        const sentences = [0, 1, 2, 3, 4].map((rank) => templateExplanation(f, rank));
        for (const s of sentences) expect(validateExplanation(s, f), s).toEqual({ ok: true });
        expect(new Set(sentences.map(shapeOf)).size, sentences.join('\n')).toBe(5);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(300);
  });

  it('never names a hidden city or faith', () => {
    const q = profile({ id: 'u_query', faith: { consider_in_matching: true, religion: 'Islam', policy: 'same_only' } });
    const pool = packProfiles([profile({ home_base: { city: 'Zurich' }, privacy: { show_home_city: false }, faith: { consider_in_matching: true, religion: 'Islam', policy: 'open' } })]);
    const f = explainFacts(pool, packQuery(pool, q), q, 0);
    expect(f.forbidden).toEqual(expect.arrayContaining(['Islam']));
    expect(JSON.stringify(f)).not.toMatch(/zurich/i); // the pool holds the hidden city as digests only
    const s = templateExplanation(f);
    expect(s).not.toMatch(/zurich|islam/i);
    expect(validateExplanation(s, f)).toEqual({ ok: true });
    expect(validateExplanation(s.replace(/\.$/, ' in Zürich.'), f)).toMatchObject({ ok: false, faults: expect.arrayContaining(['mentions_forbidden']) });
  });
});

describe('explanation validator: privacy by normalisation', () => {
  /** A sentence that passes every other rule, with `extra` words after "English". */
  const withTail = (extra: string) => `For you, this companion shares your love of museums and old towns, travels at a relaxed pace on a mid budget, and speaks English ${extra}.`;

  it('the sentence frame passes on its own', () => {
    expect(faultsOf(withTail('with you'))).toEqual([]);
  });

  const HIDDEN: [string, string][] = [
    ['Frankfurt am Main', 'near Frankfurt'],
    ['Frankfurt am Main', 'in Frankfurt-am-Main'],
    ['Munich', 'in München'],
    ['München', 'in Munich'],
    ['Munich', 'in Muenchen'],
    ['São Paulo', 'in Sao Paulo'],
    ['Sao Paulo', 'in São Paulo'],
    ['Porto', 'in Por\u200Bto'],
    ['Porto', 'in Oporto'],
    ['Cologne', 'in Köln'],
    ['Kraków', 'in Cracow'],
    ['Vienna', 'in Wien'],
    ['Mumbai', 'in Bombay'],
    ['Beijing', 'in Peking'],
    ['Mexico City', 'in Ciudad de México'],
    ['Zurich', 'in ＺＵＲＩＣＨ'],
  ];
  it.each(HIDDEN)('rejects a hidden %s spelled "%s"', (city, tail) => {
    expect(faultsOf(withTail(tail), { ...facts, forbidden: [city] })).toEqual(['mentions_forbidden']);
  });

  // The candidate's hidden city comes from the served pool as salted digests only: same spellings caught.
  const base = facts;
  const salt = '00112233445566778899aabbccddeeff';
  it.each(HIDDEN)('rejects a candidate’s hashed hidden %s spelled "%s"', (city, tail) => {
    const hiddenCity = { salt, index: hiddenCityIndex(city, salt) };
    const facts = { ...base, forbidden: [] };
    expect(JSON.stringify(hiddenCity.index).toLowerCase()).not.toContain(normalizeText(city).split(' ')[0]);
    expect(faultsOf(withTail(tail), { ...facts, hiddenCity })).toEqual(['mentions_forbidden']);
    // Another pool's salt: the digests do not match (and the sentence is fine there).
    expect(faultsOf(withTail(tail), { ...facts, hiddenCity: { salt: 'ff'.repeat(16), index: hiddenCity.index } })).toEqual([]);
  });

  it('matches a hidden city as a whole word, not inside another word', () => {
    expect(faultsOf(withTail('with you'), { ...facts, forbidden: ['Nice'] })).toEqual([]);
    expect(faultsOf(withTail('with you in Nicely'), { ...facts, forbidden: ['Nice'] })).toEqual([]);
  });

  const FAITH: string[] = ['Jain', 'Zoroastrianism', 'Lutheran', 'Baháʼí', 'Ramadan', 'salah', 'Muslima', 'Chris\u200Btian',
    'Chrétien'.normalize('NFD'), 'Christ\u0301ian', 'Hanukkah', 'Diwali', 'Eid', 'Sunni', 'Methodist', 'Anglican', 'spirituality'];
  it.each(FAITH)('rejects the faith word %s', (word) => {
    expect(faultsOf(withTail(`and joins ${word} days`))).toContain('mentions_faith');
  });

  it('rejects the diets halal and kosher, faith proxies', () => {
    for (const diet of ['halal', 'kosher']) {
      expect(faultsOf(`For you, this companion eats ${diet} like you, travels at a relaxed pace on a mid budget, and speaks English with you daily.`)).toContain('mentions_faith');
    }
  });

  const CONTACTS = ['mail ana@evil', 'at ana@intranet', 'at ana＠example', 'at ana@[10.0.0.1]', 'on +49 170 1234567', 'on (030) 123 45 67', 'via www.example.com', 'at ana (at) example (dot) com'];
  it.each(CONTACTS)('rejects a contact detail: "%s"', (tail) => {
    expect(faultsOf(withTail(`and you can ${tail}`))).toContain('mentions_contact');
  });

  it('keeps age and gender words working as before', () => {
    expect(faultsOf(withTail('with her'))).toEqual(['mentions_gender']);
    expect(faultsOf(withTail('at 34'))).toEqual(['mentions_age']);
    expect(faultsOf(withTail('with ＳＨＥ'))).toEqual(['mentions_gender']);
  });

  it('sees interests and languages through zero-width characters and accents', () => {
    expect(faultsOf('For you, this companion shares your love of mu\u200Bseums and yo\u200Bga, travels at a relaxed pace on a mid budget, and speaks English.')).toContain('interest_not_shared');
    expect(faultsOf('For you, this companion shares your love of museums and old towns, travels at a relaxed pace on a mid budget, and speaks Ger\u200Bman with you.')).toContain('language_not_shared');
  });
});

describe('explanation facts and template: faith-proxy diets', () => {
  it('a shared halal or kosher diet is never a fact, so neither the template nor a model is told it', () => {
    for (const diet of ['halal', 'kosher'] as const) {
      const q = profile({ id: 'u_query', diet_health: { diet }, languages: ['fr'], travel_prefs: { transport_allowed: [], must_haves: [] } });
      const pool = packProfiles([profile({ diet_health: { diet }, languages: ['fr'], travel_prefs: { transport_allowed: [], must_haves: [] } })]);
      const f = explainFacts(pool, packQuery(pool, q), q, 0);
      expect(f.sameDiet).toBeNull();
      const s = templateExplanation(f);
      expect(validateExplanation(s, f)).toEqual({ ok: true });
      expect(s).not.toMatch(/halal|kosher|diet/i);
    }
    const q = profile({ id: 'u_query', diet_health: { diet: 'vegan' } });
    const pool = packProfiles([profile({ diet_health: { diet: 'vegan' } })]);
    expect(explainFacts(pool, packQuery(pool, q), q, 0).sameDiet).toBe('vegan');
  });
});

describe('template explanation: what sets the pair apart, in varied shapes (issue 15, item 6)', () => {
  const interestsOf = (s: string) => interestsNamed(s).sort();

  it('no two cards of a persona’s top 5 share a shape, and a language is the link only when nothing more specific is shared', async () => {
    const pool = packProfiles(generatePoolArray(DEFAULT_POOL_COUNT, DEFAULT_POOL_SEED));
    for (const persona of PERSONAS) {
      const out = await search(pool, persona.profile, { top: 5, engine: 'heuristic' });
      if (!out.ok) throw new Error(out.error.message);
      const cards = out.value.results;
      expect(cards).toHaveLength(5);
      const shapes = cards.map((c) => shapeOf(c.explanation));
      expect(new Set(shapes).size, `${persona.id}:\n${shapes.join('\n')}`).toBe(5);
      const validated = validateQuery(persona.profile);
      if (!validated.ok) throw new Error(validated.error.message);
      const q = packQuery(pool, validated.profile);
      for (const c of cards) {
        const f = explainFacts(pool, q, validated.profile, indexOfId(pool, c.id) as number);
        expect(validateExplanation(c.explanation, f), c.explanation).toEqual({ ok: true });
        expectLanguageOnlyAsLastResort(c.explanation, f);
      }
    }
  });

  it('names the shared interests rarest in the pool, not the first in vocabulary order', () => {
    const common: ExplainFacts = {
      ...facts, sharedInterests: ['mountains', 'lakes', 'museums', 'chess'], sharedInterestCounts: [900, 800, 700, 12],
    };
    for (let rank = 0; rank < 6; rank++) {
      const s = templateExplanation(common, rank);
      expect(validateExplanation(s, common), s).toEqual({ ok: true });
      const named = interestsOf(s);
      expect(named, s).toContain('chess');
      expect(named.every((i) => i === 'chess' || i === 'museums'), s).toBe(true);
    }
    // Without counts (facts not built from a pool), vocabulary order, as before.
    expect(interestsOf(templateExplanation({ ...common, sharedInterestCounts: undefined }))).toEqual(['lakes', 'mountains']);
  });

  it('counts interests once per pool, from its bitsets, and names the pair’s rarest', () => {
    const crowd = Array.from({ length: 30 }, (_, k) => profile({ id: `c_crowd_${k}`, interests: ['mountains', 'lakes', 'museums'] }));
    const pair = profile({ id: 'c_pair', interests: ['mountains', 'lakes', 'castles', 'chess'] });
    const pool = packProfiles([...crowd, pair]);
    const counts = interestCounts(pool);
    expect(interestCounts(pool)).toBe(counts);
    expect(counts[INTERESTS.indexOf('mountains')]).toBe(31);
    expect(counts[INTERESTS.indexOf('chess')]).toBe(1);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(30 * 3 + 4);
    const q = profile({ id: 'u_query', interests: ['mountains', 'lakes', 'castles', 'chess'] });
    const f = explainFacts(pool, packQuery(pool, q), q, 30);
    expect(f.sharedInterests).toEqual(['mountains', 'lakes', 'castles', 'chess']); // still vocabulary order for chips and prompts
    expect(f.sharedInterestCounts).toEqual([31, 31, 1, 1]);
    for (let rank = 0; rank < 6; rank++) {
      const s = templateExplanation(f, rank);
      expect(validateExplanation(s, f), s).toEqual({ ok: true });
      expect(interestsOf(s), s).toEqual(['castles', 'chess']);
    }
  });

  const langOnly: ExplainFacts = { ...facts, sameDiet: null, sharedTransport: [], sharedMustHaves: [], remoteWork: false, sharedValues: [] };
  const LINKS: [string, ExplainFacts, RegExp][] = [
    ['the same diet', facts, /eats vegetarian like you/],
    ['a must-have', { ...langOnly, sharedMustHaves: ['quiet_room'], sharedTransport: ['train'] }, /wants a quiet room/],
    ['remote work', { ...langOnly, remoteWork: true, sharedTransport: ['bus'] }, /remote work/],
    ['a transport', { ...langOnly, sharedTransport: ['ferry'] }, /travels by ferry/],
    ['a shared value', { ...langOnly, sharedValues: ['nature'] }, /values nature like you/],
    ['the language, when nothing else is shared', langOnly, /speaks English with you/],
  ];
  it.each(LINKS)('names the most specific link: %s', (_label, f, expected) => {
    for (let rank = 0; rank < 6; rank++) {
      const s = templateExplanation(f, rank);
      expect(validateExplanation(s, f), s).toEqual({ ok: true });
      expect(s, s).toMatch(expected);
      expectLanguageOnlyAsLastResort(s, f);
    }
  });

  it('never names a value that reveals faith', () => {
    const q = profile({ id: 'u_query', values: ['spirituality'], travel_prefs: { transport_allowed: [], must_haves: [] } });
    const pool = packProfiles([profile({ values: ['spirituality'], travel_prefs: { transport_allowed: [], must_haves: [] } })]);
    const f = explainFacts(pool, packQuery(pool, q), q, 0);
    expect(f.sharedValues).toEqual([]);
    for (let rank = 0; rank < 6; rank++) {
      const s = templateExplanation(f, rank);
      expect(validateExplanation(s, f), s).toEqual({ ok: true });
      expect(s).not.toMatch(/spiritual/i);
      expect(s).toMatch(/speaks English with you/); // nothing more specific is shared
    }
  });

  it('is deterministic: the same facts and rank give the same sentence', () => {
    for (let rank = 0; rank < 6; rank++) {
      const s = templateExplanation(facts, rank);
      expect(templateExplanation(JSON.parse(JSON.stringify(facts)) as ExplainFacts, rank)).toBe(s);
      expect(templateExplanation(facts, rank + 6)).toBe(s); // ranks past the frames wrap around
    }
    expect(new Set([0, 1, 2, 3, 4].map((rank) => templateExplanation(facts, rank))).size).toBe(5);
    expect(templateExplanation(facts, Number.NaN)).toBe(templateExplanation(facts, 0));
    expect(templateExplanation(facts, -1)).toBe(templateExplanation(facts, 5));
  });
});
