/**
 * An input (file, bytes or an already parsed value) -> its documents, each accepted as a plan
 * or state, plus warnings and errors that name the input. Never throws for bad input.
 */
import type { InputDocument, InputError, InputWarning } from '../types.js';
import { acceptDocument } from './accept-document.js';
import { decodeText } from './decode-text.js';
import { readLargeInput } from './large-input.js';
import { asBuffer, readFileBytes } from './read-bytes.js';
import { scanFile } from './scanner/scan-file.js';
import { scanInput, type ScanInputOptions } from './scanner/scan-input.js';
import { splitDocuments, type ParsedStream } from './split-documents.js';

export type InputSpec =
  | { readonly source: string; readonly path: string }
  | { readonly source: string; readonly data: Buffer | Uint8Array }
  | { readonly source: string; readonly value: unknown };

export interface InputResult {
  readonly documents: InputDocument[];
  readonly warnings: InputWarning[];
  readonly errors: InputError[];
}

function failed(source: string, message: string): InputResult {
  return { documents: [], warnings: [], errors: [{ source, message }] };
}

/** Judges each document of a stream; positions are given only when the stream holds several. */
function acceptStream(source: string, stream: ParsedStream): InputResult {
  const result: InputResult = { documents: [], warnings: [], errors: [] };
  const several = stream.values.length + (stream.error === undefined ? 0 : 1) > 1;
  const at = (position: number) => (several ? { position } : {});
  for (const [index, value] of stream.values.entries()) {
    const acceptance = acceptDocument(value);
    if (acceptance.ok) {
      result.documents.push({ source, ...at(index + 1), value });
    } else if (acceptance.reason === 'ui-log') {
      // Every line of that log is a JSON object: one sentence for the whole stream.
      return failed(source, acceptance.message);
    } else {
      result.errors.push({ source, ...at(index + 1), message: acceptance.message });
    }
  }
  if (stream.error !== undefined) result.errors.push({ source, ...at(stream.error.documentIndex), message: stream.error.message });
  if (stream.warning !== undefined) result.warnings.push({ source, message: stream.warning });
  return result;
}

/**
 * Terraform's `resource_changes[*].change`, which every reader looks at member by member: the
 * byte scanner builds it with its resource change instead of lazily.
 */
const TERRAFORM_BUILT_WITH_ELEMENT: ReadonlySet<string> = new Set(['change']);

function terraformReading(reading: ScanInputOptions): ScanInputOptions {
  return { ...reading, builtWithElement: TERRAFORM_BUILT_WITH_ELEMENT };
}

/** Reads the documents in `bytes`, as read from `source`. */
export function readBytes(source: string, bytes: Buffer, reading: ScanInputOptions = {}): InputResult {
  // Large plans are read from the bytes, without decoding them into one string first.
  const scanned = scanInput(source, bytes, terraformReading(reading));
  if (scanned !== undefined) return acceptStream(source, scanned);
  const decoded = decodeText(bytes);
  switch (decoded.kind) {
    case 'error':
      return failed(source, decoded.message);
    case 'too-large':
      return acceptStream(source, readLargeInput(source, decoded.bytes, decoded.encoding, terraformReading(reading)));
    case 'text':
      return acceptStream(source, splitDocuments(decoded.text));
  }
}

export async function readInput(spec: InputSpec, reading: ScanInputOptions = {}): Promise<InputResult> {
  if ('value' in spec) return acceptStream(spec.source, { values: [spec.value] });
  if ('data' in spec) return readBytes(spec.source, asBuffer(spec.data), reading);
  // A very large file is scanned from the file itself rather than read whole into memory.
  const scanned = scanFile(spec.source, spec.path, terraformReading(reading));
  if (scanned !== undefined) return acceptStream(spec.source, scanned);
  const file = await readFileBytes(spec.path);
  if ('error' in file) return failed(spec.source, file.error);
  return readBytes(spec.source, file.bytes, reading);
}
