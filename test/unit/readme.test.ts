// The README's memory-transport example runs as written.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readmeBlocks, runExample } from '../readme-examples.js';

describe('README examples', () => {
  it('the custom-transport example (MemoryBackend) runs and reaches the welcome view', async () => {
    const [example] = readmeBlocks('createMemoryTransport({ backend');
    assert.ok(example, 'the example is in the README');
    (globalThis as { readmeView?: string }).readmeView = undefined;
    await runExample(`${example}\n(globalThis as any).readmeView = client.$view.get(); client.destroy();`);
    assert.equal((globalThis as { readmeView?: string }).readmeView, 'welcome');
  });
});
