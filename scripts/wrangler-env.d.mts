export function wranglerEnv(root: string, base?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
