/** The analytics code's fingerprint, set by vite.config.ts at build time (see build/codeVersion.ts). */
declare const __CW_CODE_VERSION__: string | undefined;
