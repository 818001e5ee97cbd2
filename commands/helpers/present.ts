/** How commands show catalogue items: pure formatting of the catalogue's items as reply items. */
import { type ReplyItem, type ReplyLink, sectionLabel } from '../../src/core/reply.js';
import { type CatalogueItem, venueLabel } from '../../src/core/list.js';

/** The links of an item as reply links (Paper, Code, Project). */
export function itemLinks(item: CatalogueItem): ReplyLink[] {
  const links: ReplyLink[] = [];
  if (item.links.paper) links.push({ label: 'Paper', url: item.links.paper });
  if (item.links.code) links.push({ label: 'Code', url: item.links.code });
  if (item.links.project) links.push({ label: 'Project', url: item.links.project });
  return links;
}

/** One catalogue item as a result line: title, then venue · sections, then its links. */
export function itemToReplyItem(item: CatalogueItem): ReplyItem {
  const meta = [venueLabel(item), item.kind === 'dataset' ? 'dataset' : '', item.sections.map(sectionLabel).join('; ')].filter(Boolean);
  return { title: item.title, url: item.links.paper ?? item.links.project, subtitle: meta.join(' · '), links: itemLinks(item) };
}
