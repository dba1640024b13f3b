/**
 * Input: bytes from files or standard input -> JSON documents accepted as Terraform plans or
 * states, with one clear sentence for every input that cannot be used.
 */
export { readInput, readBytes } from './read-input.js';
export type { InputSpec, InputResult } from './read-input.js';
export { readStdin } from './read-bytes.js';
export { documentKind, classifyDocument } from './classify-document.js';
export type { DocumentKind, Classification } from './classify-document.js';
