/**
 * What the ranking engines need of a model's tokenizer, read from its `tokenizer.json` (the
 * Hugging Face `tokenizers` format every model of the catalog ships): the token ids that spell a
 * label as the first answer token, and the text of a token id. Byte-level BPE (Qwen, Llama 3) is
 * decoded through GPT-2's byte ↔ unicode table; SentencePiece-style vocabularies (`▁`) through
 * their word-boundary mark. Nothing here tokenises a prompt: the engines do that themselves.
 */

/** GPT-2's byte → unicode map: printable bytes map to themselves, the rest above U+0100. */
export function bytesToUnicode(): string[] {
  const bs: number[] = [];
  for (let b = 33; b <= 126; b++) bs.push(b);
  for (let b = 161; b <= 172; b++) bs.push(b);
  for (let b = 174; b <= 255; b++) bs.push(b);
  const cs = [...bs];
  let n = 0;
  for (let b = 0; b < 256; b++) {
    if (!bs.includes(b)) { bs.push(b); cs.push(256 + n); n++; }
  }
  const out: string[] = new Array(256);
  bs.forEach((b, i) => { out[b] = String.fromCodePoint(cs[i]); });
  return out;
}

interface TokenizerJson {
  added_tokens?: { id: number; content: string }[];
  model?: { type?: string; vocab?: Record<string, number> | [string, number][] };
  decoder?: { type?: string; decoders?: { type?: string }[] };
  pre_tokenizer?: { type?: string; pretokenizers?: { type?: string }[] };
}

export class TokenVocab {
  private readonly byId: string[] = [];
  private readonly byPiece = new Map<string, number>();
  readonly byteLevel: boolean;
  private readonly unicodeToByte = new Map<string, number>();
  private readonly byteToUnicode = bytesToUnicode();
  private readonly decoder = new TextDecoder('utf-8', { fatal: false });

  constructor(json: unknown) {
    const t = json as TokenizerJson;
    const vocab = t?.model?.vocab;
    if (!vocab || typeof vocab !== 'object') throw new Error('tokenizer.json has no vocabulary');
    const entries: [string, number][] = Array.isArray(vocab) ? vocab.map(([piece], i) => [piece, i]) : Object.entries(vocab);
    for (const [piece, id] of entries) {
      if (!Number.isInteger(id) || id < 0) continue;
      this.byId[id] = piece;
      this.byPiece.set(piece, id);
    }
    for (const a of t.added_tokens ?? []) {
      if (!Number.isInteger(a?.id) || typeof a?.content !== 'string') continue;
      this.byId[a.id] = a.content;
      this.byPiece.set(a.content, a.id);
    }
    const kinds = [t.decoder?.type, ...(t.decoder?.decoders ?? []).map((d) => d?.type), t.pre_tokenizer?.type, ...(t.pre_tokenizer?.pretokenizers ?? []).map((p) => p?.type)];
    this.byteLevel = kinds.includes('ByteLevel');
    this.byteToUnicode.forEach((ch, b) => this.unicodeToByte.set(ch, b));
  }

  get size(): number {
    return this.byId.length;
  }

  /** A vocabulary piece for `text`, as the tokenizer would store it (no merge search). */
  private pieceOf(text: string): string {
    if (this.byteLevel) return Array.from(new TextEncoder().encode(text), (b) => this.byteToUnicode[b]).join('');
    return text.replace(/ /g, '▁');
  }

  /**
   * Token ids that spell `label` on their own as an answer's first token: the bare label and,
   * where the vocabulary has it, the label after a space. Labels are single characters here, so
   * each form is one vocabulary piece.
   */
  labelIds(label: string): number[] {
    const ids = [label, ` ${label}`].map((form) => this.byPiece.get(this.pieceOf(form))).filter((id): id is number => id !== undefined);
    return [...new Set(ids)];
  }

  /** The text of one token (special tokens as their content). */
  text(id: number): string {
    const piece = this.byId[id];
    if (piece === undefined) return '';
    if (!this.byteLevel) return piece.replace(/▁/g, ' ');
    const bytes: number[] = [];
    for (const ch of piece) {
      const b = this.unicodeToByte.get(ch);
      if (b === undefined) return piece; // an added token: its content as written
      bytes.push(b);
    }
    return this.decoder.decode(new Uint8Array(bytes));
  }
}
