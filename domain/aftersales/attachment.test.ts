// Attachment names and kinds: a name from any system is made safe and gets the extension of
// what the bytes are; the kind is decided by content, so a file lying about its type is caught.
import { describe, expect, it } from 'vitest';
import { safeAttachmentName } from './attachment';
import { fileKind } from './file-kind';

describe('attachment names', () => {
  it('drops paths, forbidden characters and device names; the extension follows the content', () => {
    expect(safeAttachmentName('C:\\Users\\ivan\\Фото брака.JPG', 'image/jpeg')).toBe('Фото брака.jpg');
    expect(safeAttachmentName('../../etc/passwd', 'text/plain')).toBe('passwd.txt');
    expect(safeAttachmentName('акт<сверки>?.pdf', 'application/pdf')).toBe('акт_сверки__.pdf');
    expect(safeAttachmentName('photo.jpg', 'application/pdf')).toBe('photo.pdf');
    expect(safeAttachmentName('CON.txt', 'text/plain')).toMatch(/^(_|file)/);
    expect(safeAttachmentName('...', 'image/png')).toBe('file.png');
    expect(safeAttachmentName(`${'я'.repeat(300)}.png`, 'image/png')).toHaveLength(114);
  });
});

describe('file kinds by content', () => {
  const pdf = new TextEncoder().encode('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF');
  const png = Uint8Array.from([
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6,
    0, 0, 0,
  ]);
  const elf = Uint8Array.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0x3e, 0, 1, 0, 0, 0]);
  it('knows a PDF, a PNG and plain text; refuses an executable, binary noise and an empty file', async () => {
    expect(await fileKind(pdf)).toEqual({ ok: true, mime: 'application/pdf' });
    expect(await fileKind(png)).toEqual({ ok: true, mime: 'image/png' });
    expect(await fileKind(new TextEncoder().encode('Акт сверки за 3 квартал\r\nСальдо 0'))).toEqual({
      ok: true,
      mime: 'text/plain',
    });
    expect(await fileKind(elf)).toEqual({ ok: false, detected: 'application/x-elf' });
    expect(await fileKind(Uint8Array.from([0, 1, 2, 3, 250, 251]))).toEqual({ ok: false, detected: null });
    expect(await fileKind(new Uint8Array())).toEqual({ ok: false, detected: 'empty' });
  });
});
