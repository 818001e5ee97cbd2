import { type APIActionRowComponent, type APIButtonComponent, ButtonStyle, ComponentType } from 'discord.js';
import type { PageInfo } from '../../core/reply.js';
import { LIMITS } from './limits.js';

/**
 * Page buttons carry the registry's page token in their `custom_id`, so a click needs no state in
 * the adapter: the registry's pager resolves the token (or says the results expired).
 */
const PREFIX = 'vlm:page:';

/** `custom_id` of a button that turns to the page `token` names. */
export function pageButtonId(token: string): string {
  return PREFIX + token;
}

/** The page token in a button's `custom_id`, or undefined when the button is not a page button. */
export function pageTokenFrom(customId: string): string | undefined {
  return customId.startsWith(PREFIX) && customId.length > PREFIX.length ? customId.slice(PREFIX.length) : undefined;
}

/** Whether a `custom_id` belongs to this adapter's buttons at all (stale or current). */
export function isOurButton(customId: string): boolean {
  return customId.startsWith('vlm:');
}

/**
 * The ◀ Prev / Next ▶ row for a paged reply, or none when there is one page. A direction with no
 * page is shown disabled (its id only needs to be unique within the message).
 */
export function pageButtons(page: PageInfo | undefined): APIActionRowComponent<APIButtonComponent>[] {
  if (!page || page.pages <= 1) return [];
  const button = (label: string, token: string | undefined, spare: string): APIButtonComponent => {
    const id = token ? pageButtonId(token) : `vlm:none:${spare}`;
    // A token too long for custom_id would make Discord reject the whole message: drop the button.
    const usable = token !== undefined && id.length <= LIMITS.customId;
    return { type: ComponentType.Button, style: ButtonStyle.Secondary, label, custom_id: usable ? id : `vlm:none:${spare}`, disabled: !usable };
  };
  return [
    {
      type: ComponentType.ActionRow,
      components: [button('◀ Prev', page.prev, 'prev'), button('Next ▶', page.next, 'next')],
    },
  ];
}
