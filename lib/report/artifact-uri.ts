/**
 * An input name as a relative URI reference: what SARIF and Code Quality expect as a path.
 */

/** `plans/my plan.json` -> `plans/my%20plan.json`; backslashes become `/`; `C:` cannot pass for a scheme. */
export function artifactUri(source: string): string {
  return source
    .split(/[\\/]/)
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}
