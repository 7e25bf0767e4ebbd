export interface Size { min: number; gzip: number; brotli: number }
export function sizeOf(file: string): Size;
export function cdnSizes(dir?: string): Record<string, { initial: Size; whole: Size; chunks: string[] }>;
