const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Pages are keyset, not offset: a cursor is the last id of the previous page (results are in id order), so
 * following `next` links sees each match once even when records are added or updated meanwhile. It is
 * opaque (base64url) so clients follow links rather than build cursors.
 */
export function encodeCursor(lastId: string): string {
  return Buffer.from(lastId, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): string | undefined {
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  return UUID.test(id) ? id : undefined;
}
