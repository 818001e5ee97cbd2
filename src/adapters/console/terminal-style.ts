/**
 * The little markdown replies use — `code` for what to type, **bold**, [label](url) links — shown
 * for a terminal: in colour on a terminal (unless NO_COLOR is set), as plain words otherwise
 * (piped output, `curator ask` in a script).
 */

export interface TerminalStyle {
  color: boolean;
}

const SGR = {
  bold: ['\u001b[1m', '\u001b[22m'],
  dim: ['\u001b[2m', '\u001b[22m'],
  underline: ['\u001b[4m', '\u001b[24m'],
  cyan: ['\u001b[36m', '\u001b[39m'],
} as const;

/** Colour when writing to a terminal and the user has not asked for none (https://no-color.org). */
export function styleFor(stream: NodeJS.WritableStream, env: NodeJS.ProcessEnv = process.env): TerminalStyle {
  return { color: (stream as NodeJS.WriteStream).isTTY === true && !env.NO_COLOR };
}

export function paint(text: string, style: keyof typeof SGR, on: TerminalStyle): string {
  return on.color && text ? SGR[style][0] + text + SGR[style][1] : text;
}

// One pass over the three forms, so the URL inside a link is never read as code or bold.
const INLINE = /`([^`\n]+)`|\*\*([^*\n]+)\*\*|\[([^\]\n]+)\]\((https?:\/\/[^\s)]+)\)/g;

/** Renders inline markdown of one piece of reply text for the terminal. */
export function inlineMarkdown(text: string, on: TerminalStyle): string {
  return text.replace(INLINE, (_m, code?: string, bold?: string, label?: string, url?: string) => {
    if (code !== undefined) return paint(code, 'cyan', on);
    if (bold !== undefined) return paint(bold, 'bold', on);
    return `${paint(label!, 'underline', on)} ${paint(`<${url!}>`, 'dim', on)}`;
  });
}
