import { describe, expect, it } from 'vitest';
import type { NewsPublisher } from '../../src/core/publisher.js';
import { DisplayNames } from '../../src/triage/display-names.js';

function publisher(platform: 'discord' | 'slack', names: Record<string, string>, asked: string[]): NewsPublisher {
  return {
    platform,
    enabled: true,
    post: () => Promise.reject(new Error('unused')),
    postInThread: () => Promise.reject(new Error('unused')),
    edit: () => Promise.resolve(),
    reactions: () => Promise.resolve([]),
    onReaction: () => () => undefined,
    isMaintainer: () => Promise.resolve(true),
    displayName: (id) => {
      asked.push(`${platform}:${id}`);
      return Promise.resolve(names[id]);
    },
  };
}

describe('deciders by name', () => {
  it('asks each platform once per person, shows operators plainly, and ids it cannot name as they are', async () => {
    const asked: string[] = [];
    const names = new DisplayNames(() => [publisher('discord', { '1577752622377598979': 'Mia' }, asked), publisher('slack', { UMAINT001: 'Ada' }, asked)]);
    expect(await names.of(['discord:1577752622377598979', 'slack:UMAINT001', 'console:console', 'cli:console', 'slack:UGONE0001'])).toEqual(['Mia', 'Ada', 'the console operator', 'the operator (curator ask)', 'slack:UGONE0001']);
    expect(await names.of(['discord:1577752622377598979', 'slack:UMAINT001'])).toEqual(['Mia', 'Ada']);
    expect(asked).toEqual(['discord:1577752622377598979', 'slack:UMAINT001', 'slack:UGONE0001']);
  });

  it('shows the id when the platform is not running here', async () => {
    expect(await new DisplayNames(() => []).of(['discord:42'])).toEqual(['discord:42']);
  });
});
