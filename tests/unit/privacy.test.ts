/**
 * Privacy (SPEC §2.1, §11): faith, emails and hidden home cities never reach prompts,
 * embedding texts, results or logs.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { explainFacts } from '../../src/core/explain/facts';
import { templateExplanation } from '../../src/core/explain/template';
import { generatePoolArray } from '../../scripts/pool/generate';
import { packProfiles, packQuery } from '../../src/core/pool/packed';
import { profileText, scrubBio } from '../../src/core/profile/text';
import type { Profile } from '../../src/core/profile/types';
import { LABELS, explanationMessages, scoringMessages } from '../../src/core/rank/prompt';
import { stagesFor } from './searchPool';
import { chipsFor } from '../../src/core/stages/chips';
import { profile } from './profiles';

const SECRET_RELIGION = 'Zoroastrianism';
const SECRET_CITY = 'Hiddenburg';
const EMAIL = 'ana.secret@example.com';

// The pool: every candidate opted in to faith with the secret religion; a third hide their city.
const pool = packProfiles(generatePoolArray(300, 11).map((p, i) => ({
  ...p,
  faith: { consider_in_matching: true, religion: SECRET_RELIGION, policy: 'prefer_same' as const },
  home_base: i % 3 === 0 ? { city: SECRET_CITY, country: p.home_base.country } : p.home_base,
  privacy: { show_home_city: i % 3 !== 0 },
  bio: `${p.bio} Write to ${EMAIL}.`,
})));
const query = profile({
  id: 'u_query', name: 'Ana Secret', age: 33,
  languages: ['en', 'de', 'es', 'fr'], companion: { min_shared_languages: 0 },
  faith: { consider_in_matching: true, religion: SECRET_RELIGION, policy: 'same_only' },
  home_base: { city: SECRET_CITY, country: 'Nowhere' }, privacy: { show_home_city: false },
  bio: `I live in ${SECRET_CITY}, a devout ${SECRET_RELIGION}; mail ${EMAIL}`,
});
const SECRETS = [SECRET_RELIGION, SECRET_CITY, EMAIL, 'Ana Secret', 'u_query', '@'];

describe('privacy', () => {
  const run = stagesFor(pool, query, { withIds: true });

  it('results hold no faith, email or hidden city', () => {
    expect(run.result.results.length).toBeGreaterThan(0);
    const shown = JSON.stringify(run.result.results);
    for (const s of [SECRET_RELIGION, SECRET_CITY, EMAIL, '@']) expect(shown).not.toContain(s);
  });

  it('prompts carry no name, age, faith, city, email or id', () => {
    const summaries = run.job.candidates.map((c, i) => ({ label: LABELS[i], facts: c.facts, otherInterests: c.otherInterests }));
    const messages = [...scoringMessages(run.job.query, summaries), ...explanationMessages(run.job.query, summaries.slice(0, 5))];
    const prompts = JSON.stringify(messages);
    for (const s of [...SECRETS, '33', 'c_0']) expect(prompts).not.toContain(s);
    // The instructions may name the forbidden topics ("never mention faith"); the facts never do.
    const facts = JSON.stringify(messages.filter((m) => m.role === 'user'));
    expect(facts).not.toMatch(/faith|religio/i);
  });

  it('embedding texts carry none of it either, for the query and for the pool', () => {
    const texts = [profileText(query), ...generatePoolArray(50, 11).map((p) => profileText({ ...p, bio: `${p.bio} ${EMAIL} ${SECRET_RELIGION}`, faith: { consider_in_matching: true, religion: SECRET_RELIGION, policy: 'open' } }))];
    for (const t of texts) for (const s of [...SECRETS]) expect(t).not.toContain(s);
  });

  it('nothing in the app, the worker or the core writes to the console (no logs to leak into)', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const p = path.join(dir, name);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.(ts|svelte)$/.test(name)) files.push(p);
      }
    };
    for (const dir of ['src', 'workers']) walk(path.resolve(import.meta.dirname, '../..', dir));
    expect(files.length).toBeGreaterThan(20);
    const logging = files.filter((f) => /\bconsole\.(log|info|warn|error|debug|trace)\s*\(/.test(readFileSync(f, 'utf8')));
    expect(logging).toEqual([]);
  });
});

/**
 * Plain letters for comparisons in these tests: compatibility forms, no accents, no invisible
 * characters, no apostrophes, lower case (so a check cannot miss a leak by its spelling).
 */
