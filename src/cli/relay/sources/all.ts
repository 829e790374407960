/**
 * Every source kind the relay knows, registered by importing it. A new kind (the cluster
 * sources: Bazel BEP, node_exporter, Redis INFO, NativeLink…) is one more import here.
 */
import './file.js';
import './cmd.js';
import './docker.js';
import './journal.js';
import './cluster/kinds.js';
