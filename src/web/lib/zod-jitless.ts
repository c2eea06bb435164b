// zod probes for `new Function` the first time it builds an object schema, to compile fast parsers.
// Our Content-Security-Policy has no 'unsafe-eval', so the browser refuses the probe and reports a
// securitypolicyviolation: noise that would hide a real violation. `z.config({ jitless: true })`
// turns the probe off, but importing zod here would move ~4 kB (gzipped) of it into the first page;
// zod keeps that config on this global and adopts an object already there. main.tsx imports this
// module first, so it is in place before any contract module builds a schema (e2e/xss.e2e.ts fails
// on any CSP violation, so a zod that stops reading it is noticed).
const holder = globalThis as { __zod_globalConfig?: { jitless?: boolean } };
holder.__zod_globalConfig = { ...holder.__zod_globalConfig, jitless: true };

export {};
