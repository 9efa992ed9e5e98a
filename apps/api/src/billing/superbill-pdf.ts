import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import type { SuperbillView } from './superbill-view';

const PAGE: [number, number] = [612, 792]; // US Letter, in points
const MARGIN = 50;
const RIGHT = PAGE[0] - MARGIN;
const GREY = rgb(0.35, 0.35, 0.35);

/** The service table: left edges, or right edges for the figures. */
const COLUMNS = { date: MARGIN, code: 118, description: 165, units: 420, unitFee: 488, total: RIGHT } as const;
const DESCRIPTION_WIDTH = 245;

interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
}

/**
 * The superbill as a plain PDF a patient can send to their insurer: the same content as the JSON, in the
 * standard Helvetica (no font files), on one Letter page (another is added only if a long series needs it).
 */
export async function renderSuperbillPdf(bill: SuperbillView): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  // The metadata names no one: the document may be stored or indexed where PHI should not be.
  doc.setTitle('Superbill');
  doc.setCreator('Keta');
  const fonts = { regular: await doc.embedFont(StandardFonts.Helvetica), bold: await doc.embedFont(StandardFonts.HelveticaBold) };
  const writer = new PageWriter(doc, fonts);
  const money = moneyFormat(bill.currency);

  writer.text(bill.clinic.name, { size: 16, font: 'bold' });
  writer.text('Superbill: statement of services for insurance reimbursement', { size: 11, color: GREY });
  writer.gap(6);
  if (bill.clinic.npi) {
    writer.field('Provider', `NPI ${bill.clinic.npi}, tax id ${bill.clinic.taxId}`);
    writer.field('Address', [bill.clinic.address, bill.clinic.phone].filter(Boolean).join(', '));
  } else {
    writer.text('The clinic\'s NPI, tax id and address are not on record: ask the clinic for them before you submit this.', { color: GREY });
  }
  writer.gap(10);
  writer.field('Patient', `${bill.patient.name.given.join(' ')} ${bill.patient.name.family}`);
  writer.field('Date of birth', bill.patient.birthDate);
  writer.field('Referring provider', bill.referringProvider ? `${bill.referringProvider.name}, NPI ${bill.referringProvider.npi}` : 'none on record');
  writer.field('Dates of service', bill.datesOfService.join(', '));
  writer.gap(8);

  writer.text('Diagnoses (ICD-10-CM)', { font: 'bold' });
  if (!bill.diagnoses.length) writer.text('No ICD-10-CM diagnosis on record: ask the clinic to add it before you submit this.', { color: GREY });
  for (const d of bill.diagnoses) writer.text(`${d.code}   ${d.description}`);
  writer.gap(8);

  writer.text('Services (CPT / HCPCS)', { font: 'bold' });
  writer.row({ date: 'Date', code: 'Code', description: 'Description', units: 'Units', unitFee: 'Unit fee', total: 'Amount' }, 'bold');
  writer.rule();
  for (const line of bill.lines) {
    writer.row({
      date: line.date, code: line.code, description: line.description, units: String(line.units),
      unitFee: line.unitFeeCents === null ? 'no fee' : money(line.unitFeeCents),
      total: line.lineTotalCents === null ? '-' : money(line.lineTotalCents),
    });
  }
  writer.rule();
  writer.row({ date: '', code: '', description: bill.missingFees.length ? 'Total (codes with a fee)' : 'Total', units: '', unitFee: '', total: money(bill.totalCents) }, 'bold');
  if (bill.missingFees.length) writer.text(`No fee in the clinic's fee schedule for ${bill.missingFees.join(', ')}: not in the total.`, { color: GREY });
  writer.gap(12);
  writer.paragraph(bill.statement.text);
  return doc.save();
}

function moneyFormat(currency: string): (cents: number) => string {
  const format = new Intl.NumberFormat('en-US', { style: 'currency', currency });
  return (cents) => format.format(cents / 100);
}

type Row = Record<keyof typeof COLUMNS, string>;

/** Writes top to bottom, line by line, onto as many pages as it takes. */
class PageWriter {
  private page: PDFPage;
  private y: number;
  private readonly encodable: Set<number>;

