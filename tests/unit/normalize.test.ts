/**
 * The privacy normaliser and the finders built on it (src/core/privacy): one normalised form
 * for every spelling of a word, contact details in their common shapes, faith words as whole
 * words, and the other spellings of a city.
 */
import { describe, expect, it } from 'vitest';
import { findContacts, findEmails, findPhones } from '../../src/core/privacy/contact';
import { FAITH_TERMS, findFaith, revealsFaith, shareableDiet, shareableValues } from '../../src/core/privacy/faith';
import { normalizeText, normalizeWithMap, originalRange } from '../../src/core/privacy/normalize';
import { cityVariants, countryVariants } from '../../src/core/privacy/places';
import { scrubPrivate } from '../../src/core/privacy/scrub';
import { TermMatcher } from '../../src/core/privacy/terms';
import { COUNTRIES } from '../../scripts/pool/data/places';
import { DIETS, VALUES } from '../../src/core/profile/vocab';

const found = (text: string, spans: [number, number][]) => spans.map(([a, b]) => text.slice(a, b));

describe('normalizeText', () => {
  it.each([
    ['Chrétien', 'chretien'],
    ['Chrétien'.normalize('NFD'), 'chretien'],
    ['Chris\u200Btian', 'christian'],
    ['Chris\u00ADtian\u2060', 'christian'],
    ['\u202EChristian\u202C', 'christian'],
    ['ＣＨＲＩＳＴＩＡＮ', 'christian'],
    ['Baháʼí', 'bahai'],
    ["Baha'i", 'bahai'],
    ['Shīʿa', 'shia'],
    ['İSTANBUL', 'istanbul'],
    ['Straße', 'strasse'],
    ['København', 'kobenhavn'],
    ['Łódź', 'lodz'],
    ['Tromsø', 'tromso'],
    ['\u0421hristian', 'christian'],
    ['ana＠example.com', 'ana@example.com'],
    ['ana﹫example.com', 'ana@example.com'],
    ['＋４９\u00A0１７０', '+49 170'],
    ['٠١٢٣', '0123'],
    ['ﬁne', 'fine'],
    ['a\u2013b', 'a-b'],
  ])('%s → %s', (input, out) => {
    expect(normalizeText(input)).toBe(out);
  });

  it('gives NFC and NFD input the same form', () => {
    for (const s of ['São Paulo', 'Zürich', 'Genève', 'Kraków', 'Ελλάδα', 'Việt Nam']) {
      expect(normalizeText(s.normalize('NFD'))).toBe(normalizeText(s.normalize('NFC')));
    }
  });

  it('handles a megabyte of text in one pass and keeps its length class', () => {
    const ascii = 'Travel Light. '.repeat(75_000);
    expect(normalizeText(ascii)).toBe('travel light. '.repeat(75_000));
    const accented = 'Ü\u200Bé'.repeat(350_000); // 1 050 000 UTF-16 units: a letter with a mark, an invisible, a letter with a mark
    const out = normalizeText(accented);
    expect(out.length).toBe(700_000);
    expect(out).toBe('ue'.repeat(350_000));
  });

  it('maps every normalised character back to the original text', () => {
    const s = 'Ich bin Chris\u200Btin aus München.';
    const n = normalizeWithMap(s);
    expect(n.text).toBe(normalizeText(s));
    const at = n.text.indexOf('christin');
    const [a, b] = originalRange(n, at, at + 'christin'.length, s.length);
    expect(s.slice(a, b)).toBe('Chris\u200Btin');
    const m = n.text.indexOf('munchen');
    const [c, d] = originalRange(n, m, m + 'munchen'.length, s.length);
    expect(s.slice(c, d)).toBe('München');
  });
});

