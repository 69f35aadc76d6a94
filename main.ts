import './app/fast-synth';
import { App } from 'cdktf';
import { loadTopologyConfig } from './app/config';
import { buildReferenceTopology } from './app/reference-topology';
import { reportWarnings } from './app/report-warnings';

// The reference topology of seeds 000 and 002, built from the library's public API; configuration is described in
// README.md ("Configuration").
const app = new App();
buildReferenceTopology(app, loadTopologyConfig());
app.synth();
reportWarnings(app);
