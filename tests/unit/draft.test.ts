/**
 * The form draft in storage (src/ui/draft.ts): read back field by field, a refused save said so,
 * other tabs' saves taken from the `storage` event for the draft key only.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  DRAFT_KEY, DRAFT_NOT_SAVED, coerceDraft, draftFromStorageEvent, emptyDraft, loadDraft, profileToDraft, saveDraft, serializeDraft,
} from '../../src/ui/draft';
import { BASE } from './profiles';

const filled = () => ({ ...profileToDraft(BASE), bio: 'Loves slow mornings.' });

describe('coerceDraft: per-field recovery', () => {
  it('keeps every good field and drops only the one that cannot be read', () => {
    const good = filled();
    const stored = JSON.parse(serializeDraft(good)) as { v: number; draft: Record<string, unknown> };
    stored.draft.age = 'thirty';
    const r = coerceDraft(stored);
    expect(r?.dropped).toEqual(['age']);
    expect(r?.draft).toEqual({ ...good, age: emptyDraft().age });
    expect(r?.draft.name).toBe(good.name);
    expect(r?.draft.interests).toEqual(good.interests);
  });

  it('drops a field that is only inherited, and refuses what is not a draft at all', () => {
    const stored = JSON.parse(serializeDraft(filled())) as { v: number; draft: Record<string, unknown> };
    delete stored.draft.name;
    expect(coerceDraft({ v: 1, draft: Object.assign(Object.create({ name: 'Mallory' }), stored.draft) })?.dropped).toEqual(['name']);
    expect(coerceDraft({ v: 2, draft: stored.draft })).toBeNull();
    expect(coerceDraft([stored])).toBeNull();
  });
});

describe('saveDraft when storage refuses', () => {
  const store = new Map<string, string>();
  afterEach(() => { vi.unstubAllGlobals(); store.clear(); });

  it('returns false (the page shows DRAFT_NOT_SAVED) and removes the older saved draft', () => {
    store.set(DRAFT_KEY, serializeDraft(emptyDraft()));
    vi.stubGlobal('localStorage', {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: () => { throw new DOMException('full', 'QuotaExceededError'); },
      removeItem: (k: string) => { store.delete(k); },
    });
    expect(saveDraft(filled())).toBe(false);
    expect(store.has(DRAFT_KEY)).toBe(false);
    expect(loadDraft()).toEqual({ draft: null, notice: null });
    expect(DRAFT_NOT_SAVED.code).toBe('draft_not_saved');
  });

  it('returns true when the older draft’s room is enough', () => {
    let full = true;
    vi.stubGlobal('localStorage', {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => {
        if (full) throw new DOMException('full', 'QuotaExceededError');
        store.set(k, v);
      },
      removeItem: (k: string) => { store.delete(k); full = false; },
    });
    expect(saveDraft(filled())).toBe(true);
    expect(loadDraft().draft).toEqual(filled());
  });
});

describe('draftFromStorageEvent', () => {
  it('takes the draft another tab saved under the draft key', () => {
    const got = draftFromStorageEvent({ key: DRAFT_KEY, newValue: serializeDraft(filled()) });
    expect(got).toEqual({ draft: filled(), notice: null });
  });

  it('ignores an event for any other key', () => {
    expect(draftFromStorageEvent({ key: 'rovermitra.settings.v1', newValue: serializeDraft(filled()) })).toBeNull();
    expect(draftFromStorageEvent({ key: `${DRAFT_KEY}.old`, newValue: serializeDraft(filled()) })).toBeNull();
  });

  it('gives an empty form when the other tab cleared the draft, and ignores an unreadable value', () => {
    expect(draftFromStorageEvent({ key: DRAFT_KEY, newValue: null })).toEqual({ draft: emptyDraft(), notice: null });
    expect(draftFromStorageEvent({ key: DRAFT_KEY, newValue: '{not json' })).toBeNull();
  });
});
