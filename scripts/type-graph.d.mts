export function packageOf(spec: string): string;
export function typeGraph(start: string): { files: Set<string>; packages: Set<string> };
export function reachedTypes(root: string, exportsMap: Record<string, unknown>): Set<string>;
