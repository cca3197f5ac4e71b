/**
 * CSV as RFC 4180 describes it (quoted fields, doubled quotes, CRLF or LF line ends), for suppression imports from
 * other providers' exports and for our own export. Small on purpose: the files are lists of addresses with a few
 * columns, and the whole body is already in memory (bounded by the request body limit).
 */

/** Parses CSV text into rows of fields. A UTF-8 BOM (spreadsheet exports) is skipped; blank lines are dropped. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endRow = () => {
    row.push(field);
    if (row.length > 1 || row[0] !== '') rows.push(row);
    row = [];
    field = '';
  };
  for (; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n') endRow();
    else if (c === '\r') {
      if (text[i + 1] === '\n') i++;
      endRow();
    } else field += c;
  }
  if (field !== '' || row.length > 0) endRow();
  return rows;
}

/** Column names that hold the address in common provider exports (Mailgun, SendGrid, Postmark, our own). */
const ADDRESS_COLUMNS = new Set(['address', 'email', 'email_address', 'emailaddress', 'recipient', 'e-mail']);
/** Column names that hold why the address was suppressed. */
const DETAIL_COLUMNS = new Set(['detail', 'reason', 'description', 'error', 'suppression_detail']);

export type CsvAddressRow = { address: string; detail: string | null; line: number };

/**
 * Reads address rows from a CSV: with a header row naming an address column (and optionally a detail column), or
 * without a header, address in the first column and detail in the second. `line` is the 1-based line in the file.
 */
export function csvAddressRows(text: string): CsvAddressRow[] {
  const rows = parseCsv(text);
  const first = rows[0]?.map((h) => h.trim().toLowerCase()) ?? [];
  const addressColumn = first.findIndex((h) => ADDRESS_COLUMNS.has(h));
  const hasHeader = addressColumn >= 0;
  const detailColumn = hasHeader ? first.findIndex((h) => DETAIL_COLUMNS.has(h)) : 1;
  const data = hasHeader ? rows.slice(1) : rows;
  return data.map((r, i) => {
    const detail = detailColumn >= 0 ? (r[detailColumn]?.trim() ?? '') : '';
    return {
      address: (r[hasHeader ? addressColumn : 0] ?? '').trim(),
      detail: detail === '' ? null : detail,
      line: i + (hasHeader ? 2 : 1),
    };
  });
}

/**
 * One CSV line (CRLF-terminated, RFC 4180). Text fields that a spreadsheet would run as a formula (=, +, -, @, tab,
 * CR at the start: OWASP "CSV injection") get a leading apostrophe: bounce diagnostics are text a remote server
 * chose, and an operator opens the export in a spreadsheet.
 */
export function csvLine(values: readonly (string | number | boolean | Date | null | undefined)[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

function csvField(value: string | number | boolean | Date | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value !== 'string') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
