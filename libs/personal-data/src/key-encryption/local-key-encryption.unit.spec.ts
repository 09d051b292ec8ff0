import { randomBytes } from 'node:crypto';
import { LocalKeyEncryption } from './local-key-encryption';

describe('local key encryption (AES-256-GCM under the key-encryption key)', () => {
  const kek = new LocalKeyEncryption('the-key-encryption-key-of-32-characters');
  const key = randomBytes(32);

  it('wraps a data key into bytes that do not hold it, and unwraps it back', async () => {
    const wrapped = await kek.wrap(key, 'key-1');
    expect(wrapped.includes(key)).toBe(false);
    expect(await kek.unwrap(wrapped, 'key-1')).toEqual(key);
    expect((await kek.wrap(key, 'key-1')).equals(wrapped)).toBe(false);
  });

  it('opens nothing under another key-encryption key, for another key id, or once altered', async () => {
    const wrapped = await kek.wrap(key, 'key-1');
    await expect(new LocalKeyEncryption('another-key-encryption-key-of-32-chars').unwrap(wrapped, 'key-1')).rejects.toThrow();
    await expect(kek.unwrap(wrapped, 'key-2')).rejects.toThrow();
    const altered = Buffer.from(wrapped);
    altered[20] = (altered[20] as number) ^ 1;
    await expect(kek.unwrap(altered, 'key-1')).rejects.toThrow();
    // A bare data key whose first byte is not the format's (a random one has it once in 256 draws: then it fails as altered).
    await expect(kek.unwrap(Buffer.alloc(32, 0xa7), 'key-1')).rejects.toThrow(/Not a wrapped data key/);
  });
});
