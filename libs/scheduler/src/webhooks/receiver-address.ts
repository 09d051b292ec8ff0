import { lookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { BlockList, isIP } from 'node:net';

/**
 * Addresses a webhook must not reach unless WEBHOOK_ALLOW_PRIVATE_RECEIVERS: a subscriber names the URL,
 * so without this a token that may subscribe could make the service POST into its own network — this
 * machine, the database, a cloud's metadata service at 169.254.169.254 (server-side request forgery).
 * The ranges are the special-purpose ones of RFC 6890 and its updates that are not globally reachable.
 */
const notPublic = new BlockList();
const ipv4: [string, number][] = [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8], // private (RFC 1918)
  ['100.64.0.0', 10], // carrier-grade NAT (RFC 6598)
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, cloud metadata
  ['172.16.0.0', 12], // private (RFC 1918)
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.168.0.0', 16], // private (RFC 1918)
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, and broadcast
];
const ipv6: [string, number][] = [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['64:ff9b:1::', 48], // local-use IPv4/IPv6 translation
  ['100::', 64], // discard-only
  ['2001::', 23], // IETF protocol assignments
  ['2001:db8::', 32], // documentation
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
];
for (const [network, prefix] of ipv4) notPublic.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of ipv6) notPublic.addSubnet(network, prefix, 'ipv6');

/** Whether `address` (an IP address, not a name) is reachable on the internet. */
export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return !notPublic.check(address, 'ipv4');
  // An IPv4-mapped address (::ffff:0:0/96) is an IPv4 address in disguise: none is taken. (A rule for
  // that range in the block list would match every IPv4 address as well.)
  return family === 6 && !new URL(`http://[${address}]`).hostname.startsWith('[::ffff:') && !notPublic.check(address, 'ipv6');
}

/** The URL's host when it is an IP address (brackets of an IPv6 one taken off), else null: a name. */
export function addressLiteralOf(url: URL): string | null {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return isIP(host) ? host : null;
}

/**
 * A DNS lookup for the socket that refuses a name resolving to any address not public. It is the
 * address connected to that is checked, not a lookup made beforehand, so a name that resolves to a
 * public address once and to a private one the next time (DNS rebinding) is refused all the same.
 */
export function publicOnlyLookup(
  hostname: string,
  options: LookupOptions,
  callback: (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
): void {
  lookup(hostname, { ...options, all: true }, (error, addresses) => {
    // On an error, Node gives no addresses at all.
    const first = error ? undefined : addresses[0];
    if (error) {
      callback(error, []);
    } else if (!first || addresses.some(({ address }) => !isPublicAddress(address))) {
      callback(Object.assign(new Error(`${hostname} resolves to an address that is not public`), { code: 'ENOTPUBLIC' }), []);
    } else if (options.all) {
      callback(null, addresses);
    } else {
      callback(null, first.address, first.family);
    }
  });
}
