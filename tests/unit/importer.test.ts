import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { hashEmailId, importRoverMitra, importRoverMitraQuery } from '../../src/core/import/rovermitra';
import type { Profile } from '../../src/core/profile/types';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(fileURLToPath(new URL(`../fixtures/rovermitra/${name}`, import.meta.url)), 'utf8'));

const users = fixture('users.json') as Record<string, unknown>[];
const matchmaker = fixture('matchmaker.json') as Record<string, unknown>[];
const query = fixture('query.json') as Record<string, unknown>;

const sha12 = (s: string) => `u_${createHash('sha256').update(s).digest('hex').slice(0, 12)}`;
const idOf = (email: string) => sha12(email.trim().toLowerCase());

const result = importRoverMitra(users, matchmaker);
const byEmail = (email: string): Profile => {
  const p = result.profiles.find((x) => x.id === idOf(email));
  if (!p) throw new Error(`no profile for ${email}`);
  return p;
};
const notice = (code: string, r = result) => r.notices.find((n) => n.code === code);

/** A minimal valid original user; `over` replaces top-level fields. */
function user(email: string | undefined, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ...(email === undefined ? {} : { email }),
    name: 'Test Person',
    age: 30,
    gender: 'Female',
    home_base: { city: 'Vienna', country: 'Austria' },
    languages: ['de'],
    interests: ['castles'],
    budget: { amount: 100, currency: 'EUR', split_rule: 'each_own' },
    ...over,
  };
}

describe('hashEmailId', () => {
  it('is u_ + the first 12 hex digits of SHA-256 of the trimmed, lower-cased email', () => {
    const expected = `u_${createHash('sha256').update('alice@example.com').digest('hex').slice(0, 12)}`;
    expect(hashEmailId(' Alice@Example.COM ')).toBe(expected);
    expect(hashEmailId('alice@example.com')).toBe(expected);
    expect(expected).toMatch(/^u_[0-9a-f]{12}$/);
  });

  it('differs for different emails', () => {
    expect(hashEmailId('a@example.com')).not.toBe(hashEmailId('b@example.com'));
  });
});

