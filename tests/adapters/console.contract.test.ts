import { adapterContract } from './contract.js';
import { consoleContractHarness } from './console-harness.js';

adapterContract('Console', consoleContractHarness);
