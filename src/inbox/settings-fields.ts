/** Small readers and writers the settings form's fields share (`<customer-hub-inbox-settings>` and its sections). */
export const value = (e: Event): string => (e.target as HTMLInputElement).value;
export const checked = (e: Event): boolean => (e.target as HTMLInputElement).checked;
export const lines = (text: string): string[] => text.split('\n').map((l) => l.trim()).filter(Boolean);
export const toggle = (list: string[], item: string, on: boolean): string[] => (on ? [...new Set([...list, item])] : list.filter((x) => x !== item));

/** Sets a trimmed optional field, or removes it when left empty (the server then keeps a stored secret). */
export function setOptional<T extends object>(obj: T, key: keyof T, v: string): void {
  if (v.trim()) (obj as Record<string, unknown>)[key as string] = v.trim();
  else delete (obj as Record<string, unknown>)[key as string];
}
