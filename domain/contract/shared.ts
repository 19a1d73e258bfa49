// Small schemas every part of the desk contract uses: an empty input, a sequence number, an
// order id, a file given back as base64, money and time as text.
import { z } from 'zod';
import { AttachmentRef } from '../aftersales/attachment';

export const NoInput = z.object({}).strict();

export const FileData = z.object({ fileName: z.string(), data: z.string() });

export const OrderId = z.string().uuid();

export const Iso = z.string().datetime({ offset: true });

export const MoneyText = z.string();

export const Cell = z.union([z.string(), z.number(), z.null()]);

export const Seq = z.object({ seq: z.number().int() });

export const Files = z.array(AttachmentRef).max(20).default([]);

export const SearchText = z.string().max(200);
