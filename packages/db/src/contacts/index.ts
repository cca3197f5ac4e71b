export {
  type ContactAlternatives,
  contactAlternativesOf,
  type DecidedSuggestion,
  decideAddressSuggestion,
  policyApplies,
  type ReplacedContact,
  replaceContactAddress,
  type SuggestionDecision,
  type SuggestionStatus,
} from './address-suggestions.js';
export {
  type ContactSearch,
  contactSearchText,
  type FoundContact,
  MIN_CONTACT_SEARCH_LENGTH,
  searchContacts,
  withBlockedAddresses,
} from './contact-search.js';
export {
  type AddressSuggestion,
  type Contact,
  type ContactAddressState,
  type ContactInput,
  type ContactUpsertResult,
  contactAddressStates,
  contactInputSchema,
  contactUpsertSchema,
  findContactsByAddress,
  getContactByExternalId,
  listContactSuggestions,
  MAX_CONTACTS_PER_UPSERT,
  upsertContacts,
} from './contact-store.js';