const plain = (t: string) => t.normalize('NFKD').replace(/[\p{M}\p{Cf}'ʼ’]/gu, '').toLowerCase();

/** The embedding text of a profile whose bio holds `inner` between two harmless sentences. */
function textWithBio(inner: string, over: Parameters<typeof profile>[0] = {}): string {
  return profileText(profile({ ...over, bio: `Loves old towns. ${inner} Slow mornings please.` }));
}

describe('privacy by normalisation: scrubbing finds every spelling', () => {
  // Faith words of others (not the person's own religion): religions, denominations, practices,
  // people words, and the same words hidden by zero-width characters or decomposed accents.
  const FAITH_SPELLINGS: [string, string][] = [
    ['Jain', 'jain'], ['Zoroastrianism', 'zoroastrian'], ['Lutheran', 'lutheran'], ['Baháʼí', 'bahai'],
    ['Ramadan', 'ramadan'], ['salah', 'salah'], ['Muslima', 'muslima'], ['Chris\u200Btian', 'christian'],
    ['Chrétien'.normalize('NFD'), 'chretien'], ['Chrétienne'.normalize('NFC'), 'chretienne'],
    ['Christ\u0301ian', 'christian'], ['Shia', 'shia'], ['Sunni', 'sunni'], ['Sufi', 'sufi'],
    ['Methodist', 'methodist'], ['Anglican', 'anglican'], ['Baptist', 'baptist'], ['Eid', 'eid'],
    ['Diwali', 'diwali'], ['Hanukkah', 'hanukkah'], ['Shabbat', 'shabbat'], ['Lent', 'lent'],
    ['Christen', 'christen'], ['Müslüman', 'musluman'], ['musulmana', 'musulmana'], ['jüdisch', 'judisch'],
    ['ＣＨＲＩＳＴＩＡＮ', 'christian'], ['\u0421hristian', 'hristian'],
  ];
  it.each(FAITH_SPELLINGS)('removes %s from the embedding text and keeps the rest', (word, stem) => {
    const t = textWithBio(`A devoted ${word} traveller.`);
    expect(plain(t)).not.toContain(stem);
    expect(t).toContain('Loves old towns.');
    expect(t).toContain('traveller. Slow mornings please.');
  });

  const EMAILS = ['ana@intranet', 'ana＠example.com', 'ana@[10.0.0.1]', 'ana﹫example.org', 'ana (at) example (dot) com'];
  it.each(EMAILS)('removes the e-mail %s', (email) => {
    const t = textWithBio(`Write to ${email} any time.`);
    expect(t).toMatch(/Write to +any time\./);
    for (const part of ['@', 'intranet', 'example', '10.0.0.1', 'ana']) expect(plain(t)).not.toContain(part);
  });

  it.each(['+49 170 1234567', '(030) 123 45 67', '0170/123 45 67', '+1 (555) 123-4567'])('removes the phone number %s', (phone) => {
    const t = textWithBio(`Call me on ${phone} after six.`);
    expect(t).toMatch(/Call me on +after six\./);
    expect(t.replace(/\D/g, '')).toBe(''); // the rest of this profile's text has no digits
  });

  const CITIES: [Partial<Profile['home_base']>, string, string][] = [
    [{ city: 'Munich', country: 'Germany' }, 'Ich liebe München sehr.', 'munchen'],
    [{ city: 'München', country: 'Germany' }, 'Born in Munich.', 'munich'],
    [{ city: 'São Paulo', country: 'Brazil' }, 'Back in Sao Paulo soon.', 'sao paulo'],
    [{ city: 'Porto', country: 'Portugal' }, 'Home is Por\u200Bto.', 'porto'],
    [{ city: 'Frankfurt am Main', country: 'Germany' }, 'Weekends in Frankfurt.', 'frankfurt'],
    [{ city: 'Cologne', country: 'Germany' }, 'Karneval in Köln!', 'koln'],
    [{ city: 'Kraków', country: 'Poland' }, 'Cracow is home.', 'cracow'],
  ];
  it.each(CITIES)('removes the own city %o when the bio spells it "%s"', (home, bio, spelled) => {
    const p = profile({ home_base: home, privacy: { show_home_city: false }, bio });
    expect(plain(scrubBio(p))).not.toContain(spelled);
    expect(plain(profileText(p))).not.toContain(spelled);
    expect(scrubBio(p).length).toBeGreaterThan(3);
  });

  it('removes the own country in another language', () => {
    const p = profile({ home_base: { city: 'Munich', country: 'Germany' }, bio: 'Made in Deutschland, living in Bavaria.' });
    expect(scrubBio(p)).toBe('Made in , living in Bavaria.');
  });
});

describe('privacy by normalisation: faith proxies among the vocabulary', () => {
  const people = generatePoolArray(120, 21).map((p, i): Profile => ({
    ...p,
    values: i % 2 === 0 ? ['spirituality'] : ['spirituality', 'culture'],
    diet_health: { ...p.diet_health, diet: i % 3 === 0 ? 'kosher' : 'halal' },
    companion: { ...p.companion, min_shared_languages: 0, genders_ok: ['any'], age_range: null, dealbreakers: [], blocklist: [] },
  }));
  const pool = packProfiles(people);
  const query = profile({ id: 'u_query', values: ['spirituality', 'nature'], diet_health: { diet: 'halal' }, companion: { min_shared_languages: 0 } });
  const q = packQuery(pool, query);

  it('the value spirituality never reaches an embedding text', () => {
    expect(profileText(query)).toContain('Values: nature.');
    for (const p of [query, ...people]) expect(profileText(p)).not.toMatch(/spiritual/i);
  });

  it('the diets halal and kosher never reach an embedding text', () => {
    for (const p of [query, ...people]) expect(profileText(p)).not.toMatch(/halal|kosher|Diet:/);
  });

  it('chips never show spirituality', () => {
    const chips = people.map((_, i) => chipsFor(pool, q, i, 20)).flat();
    expect(chips.length).toBeGreaterThan(people.length * 6);
    expect(chips).toContain('Culture');
    expect(chips).not.toContain('Spirituality');
  });

  it('prompts carry neither spirituality nor halal or kosher, for the traveller or the candidates', () => {
    const run = stagesFor(pool, query);
    const summaries = run.job.candidates.map((c, i) => ({ label: LABELS[i], facts: c.facts, otherInterests: c.otherInterests }));
    expect(summaries.length).toBeGreaterThan(0);
    for (const detail of ['full', 'brief', 'minimal'] as const) {
      const prompts = JSON.stringify([...scoringMessages(run.job.query, summaries, detail), ...explanationMessages(run.job.query, summaries, detail)]);
      expect(prompts).not.toMatch(/spiritual|halal|kosher/i);
    }
    const full = JSON.stringify(scoringMessages(run.job.query, summaries));
    expect(full).toContain('values nature');
  });

  it('explanations never say halal or kosher, even when both follow the diet', () => {
    const both = people.map((p, i) => [p, i] as const).filter(([p]) => p.diet_health.diet === 'halal');
    expect(both.length).toBeGreaterThan(10);
    for (const [, i] of both) {
      const f = explainFacts(pool, q, query, i);
      expect(f.sameDiet).toBeNull();
      expect(templateExplanation(f)).not.toMatch(/halal|kosher/i);
    }
    const run = stagesFor(pool, query);
    expect(JSON.stringify(run.result.results)).not.toMatch(/halal|kosher|spiritual/i);
  });
});
