import type { APIInteractionGuildMember, GuildMember, User } from 'discord.js';
import type { Caller } from '../../core/caller.js';

/** A member as discord.js hands it over: a cached GuildMember, or the raw API member. */
export type AnyMember = GuildMember | APIInteractionGuildMember | { roles: string[] } | null | undefined;

/** Role ids of a member, whichever shape discord.js gave us. */
export function roleIdsOf(member: AnyMember): string[] {
  if (!member) return [];
  const roles = member.roles as unknown;
  if (Array.isArray(roles)) return roles.map(String);
  // A GuildMember, patched from the interaction or reaction payload (so its roles are current);
  // its role manager resolves them against the guild's roles, which GUILD_CREATE delivers in full.
  const manager = roles as GuildMember['roles'];
  return [...manager.cache.keys()];
}

/** True when the member has any of the maintainer roles (none configured → nobody is). */
export function hasMaintainerRole(member: AnyMember, maintainerRoleIds: readonly string[]): boolean {
  if (!maintainerRoleIds.length) return false;
  const roles = new Set(roleIdsOf(member));
  return maintainerRoleIds.some((id) => roles.has(id));
}

/** The Caller for a Discord user: their id, display name and whether they are a maintainer. */
export function callerFrom(user: User, member: AnyMember, maintainerRoleIds: readonly string[]): Caller {
  const nick = member && 'nick' in member ? member.nick : undefined;
  return {
    platform: 'discord',
    id: user.id,
    name: nick ?? user.globalName ?? user.username,
    isMaintainer: hasMaintainerRole(member, maintainerRoleIds),
  };
}
