// Everything the end-to-end script needs from the TypeScript sources, loaded through ONE tsImport
// so that there is one module graph: two graphs would mean two CruxError classes, and
// `instanceof` checks between them would fail.
export { startHttpServer } from '../../src/main/http/server';
export { Library } from '../../src/main/core/library/library';
export { seedLibrary, XSS_TEXT, THREAD_URL, FIRST_PERMALINK } from '../helpers/seed-library';
