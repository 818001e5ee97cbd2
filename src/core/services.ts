import { UserError } from './errors.js';

/**
 * Optional capabilities beyond the catalogue, wired by main.ts when configured.
 * Each later feature (arXiv watch, triage) adds its field here; commands check for presence
 * and answer "not enabled" (a UserError) when absent.
 */
export interface Services {
  [name: string]: unknown;
}

/** One capability's typed place in {@link Services}: main.ts `set`s it, commands `get` it. */
export interface ServiceSlot<T> {
  set(services: Services, service: T): void;
  /** The service; throws the slot's UserError when the bot runs without it. */
  get(services: Services): T;
}

/**
 * A slot under `name` holding an instance of `type`. `off` is the UserError a command's user sees
 * when the capability is not running (say where it does run).
 */
export function serviceSlot<T>(name: string, type: abstract new (...args: never[]) => T, off: { code: string; message: string }): ServiceSlot<T> {
  return {
    set(services, service) {
      services[name] = service;
    },
    get(services) {
      const service = services[name];
      if (!(service instanceof type)) throw new UserError(off.code, off.message);
      return service;
    },
  };
}
