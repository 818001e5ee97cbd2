// `node --import ./tests/helpers/import-log/register.mjs …`: log what the run imports (see hooks.mjs).
import { register } from 'node:module';

register(new URL('./hooks.mjs', import.meta.url));
