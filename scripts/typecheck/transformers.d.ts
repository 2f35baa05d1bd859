/**
 * `@huggingface/transformers` as the environment check of src/core sees it (tsconfig.core.json):
 * its real declarations pull in Node's globals (through `sharp`), which would hide a core module
 * reaching for `process` or `Buffer`. The calls themselves are checked against the real
 * declarations by tsconfig.app.json and tsconfig.node.json.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
export declare const pipeline: any;
export declare const AutoTokenizer: any;
export declare const AutoModelForCausalLM: any;
export declare const StoppingCriteria: any;
export declare const StoppingCriteriaList: any;
export declare const BaseStreamer: any;
export declare const Tensor: any;
export declare const env: any;
