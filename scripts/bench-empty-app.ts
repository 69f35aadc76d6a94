import { App, TerraformStack } from 'cdktf';

// Baseline for `npm run bench`: the cheapest cdktf app, run compiled to JavaScript (as `tsc` emits it) and as the
// bundle scripts/run-app.js makes of it.
const app = new App();
new TerraformStack(app, 'empty');
app.synth();
