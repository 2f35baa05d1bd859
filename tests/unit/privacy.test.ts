/**
 * Privacy (SPEC §2.1, §11): faith, emails and hidden home cities never reach prompts,
 * embedding texts, results or logs.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generatePoolArray } from '../../src/core/pool/generate';
import { packProfiles } from '../../src/core/pool/packed';
import { profileText } from '../../src/core/profile/text';
import { LABELS, explanationMessages, scoringMessages } from '../../src/core/rank/prompt';
import { search } from '../../src/core/search';
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
  const run = search(pool, query, { withIds: true });

  it('results hold no faith, email or hidden city', () => {
    expect(run.ok).toBe(true);
    if (!run.ok) return;
    expect(run.result.results.length).toBeGreaterThan(0);
    const shown = JSON.stringify(run.result.results);
    for (const s of [SECRET_RELIGION, SECRET_CITY, EMAIL, '@']) expect(shown).not.toContain(s);
  });

  it('prompts carry no name, age, faith, city, email or id', () => {
    if (!run.ok) throw new Error('search failed');
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
