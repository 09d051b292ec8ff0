import { addressLiteralOf, isPublicAddress } from './receiver-address';

describe('receiver addresses: what a webhook may reach unless private receivers are allowed', () => {
  it.each(['8.8.8.8', '1.1.1.1', '9.255.255.255', '11.0.0.0', '172.15.255.255', '172.32.0.0', '100.63.255.255', '2001:4860:4860::8888', '2606:4700::1111'])(
    'lets %s be reached: it is public',
    (address) => {
      expect(isPublicAddress(address)).toBe(true);
    },
  );

  it.each([
    ['10.0.0.0', 'the first of 10/8'],
    ['10.255.255.255', 'the last of 10/8'],
    ['127.0.0.1', 'loopback'],
    ['169.254.169.254', 'cloud metadata (link-local)'],
    ['172.16.0.0', 'the first of 172.16/12'],
    ['172.31.255.255', 'the last of 172.16/12'],
    ['192.168.1.10', 'private'],
    ['100.64.0.0', 'carrier-grade NAT'],
    ['0.0.0.0', '"this network"'],
    ['255.255.255.255', 'broadcast'],
    ['224.0.0.1', 'multicast'],
    ['::1', 'IPv6 loopback'],
    ['::', 'unspecified'],
    ['fe80::1', 'IPv6 link-local'],
    ['fd12:3456::1', 'IPv6 unique local'],
    ['::ffff:127.0.0.1', 'IPv4-mapped loopback'],
    ['::ffff:8.8.8.8', 'IPv4-mapped, even of a public address'],
  ])('refuses %s (%s)', (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it('is not fooled by a name: only addresses are public or not', () => {
    expect(isPublicAddress('example.com')).toBe(false);
  });

  it('reads the address in a URL, brackets of IPv6 taken off, and nothing from a name', () => {
    expect(addressLiteralOf(new URL('http://[::1]:8080/x'))).toBe('::1');
    expect(addressLiteralOf(new URL('http://127.0.0.1/x'))).toBe('127.0.0.1');
    // The URL parser reads these forms as IPv4 addresses too: a decimal or hexadecimal host is no way around.
    expect(addressLiteralOf(new URL('http://2130706433/x'))).toBe('127.0.0.1');
    expect(addressLiteralOf(new URL('http://0x7f.1/x'))).toBe('127.0.0.1');
    expect(addressLiteralOf(new URL('https://hooks.example.com/x'))).toBeNull();
  });
});
