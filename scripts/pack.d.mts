export const PACK_DIR: string;
export const INSTALLED: string;
export function pack(): string;
