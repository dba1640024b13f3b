/** The package version (kept equal to package.json's by a test; read without touching the disk). */
export const VERSION = '0.1.0';
