/**
 * Discord's documented size limits (discord-api-docs: Message, Embed, Component, Application
 * Command resources). A payload over any of them is rejected whole with 400 "Invalid Form Body".
 */
export const LIMITS = {
  content: 2000,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  /** Sum of title, description, field names and values, footer and author text of all embeds. */
  embedTotal: 6000,
  customId: 100,
  buttonLabel: 80,
  buttonsPerRow: 5,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
  commandDescription: 100,
  optionsPerCommand: 25,
  stringOptionLength: 6000,
  threadName: 100,
} as const;
