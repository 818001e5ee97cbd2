import type { ReplyItem, ReplyLink } from '../core/reply.js';
import { type CatalogueItem, venueLabel } from './catalogue-item.js';

/** `Pre-training with Contrastive Objective` — the last heading of a path (the most specific). */
export function sectionLabel(path: readonly string[]): string {
  return path[path.length - 1] ?? '(top)';
}

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
