/**
 * An input name as a relative URI reference: what SARIF and Code Quality expect as a path.
 */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * `plans/my plan.json` -> `plans/my%20plan.json`; backslashes become `/`; `C:` cannot pass for a
 * scheme; a lone surrogate (not encodable) becomes U+FFFD.
 */
export function artifactUri(source: string): string {
  return source
    .replace(LONE_SURROGATE, '\ufffd')
    .split(/[\\/]/)
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}