  constructor(private readonly doc: PDFDocument, private readonly fonts: Fonts) {
    this.page = doc.addPage(PAGE);
    this.y = PAGE[1] - MARGIN;
    this.encodable = new Set(fonts.regular.getCharacterSet());
  }

  text(value: string, options: { size?: number; font?: keyof Fonts; color?: ReturnType<typeof rgb> } = {}): void {
    const size = options.size ?? 10;
    this.advance(size + 4);
    this.page.drawText(this.fit(value, options.font ?? 'regular', size, RIGHT - MARGIN), { x: MARGIN, y: this.y, size, font: this.fonts[options.font ?? 'regular'], color: options.color ?? rgb(0, 0, 0) });
  }

  field(label: string, value: string): void {
    this.advance(14);
    this.page.drawText(`${label}:`, { x: MARGIN, y: this.y, size: 10, font: this.fonts.bold });
    this.page.drawText(this.fit(value, 'regular', 10, RIGHT - 170), { x: 170, y: this.y, size: 10, font: this.fonts.regular });
  }

  /** A row of the table; a long description wraps onto the lines below it. */
  row(cells: Row, font: keyof Fonts = 'regular'): void {
    const size = 9;
    const [first = '', ...more] = this.wrap(cells.description, font, size, DESCRIPTION_WIDTH);
    this.advance(13);
    const draw = (text: string, x: number) => this.page.drawText(text, { x, y: this.y, size, font: this.fonts[font] });
    draw(this.fit(cells.date, font, size, COLUMNS.code - COLUMNS.date - 4), COLUMNS.date);
    draw(this.fit(cells.code, font, size, COLUMNS.description - COLUMNS.code - 4), COLUMNS.code);
    draw(first, COLUMNS.description);
    for (const key of ['units', 'unitFee', 'total'] as const) {
      const text = this.fit(cells[key], font, size, 64);
      draw(text, COLUMNS[key] - this.fonts[font].widthOfTextAtSize(text, size));
    }
    for (const line of more) {
      this.advance(11);
      draw(line, COLUMNS.description);
    }
  }

  rule(): void {
    this.advance(5);
    this.page.drawLine({ start: { x: MARGIN, y: this.y + 2 }, end: { x: RIGHT, y: this.y + 2 }, thickness: 0.5, color: GREY });
  }

  /** Wrapped to the page's width. */
  paragraph(value: string): void {
    for (const line of this.wrap(value, 'regular', 10, RIGHT - MARGIN)) this.text(line);
  }

  gap(points: number): void {
    this.y -= points;
  }

  private advance(points: number): void {
    if (this.y - points < MARGIN) {
      this.page = this.doc.addPage(PAGE);
      this.y = PAGE[1] - MARGIN;
    }
    this.y -= points;
  }

  /** Cut to the width (with an ellipsis), in characters the standard font can draw. */
  private fit(value: string, font: keyof Fonts, size: number, width: number): string {
    let text = this.encode(value);
    if (this.fonts[font].widthOfTextAtSize(text, size) <= width) return text;
    while (text.length > 1 && this.fonts[font].widthOfTextAtSize(`${text}...`, size) > width) text = text.slice(0, -1);
    return `${text.trimEnd()}...`;
  }

  /** Broken into lines of the width at spaces (a word longer than the width is cut to fit). */
  private wrap(value: string, font: keyof Fonts, size: number, width: number): string[] {
    const lines: string[] = [];
    let line = '';
    for (const word of this.encode(value).split(/\s+/).filter(Boolean)) {
      const next = line ? `${line} ${word}` : word;
      if (line && this.fonts[font].widthOfTextAtSize(next, size) > width) {
        lines.push(line);
        line = word;
      } else line = next;
    }
    if (line || !lines.length) lines.push(line);
    return lines.map((l) => this.fit(l, font, size, width));
  }

  /** Helvetica draws WinAnsi only: another character becomes '?', rather than failing the whole document. */
  private encode(value: string): string {
    return [...value.normalize('NFC')].map((c) => (this.encodable.has(c.codePointAt(0)!) ? c : '?')).join('');
  }
}
