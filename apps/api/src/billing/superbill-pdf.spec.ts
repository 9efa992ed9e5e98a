import { PDFDocument } from 'pdf-lib';
import { renderSuperbillPdf } from './superbill-pdf';
import type { SuperbillView } from './superbill-view';

function bill(lines: number, family = 'Reyes'): SuperbillView {
  return {
    id: 'f0d6c1a2-0000-4000-8000-000000000000', kind: 'series', clinic: { name: 'Harbor Ketamine' },
    patient: { name: { given: ['Ana'], family }, birthDate: '1984-02-29' },
    datesOfService: ['2026-06-01'], diagnoses: [],
    lines: Array.from({ length: lines }, () => ({
      date: '2026-06-01', system: 'CPT' as const, code: '96365', units: 1, unitFeeCents: 40000, lineTotalCents: 40000, source: 'DOMAIN.md §3.5',
      description: 'IV infusion for therapy, prophylaxis or diagnosis (ketamine); initial, up to 1 hour',
    })),
    currency: 'USD', totalCents: 40000 * lines, missingFees: [],
    statement: { text: 'Off-label; paid by the patient.', sources: [] },
  };
}

describe('renderSuperbillPdf', () => {
  it('fits a series on one Letter page, names no one in its metadata, and draws names Helvetica cannot as ?', async () => {
    const doc = await PDFDocument.load(await renderSuperbillPdf(bill(12, 'Reyes 李')));
    expect(doc.getPageCount()).toBe(1);
    expect(doc.getPage(0).getSize()).toEqual({ width: 612, height: 792 });
    expect(doc.getTitle()).toBe('Superbill');
  });

  it('goes on to another page rather than off the bottom of the first', async () => {
    expect((await PDFDocument.load(await renderSuperbillPdf(bill(60)))).getPageCount()).toBe(3);
  });
});
