// The claim form as a PDF: the document from domain/aftersales/claim-form.ts rendered with pdfmake and its
// Roboto fonts (they have Cyrillic), on the desk, offline; photos are the images' thumbnails.
import { createRequire } from 'node:module';
import path from 'node:path';
import { claimFormDocument, type ClaimFormInput } from '../../domain/aftersales/claim-form';

interface PdfMake {
  setFonts(fonts: Record<string, Record<string, string>>): void;
  setUrlAccessPolicy(callback: (url: string) => boolean): void;
  createPdf(doc: Record<string, unknown>): { getBuffer(): Promise<Buffer> };
}

let pdfmake: PdfMake | null = null;

function printer(): PdfMake {
  if (pdfmake) return pdfmake;
  const require = createRequire(import.meta.url);
  const instance = require('pdfmake') as PdfMake;
  const fonts = path.join(path.dirname(require.resolve('pdfmake/package.json')), 'fonts', 'Roboto');
  instance.setFonts({
    Roboto: {
      normal: path.join(fonts, 'Roboto-Regular.ttf'),
      bold: path.join(fonts, 'Roboto-Medium.ttf'),
      italics: path.join(fonts, 'Roboto-Italic.ttf'),
      bolditalics: path.join(fonts, 'Roboto-MediumItalic.ttf'),
    },
  });
  // A claim form has nothing to fetch: images come as data URLs.
  instance.setUrlAccessPolicy(() => false);
  pdfmake = instance;
  return instance;
}

export async function claimFormPdf(input: ClaimFormInput): Promise<Buffer> {
  return printer().createPdf(claimFormDocument(input)).getBuffer();
}
