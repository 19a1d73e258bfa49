// The claim form renders to a real PDF on the desk (pdfmake with Cyrillic fonts, a photo embedded).
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { claimFormPdf } from './claim-form-pdf';

describe('claim form PDF', () => {
  it('is a PDF with the Roboto font and the photo embedded', async () => {
    const jpeg = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#c33' } })
      .jpeg()
      .toBuffer();
    const pdf = await claimFormPdf({
      claim: {
        number: 'РК-1',
        orderNumber: 'З-1',
        status: 'new',
        defectType: 'damaged',
        description: 'Коробки смяты',
        amount: '10',
        resolution: null,
        resolutionAmount: null,
        createdAt: '2026-11-20T07:30:00.000Z',
        managerName: 'Иванова',
        erpNumber: null,
        lines: [{ article: 'А-1', name: 'Товар', shipped: '5', quantity: '1', amount: '10' }],
        history: [{ status: 'new', at: '2026-11-20T07:30:00.000Z', by: 'Иванова', comment: '' }],
        attachments: [{ name: 'фото.jpg', mime: 'image/jpeg' }],
      },
      client: { name: 'ООО «Ромашка»', inn: '7701234567', kpp: '', legalAddress: '' },
      supplier: 'ООО «Опта»',
      photos: [{ name: 'фото.jpg', dataUrl: `data:image/jpeg;base64,${jpeg.toString('base64')}` }],
    });
    const head = pdf.subarray(0, 8).toString('latin1');
    expect(head.startsWith('%PDF-1.')).toBe(true);
    const body = pdf.toString('latin1');
    expect(body).toContain('Roboto');
    expect(body).toMatch(/\/Subtype \/Image/);
    expect(body.trimEnd().endsWith('%%EOF')).toBe(true);
  });
});
