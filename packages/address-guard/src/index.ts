/**
 * The address guard shared by every outgoing connection whose target a tenant chooses (webhook deliveries, mailbox
 * connections and their connection test): classification of IP addresses, the policy of which ones may be
 * reached, and the resolver the callers check before they connect. Callers connect only to addresses they checked
 * (never re-resolve a checked name), so DNS rebinding cannot slip an internal address in between.
 */
export {
  type AddressPolicy,
  classifyIp,
  InvalidIpAddressError,
  type IpCategory,
  type IpClassification,
  type IpNetwork,
  isAllowedIp,
  isInNetwork,
  parseIpNetwork,
} from './ip-ranges.js';
export { type HostResolver, systemResolver } from './resolve.js';
