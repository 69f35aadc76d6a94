// Preloaded into a benchmarked process: records its peak resident memory and CPU time when it exits.
const fs = require('fs');

process.on('exit', () => {
  const out = process.env.BENCH_PROBE_OUT;
  if (!out) return;
  const usage = process.resourceUsage();
  fs.writeFileSync(out, JSON.stringify({ maxRssKb: usage.maxRSS, cpuUs: usage.userCPUTime + usage.systemCPUTime }));
});
