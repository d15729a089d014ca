/** Types of scripts/start.mjs (`npm start`), for its tests. */
export declare const DEFAULT_PORT: number;
export declare const DEMO_USERNAMES: string[];
export declare const LOCAL_WEBHOOK_SECRET: string;
export declare function serverDataDir(platform?: NodeJS.Platform, env?: Record<string, string | undefined>, home?: string): string;
export declare function portIsFree(port: number, host?: string): Promise<boolean>;
export declare function isHealthy(url: string): Promise<boolean>;
export declare function electronBinaryPresent(root?: string): boolean;
export declare function main(argv?: string[]): Promise<number>;