describe('contact details', () => {
  it.each([
    ['write ana@intranet now', 'ana@intranet'],
    ['write ana＠example.com now', 'ana@example.com'],
    ['write ana@[10.0.0.1] now', 'ana@[10.0.0.1]'],
    ['mail ana@evil', 'ana@evil'],
    ['(zainab@example.com),', 'zainab@example.com'],
    ['ana.b+trips@mail.example.org.', 'ana.b+trips@mail.example.org'],
    ['ana @ example.com', 'ana @ example.com'],
    ['ana (at) example (dot) com', 'ana (at) example (dot) com'],
    ['ana [at] example [dot] com', 'ana [at] example [dot] com'],
    ['ana at example dot com', 'ana at example dot com'],
    ['follow @ana_travels', '@ana_travels'],
  ])('finds the e-mail in "%s"', (text, email) => {
    const n = normalizeText(text);
    expect(found(n, findEmails(n))).toEqual([email]);
  });

  it.each([
    ['+49 170 1234567', '+49 170 1234567'],
    ['call (030) 123 45 67.', '(030) 123 45 67'],
    ['0170/1234567', '0170/1234567'],
    ['+1 (555) 123-4567', '+1 (555) 123-4567'],
    ['555-1234 after six', '555-1234'],
    ['0044.20.7946.0958', '0044.20.7946.0958'],
    ['＋４９ １７０ １２３４５６７', '+49 170 1234567'],
  ])('finds the phone number in "%s"', (text, phone) => {
    const n = normalizeText(text);
    expect(found(n, findPhones(n))).toEqual([phone]);
  });

  it('leaves ordinary text alone', () => {
    for (const text of ['travels at a relaxed pace on a mid budget', 'we met at the station at 10:30 in 2024', 'a 10 000 EUR budget, 3 weeks', 'rooms 12 and 14', 'for you, this companion speaks english with you.']) {
      expect(findContacts(normalizeText(text))).toEqual([]);
    }
  });

  it('stays linear on hostile megabyte input', () => {
    expect(findEmails('@'.repeat(1 << 20)).length).toBe(1);
    expect(findEmails(`${'a'.repeat(1 << 20)}@b`)).toEqual([[0, (1 << 20) + 2]]);
    expect(findPhones('1 '.repeat(1 << 18)).length).toBe(1);
    expect(findPhones('12 '.repeat(1 << 18)).length).toBe(1);
  });
});

describe('faith words', () => {
  it('the list covers religions, denominations, practices, festivals and people words in several languages', () => {
    const plain = new Set(FAITH_TERMS.map(normalizeText));
    for (const w of ['jain', 'zoroastrianism', 'lutheran', 'baptist', 'methodist', 'anglican', 'shia', 'sunni', 'sufi', 'bahai',
      'ramadan', 'eid', 'salah', 'salat', 'diwali', 'hanukkah', 'shabbat', 'lent', 'muslima', 'christen',
      'chretien', 'musulman', 'judisch', 'cristiano', 'musulmano', 'muculmano', 'musluman', 'namaz', 'bhagwan', 'spirituality', 'halal', 'kosher']) {
      expect(plain.has(w), w).toBe(true);
    }
  });

  it('matches whole words only, in any spelling', () => {
    const n = normalizeText('A Lutheran, a MUSLIMA and a Chris\u200Btian met for Ramadan; Islamabad, Jainism and christianly-minded folk too.');
    expect(found(n, findFaith(n))).toEqual(['lutheran', 'muslima', 'christian', 'ramadan', 'jainism']);
    expect(findFaith(normalizeText('museums, yoga, old towns, festivals and street food'))).toEqual([]);
  });

  it('catches words run together, split by punctuation or spelled out', () => {
    for (const s of ['C h r i s t i a n', 'Chris.tian', 'Chr1st1an', 'Jehovahs Witness', 'bar-mitzvah', 'Yom  Kippur']) {
      expect(findFaith(normalizeText(s)).length, s).toBe(1);
    }
  });

  it('knows which vocabulary values and diets reveal faith', () => {
    expect(VALUES.filter((v) => revealsFaith(v))).toEqual(['spirituality']);
    expect(DIETS.filter((d) => revealsFaith(d))).toEqual(['halal', 'kosher']);
    expect(shareableValues(['spirituality', 'culture', 'budget_minded'])).toEqual(['culture', 'budget_minded']);
    expect(shareableDiet('halal')).toBeNull();
    expect(shareableDiet('none')).toBeNull();
    expect(shareableDiet('gluten_free')).toBe('gluten_free');
  });
});

