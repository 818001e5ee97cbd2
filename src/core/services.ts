/**
 * Optional capabilities beyond the catalogue, wired by main.ts when configured.
 * Each later feature (arXiv watch, triage) adds its field here; commands check for presence
 * and answer "not enabled" (a UserError) when absent.
 */
export interface Services {
  [name: string]: unknown;
}
