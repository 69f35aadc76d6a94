import { App, TerraformStack } from 'cdktf';

// Baseline for `npm run bench`: the cheapest cdktf app, synthesized the same way as main.ts.
const app = new App();
new TerraformStack(app, 'empty');
app.synth();
