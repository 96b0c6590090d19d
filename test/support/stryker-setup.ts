/**
 * Setup for mutation runs only (vitest.stryker.config.ts): 50 cases per
 * property keep a run per mutant short. An explicit PROPERTY_RUNS still wins.
 */
process.env.PROPERTY_RUNS ??= '50';
