export {
  type AddressSuggestion,
  type Contact,
  type ContactInput,
  type ContactUpsertResult,
  contactInputSchema,
  contactUpsertSchema,
  findContactsByAddress,
  getContactByExternalId,
  listContactSuggestions,
  MAX_CONTACTS_PER_UPSERT,
  upsertContacts,
} from './contact-store.js';