describe('importRoverMitra on the fixtures', () => {
  it('imports the valid users and counts the skipped ones', () => {
    // 13 records: 1 without email, 1 invalid (age 16), 1 earlier duplicate replaced.
    expect(result.profiles).toHaveLength(10);
    expect(result.skipped).toBe(2);
    expect(new Set(result.profiles.map((p) => p.id)).size).toBe(10);
    for (const p of result.profiles) expect(p.id).toMatch(/^u_[0-9a-f]{12}$/);
  });

  it('joins users and matchmaker profiles by email, trimmed and lower-cased', () => {
    // Olivia's matchmaker email is "  OLIVIA.BROWN@RoverMitra.example  ".
    const olivia = byEmail('olivia.brown@rovermitra.example');
    expect(olivia.companion.age_range).toEqual([21, 35]);
    expect(olivia.companion.same_pace).toBe(true);
    expect(olivia.companion.dealbreakers).toEqual(['no_smokers']);
    // Léa's matchmaker email is upper-case.
    expect(byEmail('lea.dubois@rovermitra.example').companion.dealbreakers).toEqual(['no_smoking_roommates']);
    expect(notice('import_defaults_no_matchmaker')?.message).toMatch(/^1 user /);
  });

  it('lets a later duplicate win in both files', () => {
    const jonases = result.profiles.filter((p) => p.name.startsWith('Jonas'));
    expect(jonases).toHaveLength(1);
    const jonas = jonases[0];
    expect(jonas.id).toBe(idOf('jonas.berg@rovermitra.example'));
    expect(jonas.name).toBe('Jonas Berg');
    expect(jonas.age).toBe(31);
    // The later matchmaker record (genders Female/Other, min 2) wins over the earlier one.
    expect(jonas.companion.genders_ok).toEqual(['female', 'other']);
    expect(jonas.companion.min_shared_languages).toBe(2);
    expect(jonas.companion.age_range).toEqual([26, 40]);
    expect(notice('import_duplicates_replaced')?.message).toContain('1 user record and 1 matchmaker record');
  });

  it('skips a user without email and counts it', () => {
    expect(result.profiles.some((p) => p.name === 'Nadia Bennani')).toBe(false);
    expect(notice('import_skipped_no_email')?.message).toMatch(/^1 user record skipped: no email \(record 8\)/);
  });

  it('skips an invalid record, says why by id and path, and goes on', () => {
    const tomas = idOf('tomas.ruiz@rovermitra.example');
    expect(result.profiles.some((p) => p.id === tomas)).toBe(false);
    const n = notice('import_skipped_invalid');
    expect(n?.message).toContain('1 user record skipped');
    expect(n?.message).toContain(tomas);
    expect(n?.message).toContain('age (out_of_range)');
    // Records after the invalid one are still imported.
    expect(byEmail('lukas.novak@rovermitra.example').name).toBe('Lukáš Novák');
  });

  it('gives a user without a matchmaker profile the defaults', () => {
    const sam = byEmail('sam.taylor@rovermitra.example');
    expect(sam.companion).toEqual({
      genders_ok: ['any'], age_range: null, min_shared_languages: 1, same_pace: false, dealbreakers: [], blocklist: [],
    });
    expect(notice('import_defaults_no_matchmaker')?.message).toContain(sam.id);
  });

  it('maps name, age, gender, home base and bio', () => {
    const sam = byEmail('sam.taylor@rovermitra.example');
    expect(sam).toMatchObject({
      name: 'Sam Taylor', age: 41, gender: 'non_binary',
      home_base: { city: 'London', country: 'UK' },
      bio: 'Slow trains, old bookshops and a play in the evening.',
    });
    expect(byEmail('lukas.novak@rovermitra.example').gender).toBe('other');
  });

  it('unites user languages and preferred chat languages on normalised codes', () => {
    expect(byEmail('anna.schmidt@rovermitra.example').languages).toEqual(['de', 'en', 'fr']);
    expect(byEmail('lukas.novak@rovermitra.example').languages).toEqual(['cs', 'de', 'en']);
    expect(byEmail('kenji.tanaka@rovermitra.example').languages).toEqual(['en', 'ja']);
    expect(byEmail('olivia.brown@rovermitra.example').languages).toEqual(['en']);
    expect(byEmail('jonas.berg@rovermitra.example').languages).toEqual(['de', 'en', 'sv']);
  });

  it('takes min_shared_languages from the matchmaker profile, default 1', () => {
    expect(byEmail('anna.schmidt@rovermitra.example').companion.min_shared_languages).toBe(2);
    expect(byEmail('lea.dubois@rovermitra.example').companion.min_shared_languages).toBe(0);
    expect(byEmail('sam.taylor@rovermitra.example').companion.min_shared_languages).toBe(1);
  });

  it('prefers the matchmaker age range over the user one', () => {
    // Anna: mm [25, 38] over user [24, 36]; Léa: no mm range, so the user's [26, 40].
    expect(byEmail('anna.schmidt@rovermitra.example').companion.age_range).toEqual([25, 38]);
    expect(byEmail('lea.dubois@rovermitra.example').companion.age_range).toEqual([26, 40]);
  });

  it('maps companion genders, non-binary included', () => {
    expect(byEmail('marco.rossi@rovermitra.example').companion.genders_ok).toEqual(['female', 'non_binary']);
    expect(byEmail('kenji.tanaka@rovermitra.example').companion.genders_ok).toEqual(['non_binary']);
    expect(byEmail('lukas.novak@rovermitra.example').companion.genders_ok).toEqual(['male', 'other', 'non_binary']);
    expect(byEmail('anna.schmidt@rovermitra.example').companion.genders_ok).toEqual(['any']);
  });

  it('sets same_pace only for prefer_same_pace == "prefer_same"', () => {
    expect(byEmail('anna.schmidt@rovermitra.example').companion.same_pace).toBe(true);
    expect(byEmail('marco.rossi@rovermitra.example').companion.same_pace).toBe(false);
    expect(byEmail('lea.dubois@rovermitra.example').companion.same_pace).toBe(false);
  });

  it('keeps matching dealbreakers, renames prefer_same_chronotype and ignores trip constraints', () => {
    expect(byEmail('anna.schmidt@rovermitra.example').companion.dealbreakers).toEqual(['min_2_shared_interests', 'same_chronotype']);
    expect(byEmail('priya.sharma@rovermitra.example').companion.dealbreakers).toEqual(['same_faith_required', 'no_heavy_drinkers', 'no_zero_shared_values']);
    expect(byEmail('kenji.tanaka@rovermitra.example').companion.dealbreakers).toEqual(['min_3_shared_interests']);
    expect(byEmail('lukas.novak@rovermitra.example').companion.dealbreakers).toEqual(['no_zero_shared_values', 'same_chronotype']);
    expect(byEmail('amira.haddad@rovermitra.example').companion.dealbreakers).toEqual(['no_smokers', 'no_heavy_drinkers']);
    expect(notice('import_ignored_trip_constraints')?.message).toMatch(/^6 hard dealbreakers/);
  });

  it('hashes blocklist emails into ids', () => {
    const marco = byEmail('marco.rossi@rovermitra.example');
    expect(byEmail('anna.schmidt@rovermitra.example').companion.blocklist).toEqual([marco.id]);
    expect(byEmail('amira.haddad@rovermitra.example').companion.blocklist).toEqual([
      idOf('someone.else@elsewhere.example'), idOf('kenji.tanaka@rovermitra.example'),
    ]);
  });

  it('maps faith from the user record', () => {
    expect(byEmail('priya.sharma@rovermitra.example').faith).toEqual({ consider_in_matching: true, religion: 'Hindu', policy: 'same_only' });
    expect(byEmail('amira.haddad@rovermitra.example').faith).toEqual({ consider_in_matching: true, religion: 'Islam', policy: 'prefer_same' });
    expect(byEmail('sam.taylor@rovermitra.example').faith).toEqual({ consider_in_matching: false, religion: '', policy: 'open' });
  });

  it('hides the home city if either side says so', () => {
    expect(byEmail('anna.schmidt@rovermitra.example').privacy.show_home_city).toBe(true);
    expect(byEmail('sam.taylor@rovermitra.example').privacy.show_home_city).toBe(true);
    // Léa: user share_home_city false, mm show_home_city true.
    expect(byEmail('lea.dubois@rovermitra.example').privacy.show_home_city).toBe(false);
    // Priya: user share_home_city true, mm show_home_city false.
    const priya = byEmail('priya.sharma@rovermitra.example');
    expect(priya.privacy.show_home_city).toBe(false);
    // ... and the bio no longer names the hidden city.
    expect(priya.bio).not.toContain('Mumbai');
    expect(priya.bio).toContain('their home city');
  });

  it('keeps the amount and forces EUR whatever the label', () => {
    expect(byEmail('priya.sharma@rovermitra.example').budget).toEqual({ amount: 60, currency: 'EUR', split_rule: 'each_own' });
    expect(byEmail('sam.taylor@rovermitra.example').budget).toEqual({ amount: 140, currency: 'EUR', split_rule: 'custom' });
    expect(byEmail('kenji.tanaka@rovermitra.example').budget.amount).toBe(120);
    expect(byEmail('lukas.novak@rovermitra.example').budget).toEqual({ amount: 210, currency: 'EUR', split_rule: 'custom' });
    for (const p of result.profiles) expect(p.budget.currency).toBe('EUR');
  });

  it("maps the original's alcohol, smoking, chronotype and split-rule variants", () => {
    const marco = byEmail('marco.rossi@rovermitra.example');
    expect(marco.comfort.alcohol).toBe('moderate');
    expect(marco.comfort.smoking).toBe('never');
    expect(marco.comfort.chronotype).toBe('night_owl');
    expect(marco.budget.split_rule).toBe('fifty_fifty');
    expect(byEmail('priya.sharma@rovermitra.example').comfort.smoking).toBe('occasionally');
    expect(byEmail('anna.schmidt@rovermitra.example').comfort.chronotype).toBe('early_bird');
  });

  it("maps the original's travel vocabulary and free-text blocks", () => {
    const anna = byEmail('anna.schmidt@rovermitra.example');
    expect(anna.interests).toEqual(['museums', 'architecture', 'coffee crawls', 'old towns']);
    expect(anna.values).toEqual(['culture', 'budget_minded', 'learning']);
    expect(anna.travel_prefs.trip_intentions).toEqual(['culture_trip', 'city_break']);
    expect(anna.diet_health).toEqual({ diet: 'vegetarian', allergies: [], accessibility: '' });
    const lukas = byEmail('lukas.novak@rovermitra.example');
    expect(lukas.travel_prefs).toMatchObject({
      accommodation_types: ['boutique_hotel', 'hotel'], room_setup: 'separate_rooms', must_haves: ['wifi', 'private_bathroom'],
    });
    expect(lukas.diet_health.diet).toBe('no_pork');
    expect(byEmail('sam.taylor@rovermitra.example').diet_health.diet).toBe('gluten_free');
  });

  it('drops unknown words from list fields and says so', () => {
    const kenji = byEmail('kenji.tanaka@rovermitra.example');
    expect(kenji.interests).toEqual(['thermal baths', 'scenic trains', 'photography']);
    expect(kenji.travel_prefs.must_haves).toEqual([]);
    const n = notice('import_dropped_unknown_words');
    expect(n?.message).toMatch(/^7 unknown words dropped from list fields in 4 records/);
    expect(n?.message).toContain('"board games"');
  });

  it('mentions the matchmaker record that matches no user', () => {
    expect(notice('import_unused_matchmaker')?.message).toMatch(/^1 matchmaker record/);
  });

  it('never outputs an email or an @', () => {
    const out = JSON.stringify(result);
    expect(out).not.toContain('@');
    for (const u of users) {
      if (typeof u.email === 'string') expect(out.toLowerCase()).not.toContain(u.email.trim().toLowerCase());
    }
    for (const m of matchmaker) {
      if (typeof m.email === 'string') expect(out.toLowerCase()).not.toContain(m.email.trim().toLowerCase());
    }
  });
});

