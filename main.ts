import './lib/topology/fast-synth';
import { App } from 'cdktf';
import { loadTopologyConfig } from './lib/topology/config';
import { buildReferenceTopology } from './lib/topology/reference-topology';
import { reportWarnings } from './lib/topology/report-warnings';

// The reference topology of seeds 000 and 002; configuration is described in README.md ("Configuration").
const app = new App();
buildReferenceTopology(app, loadTopologyConfig());
app.synth();
reportWarnings(app);
