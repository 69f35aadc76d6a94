import './app/fast-synth';
import { App } from 'cdktf';
import { loadTopologyConfig, loadVmTopologyConfig } from './app/config';
import { buildReferenceTopology } from './app/reference-topology';
import { reportWarnings } from './app/report-warnings';
import { buildVmTopology } from './app/vm-topology';

// The reference topology of the seeds, built from the library's public API: the GKE mesh of seeds 000 (lb-api) and
// 002 (routing-api), and the VMs with managed workload identity of seed 003. Configuration: README.md ("Configuration").
const app = new App();
buildReferenceTopology(app, loadTopologyConfig());
const vmConfig = loadVmTopologyConfig();
if (vmConfig) buildVmTopology(app, vmConfig);
app.synth();
reportWarnings(app);