describe('importRoverMitra, targeted cases', () => {
  it('uses the user age range when there is no matchmaker profile, null when neither has one', () => {
    const r = importRoverMitra([
      user('a@x.example', { companion_preferences: { age_range_preferred: [25, 35] } }),
      user('b@x.example'),
    ], []);
    expect(r.profiles.map((p) => p.companion.age_range)).toEqual([[25, 35], null]);
    expect(r.profiles.map((p) => p.companion.genders_ok)).toEqual([['any'], ['any']]);
  });

  it('uses ["any"] for a matchmaker profile without genders or with an empty list', () => {
    const r = importRoverMitra([user('a@x.example'), user('b@x.example')], [
      { email: 'a@x.example', preferred_companion: { genders: [] } },
      { email: 'b@x.example', preferred_companion: {} },
    ]);
    expect(r.profiles.map((p) => p.companion.genders_ok)).toEqual([['any'], ['any']]);
  });

  it('fails a record on an unknown scalar enum but not on an unknown list word', () => {
    const r = importRoverMitra([
      user('a@x.example', { comfort: { smoking: 'only on Sundays' } }),
      user('b@x.example', { interests: ['castles', 'underwater basket weaving'] }),
    ], []);
    expect(r.profiles.map((p) => p.id)).toEqual([idOf('b@x.example')]);
    expect(r.skipped).toBe(1);
    expect(notice('import_skipped_invalid', r)?.message).toContain('comfort.smoking (unknown_value)');
    expect(notice('import_dropped_unknown_words', r)?.message).toContain('"underwater basket weaving"');
  });

  it('quotes no dropped word that holds a contact or a faith word, in any spelling', () => {
    const r = importRoverMitra([
      user('a@x.example', { interests: ['castles', 'ana＠example.com', 'bob (at) mail (dot) com', 'Ramadan fasting', 'kite surfing'] }),
    ], []);
    const message = notice('import_dropped_unknown_words', r)?.message ?? '';
    expect(message).toMatch(/^4 unknown words dropped/);
    expect(message).toContain('"kite surfing"');
    expect(message).not.toMatch(/example|mail|dot com|ramadan/i);
  });

  it('quotes no dropped word that names the record’s hidden home city, in any spelling; a shown city may be quoted', () => {
    const hidden = { home_base: { city: 'Porto', country: 'Portugal' }, privacy: { share_home_city: false } };
    const r = importRoverMitra([
      user('a@x.example', { ...hidden, interests: ['castles', 'visit family in Porto', 'Oporto nights', 'kite surfing'] }),
      user('b@x.example', { interests: ['castles', 'Vienna coffee'] }),
    ], []);
    const message = notice('import_dropped_unknown_words', r)?.message ?? '';
    expect(message).toMatch(/^4 unknown words dropped/);
    expect(message).toContain('"kite surfing"');
    expect(message).toContain('"Vienna coffee"');
    expect(message).not.toMatch(/porto/i);
  });

  it('skips a user whose list of interests is empty after dropping unknown words', () => {
    const r = importRoverMitra([user('a@x.example', { interests: ['quidditch'] })], []);
    expect(r.profiles).toEqual([]);
    expect(r.skipped).toBe(1);
    expect(notice('import_skipped_invalid', r)?.message).toContain('interests (too_few)');
  });

  it('fails a record on an unknown language (languages are not dropped)', () => {
    const r = importRoverMitra([user('a@x.example', { languages: ['de', 'Klingon'] })], []);
    expect(r.profiles).toEqual([]);
    expect(notice('import_skipped_invalid', r)?.message).toContain('languages.1 (unknown_value)');
  });

  it('removes emails from free text and never copies unknown fields', () => {
    const r = importRoverMitra([
      user('a@x.example', {
        bio: 'Write me at a@x.example or other.person@mail.example!',
        password: 'Pass@123456',
        contact: { email: 'a@x.example' },
      }),
    ], []);
    expect(r.profiles).toHaveLength(1);
    expect(r.profiles[0].bio).toBe('Write me at [email removed] or [email removed]!');
    expect(JSON.stringify(r)).not.toContain('@');
  });

  it('removes e-mails in other shapes, and a hidden home city in other spellings, from the bio', () => {
    const shapes = ['ana@intranet', 'ana＠example.com', 'ana@[10.0.0.1]', 'ana (at) example (dot) com'];
    const r = importRoverMitra(shapes.map((e, i) => user(`u${i}@x.example`, { bio: `Reach me: ${e} any time.` })), []);
    expect(r.profiles.map((p) => p.bio)).toEqual(shapes.map(() => 'Reach me: [email removed] any time.'));
    const hidden = importRoverMitra([
      user('m@x.example', { home_base: { city: 'Munich', country: 'Germany' }, visibility: { show_home_city: false }, bio: 'Born in München, now in Por\u200Bto sometimes.' }),
    ], [{ email: 'm@x.example', visibility: { show_home_city: false } }]);
    expect(hidden.profiles[0].bio).toBe('Born in their home city, now in Por\u200Bto sometimes.');
    expect(JSON.stringify(r)).not.toContain('Pass');
  });

  it('falls back to the user_id join and maps blocklist_user_ids when the matchmaker has no email', () => {
    const r = importRoverMitra([
      user('a@x.example', { user_id: 'user_a' }),
      user('b@x.example', { user_id: 'user_b' }),
    ], [
      { user_id: 'user_a', language_policy: { min_shared_languages: 0 }, blocklist_user_ids: ['user_b', 'user_gone'] },
    ]);
    const a = r.profiles.find((p) => p.id === idOf('a@x.example'));
    expect(a?.companion.min_shared_languages).toBe(0);
    expect(a?.companion.blocklist).toEqual([idOf('b@x.example')]);
  });

  it('tolerates non-arrays and garbage without throwing, counting what it skips', () => {
    const garbage: unknown[] = [null, undefined, 0, 'users', true, {}, [], { email: 42 }, Symbol.iterator, () => 1];
    for (const a of garbage) {
      for (const b of garbage) {
        expect(() => importRoverMitra(a, b)).not.toThrow();
        const r = importRoverMitra(a, b);
        expect(r.profiles).toEqual([]);
      }
    }
    const r = importRoverMitra('not a list', { also: 'not a list' });
    expect(r.skipped).toBe(0);
    expect(r.notices.filter((n) => n.code === 'import_input_not_array')).toHaveLength(2);

    const mixed = importRoverMitra(
      [null, 1, 'x', [], user('ok@x.example'), { email: 'bad@x.example', age: 'old', interests: 5, budget: [] }],
      [null, 2, { email: 'ok@x.example', hard_dealbreakers: 'no_smokers', language_policy: 'none', preferred_companion: [] }],
    );
    expect(mixed.profiles).toHaveLength(1);
    expect(mixed.profiles[0].companion.dealbreakers).toEqual(['no_smokers']);
    expect(mixed.skipped).toBe(5);
    expect(notice('import_skipped_malformed', mixed)?.message).toContain('4 user records skipped: not an object');
    expect(mixed.notices.filter((n) => n.code === 'import_skipped_malformed')).toHaveLength(2);
    expect(JSON.stringify(mixed)).not.toContain('@');
  });

  it('reads only own known keys: prototype-polluting keys and deep nesting never get through', () => {
    const polluted = JSON.parse('[{"email":"p@x.example","name":"P","age":30,"gender":"male","languages":["en"],"interests":["chess"],"budget":{"amount":50},"comfort":{"__proto__":{"smoking":"regular"}}}]');
    let deep: unknown = 'x';
    for (let i = 0; i < 200; i++) deep = { bio: deep };
    const r = importRoverMitra([...polluted, user('d@x.example', { home_base: deep })], [{ email: 'd@x.example', visibility: deep }]);
    // A record holding a forbidden key is refused whole (as a canonical profile would be); deep
    // nesting in fields the importer does not read never reaches the profile.
    expect(r.skipped).toBe(1);
    expect(r.notices.find((n) => n.code === 'import_skipped_malformed')?.message).toMatch(/forbidden key.*record 1\)/);
    expect(r.profiles).toHaveLength(1);
    expect(r.profiles[0].home_base).toEqual({ city: '', country: '' });
    expect(r.profiles[0].privacy.show_home_city).toBe(true);
    expect(({} as Record<string, unknown>).smoking).toBeUndefined();
  });
});

