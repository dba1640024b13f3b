// Mutation testing of the policy language (lib/iam) and the rules layer (lib/rules):
// `npx stryker run` (outside the default test run). Stryker mutates the TypeScript sources in a
// sandbox, the build step compiles them into dist/, and mocha runs the compiled specs that
// exercise these two folders, fast table tests first.

// The generated-case suites run with fewer cases per mutant, and stop at the first
// counterexample instead of shrinking it. The test runner processes inherit these.
process.env.KMSGUARD_RUNS ??= '500';
process.env.KMSGUARD_FAST_FAIL ??= '1';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'npm',
  testRunner: 'mocha',
  plugins: ['@stryker-mutator/mocha-runner'],
  mutate: ['lib/iam/**/*.ts', 'lib/rules/**/*.ts', '!lib/**/types.ts'],
  ignorePatterns: ['dist', 'coverage', 'reports', 'bench/out'],
  buildCommand: 'node scripts/mutate-build.mjs',
  // Stryker rewrites the tsconfig named here through the TypeScript compiler API, which
  // TypeScript 7 no longer has; this project's tsconfig needs no rewriting (no extends or
  // references), so point the option at no file.
  tsconfigFile: 'no-tsconfig-rewrite.json',
  mochaOptions: {
    'no-config': true,
    spec: [
      'dist/test/iam-mutation/**/*.test.js',
      'dist/test/iam/**/*.test.js',
      'dist/test/rules/baseline.test.js',
      'dist/test/rules/suppressions.test.js',
      // Not test/rules/fix.test.js: it asserts more than 300 findings among its generated cases,
      // which holds only at the default number of cases, not under KMSGUARD_RUNS=500.
      'dist/test/resolve/**/*.test.js',
      'dist/test/report/json.test.js',
      'dist/test/property/**/*.test.js',
      'dist/test/fuzz/generated-plans.test.js',
    ],
  },
  coverageAnalysis: 'perTest',
  timeoutMS: 20000,
  concurrency: 2,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  thresholds: { high: 90, low: 85, break: null },
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
};
