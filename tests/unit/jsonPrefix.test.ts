import { describe, expect, it } from 'vitest';
import { JsonPrefixScanner, scanJsonPrefix } from '../../src/core/rank/jsonPrefix';
import { TokenVocab, bytesToUnicode } from '../../src/core/rank/tokenVocab';

describe('JSON prefix scanner', () => {
  it('reads complete entries of a flat object, skipping text before it', () => {
    const s = scanJsonPrefix('Sure! ```json\n{"A": "one", "B": "t\\"wo\\u00e9"}\n```');
    expect(s.complete).toBe(true);
    expect([...s.entries]).toEqual([['A', 'one'], ['B', 't"woé']]);
  });

  it('every prefix of a valid object is a valid prefix; only closed strings count', () => {
    const text = '{\n  "A": "For you, a",\n  "B": "For you, b",\n  "n": 12, "x": [1, {"y": "z"}], "t": true\n}';
    for (let i = 1; i < text.length; i++) {
      const s = scanJsonPrefix(text.slice(0, i));
      expect(s.validPrefix, text.slice(0, i)).toBe(true);
      expect(s.complete).toBe(false);
    }
    const whole = scanJsonPrefix(text);
    expect(whole.complete).toBe(true);
    expect([...whole.entries.keys()]).toEqual(['A', 'B']);
  });

  it('tracks the length of the value string being written (escapes decoded)', () => {
    const s = new JsonPrefixScanner();
    s.push('{"A": "ab');
    expect(s.openValueLength).toBe(2);
    s.push('\\n\\');
    expect(s.openValueLength).toBe(4);
    s.push('"c');
    expect(s.openValueLength).toBe(5);
    s.push('", "B');
    expect(s.openValueLength).toBeNull();
  });

  it('refuses what is not JSON', () => {
    for (const bad of ['{"A" "x"}', '{"A": x}', '{"A": "a\u0001"}', '{,}', '{"A": 01}', '{"A": "a"]']) {
      expect(scanJsonPrefix(bad).validPrefix, bad).toBe(false);
    }
    expect(scanJsonPrefix('no braces at all').validPrefix).toBe(false);
  });
});

describe('token vocabulary', () => {
  const map = bytesToUnicode();
  const piece = (s: string) => Array.from(new TextEncoder().encode(s), (b) => map[b]).join('');
  const byteLevel = new TokenVocab({
    model: { type: 'BPE', vocab: { A: 0, [piece(' A')]: 1, B: 2, [piece('é')]: 3, [piece('"')]: 4 } },
    added_tokens: [{ id: 5, content: '<|im_end|>' }],
    decoder: { type: 'ByteLevel' },
  });

  it('finds a label’s bare and spaced forms, and decodes byte-level pieces', () => {
    expect(byteLevel.labelIds('A')).toEqual([0, 1]);
    expect(byteLevel.labelIds('B')).toEqual([2]);
    expect(byteLevel.labelIds('C')).toEqual([]);
    expect(byteLevel.text(1)).toBe(' A');
    expect(byteLevel.text(3)).toBe('é');
    expect(byteLevel.text(5)).toBe('<|im_end|>');
  });

  it('reads SentencePiece-style vocabularies too', () => {
    const sp = new TokenVocab({ model: { type: 'Unigram', vocab: [['A', 0], ['▁A', 0], ['B', 0]] } });
    expect(sp.labelIds('A')).toEqual([0, 1]);
    expect(sp.text(1)).toBe(' A');
  });

  it('a file without a vocabulary is refused', () => {
    expect(() => new TokenVocab({})).toThrow(/no vocabulary/);
  });
});
