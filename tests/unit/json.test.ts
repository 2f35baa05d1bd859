import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH, decodeJsonBytes, parseJsonBytes, parseJsonStrict } from '../../src/core/util/json';

const bytes = (s: string, enc: BufferEncoding = 'utf8') => new Uint8Array(Buffer.from(s, enc));

/** The one problem a text that is not JSON gets. */
function textProblem(r: ReturnType<typeof parseJsonStrict>) {
  expect(r.ok).toBe(false);
  if (r.ok) throw new Error('parsed');
  expect(r.problems).toHaveLength(1);
  expect(r.problems[0].path).toBe('');
  return r.problems[0];
}

describe('parseJsonStrict (SPEC §11)', () => {
  it('parses what JSON.parse parses, to the same value', () => {
    const texts = ['{}', '[]', '0', '-0.5e+3', '"x"', 'true', 'null', ' {"a": [1, {"b": null}, "c\\u00e9\\n\\"\\\\\\/"], "d": {}} ', '[[[]]]', '{"toString": 1, "hasOwnProperty": 2}'];
    for (const t of texts) expect(parseJsonStrict(t)).toEqual({ ok: true, value: JSON.parse(t) });
  });

  it('gives text that is not JSON exactly one problem at path "" with line and column', () => {
    const cases: [string, number, number][] = [
      ['', 1, 1], ['   ', 1, 4], ['{', 1, 2], ['{"name": "Ana",\n  "age": 3', 2, 11], ['NaN', 1, 1], ['{"a":1}}', 1, 8],
      ['\u0000', 1, 1], ['[1,]', 1, 4], ['{"a":1,}', 1, 8], ["{'a':1}", 1, 2], ['01', 1, 2], ['"abc', 1, 1],
      ['"a\tb"', 1, 3], ['{"a" 1}', 1, 6], ['// c\n{}', 1, 1], ['{"a":\r\n  tru}', 2, 3], ['\uFEFF\uFEFF{}', 1, 1],
    ];
    for (const [text, line, column] of cases) {
      const p = textProblem(parseJsonStrict(text));
      expect(p.code).toBe('invalid_json');
      expect(p.message).toContain(`line ${line}, column ${column}`);
    }
  });

  it('never echoes input values in messages', () => {
    const secret = 'ana@example.com';
    for (const text of [`{"x": "${secret}" "y"}`, `{"${secret}": 1, "${secret}": 2}`, `[${'['.repeat(40)}"${secret}"${']'.repeat(40)}]`, `{"a": "${secret}", "a": "${secret}"}`, `"${secret}`]) {
      const r = parseJsonStrict(text);
      expect(r.ok).toBe(false);
      expect(JSON.stringify(r)).not.toContain('example');
    }
  });

  it('accepts a UTF-8 byte order mark by skipping it (text and bytes)', () => {
    expect(parseJsonStrict('\uFEFF{"a":1}')).toEqual({ ok: true, value: { a: 1 } });
    expect(parseJsonBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...bytes('{"a":1}')]))).toEqual({ ok: true, value: { a: 1 } });
    // One, not two.
    expect(textProblem(parseJsonBytes(new Uint8Array([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf, ...bytes('{}')]))).code).toBe('invalid_json');
  });

  it('reports UTF-16 (with or without a byte order mark) and invalid UTF-8 as not UTF-8', () => {
    const utf16 = [
      new Uint8Array([0xff, 0xfe, ...bytes('{"a":1}', 'utf16le')]),
      new Uint8Array([0xfe, 0xff, ...bytes('{"a":1}', 'utf16le').map((_, i, a) => a[i ^ 1])]),
      bytes('{"a":1}', 'utf16le'),
      bytes('{"a":1}', 'utf16le').map((_, i, a) => a[i ^ 1]),
    ];
    for (const b of utf16) {
      const p = textProblem(parseJsonBytes(b));
      expect(p.code).toBe('not_utf8');
      expect(p.message).toMatch(/^not UTF-8 at line 1, column 1: .*UTF-16/);
    }
    // The same texts already decoded by someone else.
    expect(textProblem(parseJsonStrict('{\u0000"\u0000a\u0000"\u0000')).code).toBe('not_utf8');
    expect(textProblem(parseJsonStrict('\uFFFD\uFFFD{\u0000}\u0000')).code).toBe('not_utf8');
    const bad = textProblem(parseJsonBytes(new Uint8Array([...bytes('{"a":\n "x'), 0xc3, 0x28, ...bytes('"}')])));
    expect(bad.code).toBe('not_utf8');
    expect(bad.message).toContain('line 2, column 4');
    expect(decodeJsonBytes(bytes('{"é": "中"}'))).toEqual({ ok: true, text: '{"é": "中"}' });
  });

  it('refuses duplicate keys in any object, naming the path', () => {
    const r = parseJsonStrict('{"a": {"b": 1, "b": 2}, "list": [{"c": 1}, {"c": 1, "c": 1}], "a": 3}');
    expect(r).toEqual({
      ok: false,
      problems: [
        { path: 'a.b', code: 'duplicate_key', message: 'a.b: duplicate key (the object already has a member with this name)' },
        { path: 'list.1.c', code: 'duplicate_key', message: 'list.1.c: duplicate key (the object already has a member with this name)' },
        { path: 'a', code: 'duplicate_key', message: 'a: duplicate key (the object already has a member with this name)' },
      ],
    });
  });

  it('shows a key that is not plain ASCII by its position, never as written', () => {
    const r = parseJsonStrict('{"a": {"x": 0, "bob@example.com": 1, "bob@example.com": 2}}');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.map((p) => p.path)).toEqual(['a.<key 3>']);
  });

  it('refuses prototype keys anywhere and never changes a prototype', () => {
    const r = parseJsonStrict('{"a": [{"__proto__": {"polluted": 1}}], "constructor": {"prototype": {"polluted": 1}}}');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.map((p) => [p.path, p.code])).toEqual([['a.0.__proto__', 'forbidden_key'], ['constructor', 'forbidden_key']]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(Object.prototype)).toEqual([]);
  });

  it(`refuses nesting deeper than ${MAX_JSON_DEPTH} levels, also 100 000 deep, without a stack overflow`, () => {
    const nest = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
    expect(parseJsonStrict(nest(MAX_JSON_DEPTH + 1)).ok).toBe(true);
    const r = parseJsonStrict(nest(MAX_JSON_DEPTH + 2));
    expect(r).toEqual({ ok: false, problems: [{ path: Array(MAX_JSON_DEPTH + 1).fill('0').join('.'), code: 'too_deep', message: `${Array(MAX_JSON_DEPTH + 1).fill('0').join('.')}: nested deeper than ${MAX_JSON_DEPTH} levels` }] });
    const deep = parseJsonStrict(`${'{"a":['.repeat(100_000)}{"__proto__":1}${']}'.repeat(100_000)}`);
    expect(deep.ok).toBe(false);
    if (!deep.ok) expect(deep.problems.map((p) => p.code)).toEqual(['too_deep']);
    // Deep and broken: still one problem at path "" (syntax is checked below the limit too).
    expect(textProblem(parseJsonStrict('['.repeat(100_000))).code).toBe('invalid_json');
  });
});
