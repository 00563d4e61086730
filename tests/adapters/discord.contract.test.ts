import { adapterContract } from './contract.js';
import { discordContractHarness } from './discord-harness.js';

adapterContract('Discord', discordContractHarness);
