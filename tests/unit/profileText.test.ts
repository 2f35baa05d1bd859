import { describe, expect, it } from 'vitest';
import { profileText, scrubBio } from '../../src/core/profile/text';
import { profile } from './profiles';

describe('profile text (SPEC §4)', () => {
  const p = profile({
    id: 'u_secret_id', name: 'Zainab Okafor', age: 37, gender: 'female',
    home_base: { city: 'Lagos', country: 'Nigeria' },
    faith: { consider_in_matching: true, religion: 'Islam', policy: 'same_only' },
    bio: 'Zainab from Lagos (zainab@example.com), a devout muslim who loves Islam, markets and slow mornings in Nigeria.',
    diet_health: { diet: 'halal' },
    work: { remote_work_ok: true, hours_online_needed: 3, wifi_quality_needed: 'good' },
  });

  it('carries pace, band, interests, values, trips, diet, must-haves, transport, remote work and the bio', () => {
    const t = profileText(p);
    for (const part of ['Pace: balanced.', 'Budget: mid.', 'Interests: museums, old towns, food tours, photography.', 'Values: culture, food.', 'Trips: city break.', 'Must haves: wifi.', 'Transport: train.', 'Remote work: 3 hours online, good wifi.', 'About:']) {
      expect(t).toContain(part);
    }
    expect(profileText({ ...p, diet_health: { ...p.diet_health, diet: 'gluten_free' } })).toContain('Diet: gluten free.');
  });

  it('leaves out values and diets that reveal faith (spirituality, halal, kosher)', () => {
    const q = profile({ values: ['spirituality', 'culture', 'nature'], diet_health: { diet: 'kosher' }, bio: '' });
    expect(profileText(q)).toContain('Values: culture, nature.');
    expect(profileText(q)).not.toMatch(/spiritual|kosher|diet/i);
    expect(profileText(p)).not.toMatch(/halal|diet/i);
    expect(profileText(profile({ values: ['spirituality'], bio: '' }))).not.toContain('Values');
  });

  it('never contains name, age, gender, faith, city, country, id or an email', () => {
    const t = profileText(p).toLowerCase();
    for (const secret of ['zainab', 'okafor', '37', 'female', 'islam', 'muslim', 'lagos', 'nigeria', 'u_secret_id', '@', 'example.com', 'devout', 'halal']) {
      expect(t).not.toContain(secret);
    }
    expect(scrubBio(p)).toBe('from ( ), a who loves , markets and slow mornings in .');
  });

  it('is the same template for any two profiles with the same facts (symmetric)', () => {
    const a = profile({ id: 'c_a', name: 'A One', age: 20, gender: 'male', bio: '' });
    const b = profile({ id: 'c_b', name: 'B Two', age: 60, gender: 'other', bio: '', home_base: { city: 'Oslo', country: 'Norway' } });
    expect(profileText(a)).toBe(profileText(b));
  });
});
