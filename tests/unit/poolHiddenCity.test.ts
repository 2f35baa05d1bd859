import { describe, expect, it } from 'vitest';
import { packProfiles } from '../../src/core/pool/packed';
import { serializePool } from '../../src/core/pool/packedFile';
import { serializeTexts } from '../../src/core/pool/textsFile';
import { normalizeText } from '../../src/core/privacy/normalize';
import { profileText } from '../../src/core/profile/text';
import { profile } from './profiles';

/** Whether `needle` occurs in `bytes` (a plain byte search). */
function containsBytes(bytes: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= bytes.length; i++) {
    for (let j = 0; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

describe('served pool files and a hidden home city (SPEC §2.3, §5)', () => {
  it('never carries a hidden city that no other profile shows in readable form, in pool.bin or texts.bin', () => {
    const city = 'Jyväskylä';
    const profiles = [
      profile({ id: 'c_hidden', name: 'Aino Virtanen', home_base: { city, country: 'Finland' }, bio: `Grew up in ${city} and loves museums.`, privacy: { show_home_city: false } }),
      profile({ id: 'c_lyon', name: 'Ana Lopez', home_base: { city: 'Lyon', country: 'France' } }),
      profile({ id: 'c_porto', name: 'Bo Lind', home_base: { city: 'Porto', country: 'Portugal' }, privacy: { show_home_city: false } }),
    ];
    const pool = serializePool(packProfiles(profiles));
    const texts = serializeTexts(profiles.map(profileText));
    const encoder = new TextEncoder();
    const forms = [city, city.toLowerCase(), normalizeText(city)];
    expect(forms).toContain('jyvaskyla');
    for (const form of forms) {
      for (const [file, bytes] of [['pool.bin', pool], ['texts.bin', texts]] as const) {
        expect(containsBytes(bytes, encoder.encode(form)), `${form} in ${file}`).toBe(false);
      }
    }
    // The check would see the city if it were there: the visible one is in pool.bin.
    expect(containsBytes(pool, encoder.encode('Lyon'))).toBe(true);
  });
});
