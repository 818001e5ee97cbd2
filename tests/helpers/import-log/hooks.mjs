// Module resolution hooks (node:module register): appends every URL Node resolves to the file
// named by IMPORT_LOG, so a test can see which packages a run really loaded.
import { appendFileSync } from 'node:fs';

export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  if (process.env.IMPORT_LOG) appendFileSync(process.env.IMPORT_LOG, `${resolved.url}\n`);
  return resolved;
}
