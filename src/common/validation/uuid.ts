/** What an id the database gives looks like (any UUID version): the one check of an id's shape outside GraphQL's IsUUID. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
