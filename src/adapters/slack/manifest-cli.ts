/**
 * `npm run slack:manifest [-- --yaml] [-- --url https://bot.example.org/slack/events] [-- --name NAME]`
 *
 * Prints the Slack app manifest generated from the commands in `commands/`. Without `--url` the
 * app uses Socket Mode (no public URL needed); with it, Slack calls that URL over HTTPS.
 */
import { parseArgs } from 'node:util';
import { Registry } from '../../core/registry.js';
import { buildManifest } from './manifest.js';
import { type Json, toYaml } from './to-yaml.js';

async function main(argv: string[]): Promise<string> {
  const { values } = parseArgs({
    args: argv,
    options: {
      yaml: { type: 'boolean', default: false },
      url: { type: 'string' },
      name: { type: 'string' },
      command: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    return 'usage: npm run slack:manifest -- [--yaml] [--url https://host/slack/events] [--name vlm-curator] [--command /vlm]\n';
  }
  const manifest = buildManifest(await Registry.load(), { requestUrl: values.url, name: values.name, command: values.command });
  return values.yaml ? toYaml(manifest as unknown as Json) : JSON.stringify(manifest, null, 2) + '\n';
}

main(process.argv.slice(2)).then(
  (out) => process.stdout.write(out),
  (err: Error) => {
    process.stderr.write(`${err.message}\n`);
    process.exitCode = 1;
  },
);
