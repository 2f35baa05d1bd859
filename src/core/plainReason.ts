/**
 * What a model failure means for a person, from the raw text a library threw (SPEC §11: the UI
 * says what happened; the raw text stays behind a disclosure). Environment-neutral: the page,
 * the worker and the CLI classify the same way.
 */
export type ReasonKind = 'offline' | 'not_found' | 'storage' | 'memory' | 'gpu' | 'model_files' | 'declined' | 'other';

const RULES: readonly [ReasonKind, RegExp][] = [
  ['declined', /chose not to download/i],
  ['storage', /quota|on 'Cache'|cache storage|storage (?:is )?full|NotAllowedError.*storage/i],
  ['memory', /out of memory|\boom\b|allocation fail|Array buffer allocation|memory access out of bounds/i],
  ['offline', /failed to fetch|networkerror|network error|internet ?disconnected|ERR_INTERNET|ERR_NAME_NOT_RESOLVED|ERR_CONNECTION|ENOTFOUND|ECONNREFUSED|load failed|net::ERR|fetch failed|offline/i],
  ['not_found', /\b404\b|not found|could not locate file|no such file/i],
  ['gpu', /webgpu|device (?:was )?lost|\bgpu\b|shader-f16|adapter/i],
  ['model_files', /cannot read propert|undefined|tokenizer|unexpected token|json|onnx|protobuf|invalid model|unsupported model/i],
];

export function reasonKind(raw: string): ReasonKind {
  return RULES.find(([, re]) => re.test(raw))?.[0] ?? 'other';
}

/** The host a person would recognise: `huggingface.co`, or "this site" for a same-origin path. */
export function hostLabel(modelHost: string): string {
  const remote = /^https?:\/\/([^/?#]+)/i.exec(modelHost);
  return remote ? remote[1] : `this site (${modelHost})`;
}

/** One plain clause: why the model did not run, naming the host where that is the point. */
export function plainReason(raw: string, modelHost?: string): string {
  const host = modelHost ? hostLabel(modelHost) : 'the model host';
  switch (reasonKind(raw)) {
    case 'declined': return 'you chose not to download it';
    case 'offline': return `${host} could not be reached (this device may be offline)`;
    case 'not_found': return `its files are not on ${host}`;
    case 'storage': return 'this browser’s storage is full or refused the model files';
    case 'memory': return 'this device ran out of memory for it';
    case 'gpu': return 'the GPU could not run it';
    // transformers.js reads a missing file of a same-origin host as empty and then fails on it
    // ("Cannot read properties of undefined (reading 'tokenizer_class')"): either cause is possible.
    case 'model_files': return `its files are missing on ${host} or are not a model this app can load`;
    default: return 'it stopped with an error';
  }
}