describe('cityVariants', () => {
  it.each([
    ['Munich', ['munich', 'munchen', 'muenchen']],
    ['München', ['munich', 'munchen', 'muenchen']],
    ['São Paulo', ['sao paulo']],
    ['Frankfurt am Main', ['frankfurt am main', 'frankfurt']],
    ['Frankfurt', ['frankfurt', 'frankfurt am main']],
    ['Cologne', ['cologne', 'koln', 'koeln']],
    ['Vienna', ['vienna', 'wien']],
    ['Prague', ['prague', 'praha']],
    ['Lisbon', ['lisbon', 'lisboa']],
    ['Copenhagen', ['copenhagen', 'kobenhavn']],
    ['Warsaw', ['warsaw', 'warszawa']],
    ['Kraków', ['krakow', 'cracow']],
    ['Athens', ['athens', 'athina']],
    ['Brussels', ['brussels', 'bruxelles', 'brussel']],
    ['The Hague', ['the hague', 'den haag']],
    ['Geneva', ['geneva', 'geneve', 'genf']],
    ['Zurich', ['zurich', 'zuerich']],
    ['Seville', ['seville', 'sevilla']],
    ['Bangkok', ['bangkok', 'krung thep']],
    ['Mumbai', ['mumbai', 'bombay']],
    ['Kolkata', ['kolkata', 'calcutta']],
    ['Beijing', ['beijing', 'peking']],
    ['Moscow', ['moscow', 'moskva']],
    ['Mexico City', ['mexico city', 'ciudad de mexico', 'mexico']],
    ['Ho Chi Minh City', ['saigon', 'ho chi minh']],
    ['St. Gallen', ['st gallen', 'sankt gallen', 'saint gallen']],
    ['Cluj-Napoca', ['cluj napoca', 'cluj']],
    ['Tromsø', ['tromso', 'tromsoe']],
  ])('%s', (city, expected) => {
    expect(cityVariants(city)).toEqual(expect.arrayContaining(expected as string[]));
  });

  it('does not cut names to a first word that names nothing on its own', () => {
    expect(cityVariants('Rio de Janeiro')).not.toContain('rio');
    expect(cityVariants('New York')).not.toContain('new');
    expect(cityVariants('San Sebastián')).not.toContain('san');
    expect(cityVariants('Buenos Aires')).not.toContain('buenos');
    expect(cityVariants('Port Harcourt')).toEqual(['port harcourt']);
    expect(cityVariants('')).toEqual([]);
    expect(cityVariants('  ')).toEqual([]);
  });

  it('gives every pool city and country at least its own normalised name', () => {
    for (const c of COUNTRIES) {
      expect(countryVariants(c.name)).toContain(normalizeText(c.name));
      for (const city of c.cities) expect(cityVariants(city)).toContain(normalizeText(city).replace(/[^\p{L}\p{N}]+/gu, ' ').trim());
    }
    expect(countryVariants('Germany')).toContain('deutschland');
  });

  it('a matcher built from the variants finds each spelling in text', () => {
    const m = new TermMatcher(cityVariants('Frankfurt am Main'));
    for (const s of ['in Frankfurt.', 'in Frankfurt am Main', 'in FRANKFURT-AM-MAIN', 'in Frankfurt a. M.', 'in Francfort', 'in FrankfurtAmMain']) {
      expect(m.test(normalizeText(s)), s).toBe(true);
    }
    expect(m.test(normalizeText('in Frankfurter Allee'))).toBe(false);
  });
});

describe('scrubPrivate', () => {
  it('cuts out what is private and keeps the rest of the original text as it was', () => {
    const s = 'Hi! I’m a Lutheran from München — mail ana＠example.com or call +49 170 1234567. Ça va?';
    expect(scrubPrivate(s, cityVariants('Munich')).replace(/\s+/g, ' ')).toBe('Hi! I’m a from — mail or call . Ça va?');
  });

  it('leaves clean text untouched', () => {
    const s = 'Loves old towns, street food and scenic trains; prefers a relaxed pace.';
    expect(scrubPrivate(s, cityVariants('Lyon'))).toBe(s);
  });
});
