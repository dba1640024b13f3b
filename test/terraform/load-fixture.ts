import { readFileSync } from 'node:fs';
import { fixture } from '../support/paths.js';

/** A JSON fixture under test/fixtures/, parsed. */
export function loadFixture(...parts: string[]): Record<string, any> {
  return JSON.parse(readFileSync(fixture(...parts), 'utf8')) as Record<string, any>;
}
