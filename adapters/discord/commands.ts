import { ApplicationCommandOptionType, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';

export const COMMAND_NAME = 'rustgo';
export const TEXT_OPTION = 'text';

/** `/rustgo text:…`, usable in guilds and in DMs with the bot. */
export const RUSTGO_COMMAND: RESTPostAPIChatInputApplicationCommandsJSONBody = {
  name: COMMAND_NAME,
  description: 'Rust or Go? Ask a question, run the team checklist, or start a poll.',
  options: [
    {
      type: ApplicationCommandOptionType.String,
      name: TEXT_OPTION,
      description: 'What to do: help, checklist, poll "Question?" Rust | Go, or a question',
      required: false,
      max_length: 1000,
    },
  ],
  // 0 = guilds, 1 = DMs with the bot.
  contexts: [0, 1],
};
