/**
 * The globals src/core may use: the ones every place it runs has — a browser page, a Web Worker
 * and Node ≥ 20 (the CLI, the tests). `npm run check` type-checks src/core against this file and
 * the ECMAScript library only (tsconfig.core.json): no DOM (`document`, `window`, `localStorage`),
 * no worker scope (`self`, `postMessage`), no Node (`process`, `Buffer`, `fs`). A core module that
 * reaches for one of those fails the check; one that needs a new neutral global adds it here.
 * Only the members the core uses are declared.
 */

interface Performance {
  now(): number;
}
declare var performance: Performance;

interface AbortSignal {
  readonly aborted: boolean;
  readonly reason: unknown;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}
declare var AbortSignal: { prototype: AbortSignal };
interface AbortController {
  readonly signal: AbortSignal;
  abort(reason?: unknown): void;
}
declare var AbortController: { prototype: AbortController; new (): AbortController };

interface TextDecoder {
  decode(input?: ArrayBufferView | ArrayBuffer): string;
}
declare var TextDecoder: { prototype: TextDecoder; new (label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean }): TextDecoder };
interface TextEncoder {
  encode(input?: string): Uint8Array<ArrayBuffer>;
}
declare var TextEncoder: { prototype: TextEncoder; new (): TextEncoder };

interface URLSearchParams {
  get(name: string): string | null;
}
declare var URLSearchParams: { prototype: URLSearchParams; new (init?: string): URLSearchParams };
interface URL {
  readonly href: string;
  readonly origin: string;
  readonly protocol: string;
  pathname: string;
  search: string;
  hash: string;
  readonly username: string;
  readonly password: string;
  readonly searchParams: URLSearchParams;
}
declare var URL: { prototype: URL; new (url: string, base?: string): URL };

interface Headers {
  get(name: string): string | null;
}
interface ReadableStreamDefaultReader<T> {
  read(): Promise<{ done: true; value?: undefined } | { done: false; value: T }>;
  cancel(reason?: unknown): Promise<void>;
}
interface ReadableStream<T> {
  getReader(): ReadableStreamDefaultReader<T>;
  cancel(reason?: unknown): Promise<void>;
}
interface ResponseInit {
  status?: number;
  headers?: Record<string, string>;
}
interface Response {
  readonly ok: boolean;
  readonly status: number;
  readonly headers: Headers;
  readonly body: ReadableStream<Uint8Array<ArrayBuffer>> | null;
  json(): Promise<unknown>;
  text(): Promise<string>;
  arrayBuffer(): Promise<ArrayBuffer>;
}
declare var Response: { prototype: Response; new (body?: string | Uint8Array<ArrayBuffer> | ArrayBuffer | null, init?: ResponseInit): Response };
interface RequestInit {
  cache?: 'default' | 'no-cache' | 'no-store' | 'reload' | 'force-cache' | 'only-if-cached';
  signal?: AbortSignal;
}
declare function fetch(input: string, init?: RequestInit): Promise<Response>;

/** Cache Storage: in browsers (pages and workers); absent in Node, where the core does without it. */
interface Cache {
  match(request: string): Promise<Response | undefined>;
  put(request: string, response: Response): Promise<void>;
  delete(request: string): Promise<boolean>;
  keys(): Promise<readonly { readonly url: string }[]>;
}
interface CacheStorage {
  keys(): Promise<string[]>;
  open(cacheName: string): Promise<Cache>;
  delete(cacheName: string): Promise<boolean>;
}

interface SubtleCrypto {
  digest(algorithm: 'SHA-256', data: Uint8Array<ArrayBuffer>): Promise<ArrayBuffer>;
}
interface Crypto {
  getRandomValues<T extends Uint8Array>(array: T): T;
  /** Absent on pages served over plain HTTP from another host. */
  readonly subtle?: SubtleCrypto;
}
declare var crypto: Crypto;

declare namespace WebAssembly {
  interface Module {}
  var Module: { prototype: Module; new (bytes: Uint8Array<ArrayBuffer>): Module };
  interface Memory {
    readonly buffer: ArrayBuffer;
    grow(delta: number): number;
  }
  var Memory: { prototype: Memory; new (descriptor: { initial: number; maximum?: number }): Memory };
  interface Instance {
    readonly exports: Record<string, unknown>;
  }
  var Instance: { prototype: Instance; new (module: Module, imports?: Record<string, Record<string, unknown>>): Instance };
  function validate(bytes: Uint8Array<ArrayBuffer>): boolean;
}
