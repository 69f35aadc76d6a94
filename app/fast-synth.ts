/**
 * Imported first by main.ts. tsx turns on source maps for stack traces, which makes Node parse the inline source
 * map of every module it loads (the provider packages carry large ones) and of every stack cdktf captures while
 * it creates tokens. Synthesis never needs mapped stack traces, and without them it runs about a third faster
 * (`npm run bench`). Error messages are unaffected.
 */
process.setSourceMapsEnabled(false);
