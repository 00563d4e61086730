import { adapterContract } from './contract.js';
import { slackContractHarness } from './slack-harness.js';

adapterContract('Slack', slackContractHarness);
