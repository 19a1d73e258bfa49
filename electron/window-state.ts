// Window size and position remembered between launches, and put back on a screen that still
// exists (a laptop undocked from its second monitor must not open off-screen).
import { readFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod';

export const WindowState = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().min(400),
  height: z.number().int().min(300),
  maximized: z.boolean(),
});
export type WindowState = z.infer<typeof WindowState>;

export interface Area {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const DEFAULT_STATE = { width: 1440, height: 900, maximized: false } as const;

export function loadWindowState(file: string): WindowState | null {
  try {
    const parsed = WindowState.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function saveWindowState(file: string, state: WindowState): void {
  writeFileSync(file, JSON.stringify(state));
}

/** The saved bounds if at least 100×50 px of the title area are on some display, else centred defaults. */
export function placeWindow(
  saved: WindowState | null,
  displays: Area[],
): Partial<WindowState> & { width: number; height: number } {
  if (!saved) return { ...DEFAULT_STATE };
  const visible = displays.some((d) => {
    const w = Math.min(saved.x + saved.width, d.x + d.width) - Math.max(saved.x, d.x);
    const h = Math.min(saved.y + 50, d.y + d.height) - Math.max(saved.y, d.y);
    return w >= 100 && h >= 50;
  });
  return visible ? saved : { width: saved.width, height: saved.height, maximized: saved.maximized };
}
