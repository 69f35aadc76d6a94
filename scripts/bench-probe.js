// Preloaded into a benchmarked process: records its peak resident memory when it exits.
const fs = require('fs');

process.on('exit', () => {
  const out = process.env.BENCH_PROBE_OUT;
  if (out) fs.writeFileSync(out, JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS }));
});
