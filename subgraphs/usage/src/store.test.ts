import path from 'node:path';
import { FileFieldUsageStore } from '@platform/fieldUsage/fileStore';
import { describeStore, openUsageStore } from './store';

describe("the usage subgraph's store", () => {
  it('opens nothing when field usage is off, so that no answer can read as "no use"', () => {
    expect(openUsageStore('off', 30)).toBeNull();
  });

  it('opens the directory the gateway writes, as FIELD_USAGE_STORE names it', async () => {
    const store = openUsageStore('some/dir', 30);
    expect(store).toBeInstanceOf(FileFieldUsageStore);
    expect((store as FileFieldUsageStore).dir).toBe(path.resolve('some/dir'));
    await store!.close();
  });

  it('logs the kind of a URL, never the URL and whatever password it holds', () => {
    expect(describeStore('redis://:secret@redis:6379')).toBe('redis');
    expect(describeStore('mongodb://user:secret@mongo/streaming')).toBe('mongodb');
    expect(describeStore('off')).toBe('off');
    expect(describeStore('/var/usage')).toBe('directory:/var/usage');
  });
});