describe('importRoverMitraQuery', () => {
  it('refuses a query holding a forbidden key, at the top level or inside', () => {
    for (const text of [`{"__proto__":{"isAdmin":true},${JSON.stringify(query).slice(1)}`, JSON.stringify({ ...query, travel_prefs: JSON.parse('{"constructor":{"x":1}}') })]) {
      const r = importRoverMitraQuery(JSON.parse(text));
      expect(r.ok).toBe(false);
      expect(!r.ok && r.problems.map((p) => p.code)).toEqual(['forbidden_key']);
    }
  });


  it('imports the fixture query user', () => {
    const r = importRoverMitraQuery(query);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    const p = r.profile;
    expect(p.id).toBe(idOf('maya.fischer@example.com'));
    expect(p.companion.genders_ok).toEqual(['female']);
    expect(p.companion.age_range).toEqual([24, 35]);
    expect(p.companion.min_shared_languages).toBe(1);
    expect(p.companion.dealbreakers).toEqual([]);
    expect(p.interests).toEqual(['museums', 'architecture', 'history', 'photography', 'food tours']);
    expect(p.languages).toEqual(['de', 'en']);
    expect(p.comfort.alcohol).toBe('moderate');
    expect(p.budget.currency).toBe('EUR');
    expect(JSON.stringify(r)).not.toContain('@');
  });

  it.each([
    ["I'm open to travel with anyone", ['any']],
    ['  i’m OPEN to travel   with anyone ', ['any']],
    ['Men', ['male']],
    [' men', ['male']],
    ['Women', ['female']],
    ['WOMEN ', ['female']],
    ['Nonbinary travelers', ['non_binary', 'other']],
    ['nonbinary  TRAVELERS', ['non_binary', 'other']],
  ])('maps genders_ok %j', (phrase, expected) => {
    const r = importRoverMitraQuery({ ...query, companion_preferences: { genders_ok: [phrase] } });
    expect(r.ok && r.profile.companion.genders_ok).toEqual(expected);
  });

  it('accepts a lone phrase and defaults to anyone when genders_ok is missing', () => {
    const lone = importRoverMitraQuery({ ...query, companion_preferences: { genders_ok: 'Men' } });
    expect(lone.ok && lone.profile.companion.genders_ok).toEqual(['male']);
    const none = importRoverMitraQuery({ ...query, companion_preferences: {} });
    expect(none.ok && none.profile.companion.genders_ok).toEqual(['any']);
    expect(none.ok && none.profile.companion.age_range).toBeNull();
  });

  it('gives a query without email the id u_query', () => {
    const { email: _drop, ...noEmail } = query;
    const r = importRoverMitraQuery(noEmail);
    expect(r.ok && r.profile.id).toBe('u_query');
    const blank = importRoverMitraQuery({ ...query, email: '   ' });
    expect(blank.ok && blank.profile.id).toBe('u_query');
  });

  it('drops unknown list words with a notice and reports real problems', () => {
    const r = importRoverMitraQuery({ ...query, interests: ['Museum hopping', 'Trail running'] });
    expect(r.ok && r.profile.interests).toEqual(['museums']);
    expect(r.ok && r.notices.map((n) => n.code)).toEqual(['import_dropped_unknown_words']);

    const bad = importRoverMitraQuery({ ...query, age: 12, comfort: { smoking: 'chain' } });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.problems.map((p) => p.path).sort()).toEqual(['age', 'comfort.smoking']);
  });

  it('never throws on garbage', () => {
    for (const q of [null, undefined, 1, 'q', [], [query], { companion_preferences: 5 }]) {
      expect(() => importRoverMitraQuery(q)).not.toThrow();
      expect(importRoverMitraQuery(q).ok).toBe(false);
    }
  });
});
