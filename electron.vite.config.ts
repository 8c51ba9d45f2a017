import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY } from './src/main/http/csp';

// A <meta> policy cannot carry frame-ancestors (browsers ignore it there and warn); the header has it.
const META_POLICY = CONTENT_SECURITY_POLICY.split('; ')
  .filter((d) => !d.startsWith('frame-ancestors'))
  .join('; ');
const META_RE = /(<meta\s+http-equiv="Content-Security-Policy"\s+content=")([^"]*)(")/;

/**
 * Builds must ship exactly the policy the doors send. The dev server needs a little more: its
 * injected scripts and styles carry a per-run nonce, and HMR talks over a WebSocket.
 */
function contentSecurityPolicy(command: 'build' | 'serve', devNonce: string): Plugin {
  return {
    name: 'crux:csp',
    transformIndexHtml: {
      order: 'pre',
      handler(html) {
        const found = META_RE.exec(html);
        if (!found) throw new Error('src/renderer/index.html lost its Content-Security-Policy meta tag');
        if (command === 'build') {
          if (found[2]!.replace(/\s+/g, ' ').trim() !== META_POLICY) {
            throw new Error(
              `src/renderer/index.html's CSP differs from src/main/http/csp.ts:\n  ${found[2]}\n  ${META_POLICY}`,
            );
          }
          return html;
        }
        const dev = META_POLICY.replace("script-src 'self'", `script-src 'self' 'nonce-${devNonce}'`)
          .replace("style-src 'self'", `style-src 'self' 'nonce-${devNonce}'`)
          .replace("connect-src 'self'", "connect-src 'self' ws://localhost:* ws://127.0.0.1:*");
        return html.replace(META_RE, `$1${dev}$3`);
      },
    },
  };
}

export default defineConfig(({ command }) => {
  const devNonce = randomBytes(16).toString('base64url');
  return {
    main: {
      build: {
        rollupOptions: {
          input: {
            index: resolve(__dirname, 'src/main/index.ts'),
            // Imports detect quotations on a worker thread; it looks for this file beside its own code.
            'detect-worker': resolve(__dirname, 'src/main/core/quotes/detect-worker.ts'),
            // Large forum files are parsed on a worker thread too (src/main/core/import/forum-parsing.ts).
            'forum-parse-worker': resolve(__dirname, 'src/main/core/import/forum-parse-worker.ts'),
            // ...and their new threads' quotations detected on another (forum-detect-worker.ts).
            'forum-detect-worker': resolve(__dirname, 'src/main/core/import/forum-detect-worker.ts'),
            // An import's write-ahead log is copied into the library by another connection on its own thread (src/main/core/store/checkpoints.ts).
            'checkpoint-worker': resolve(__dirname, 'src/main/core/store/checkpoint-worker.ts'),
          },
          // Shared code stays beside the entries, so that "beside its own code" holds in every chunk.
          output: { chunkFileNames: '[name]-[hash].js' },
        },
      },
    },
    preload: {
      build: {
        rollupOptions: {
          input: { index: resolve(__dirname, 'src/preload/index.ts') },
          // A sandboxed preload is loaded as a classic script: CommonJS, never an ES module.
          output: { format: 'cjs', entryFileNames: '[name].js' },
        },
      },
    },
    renderer: {
      root: resolve(__dirname, 'src/renderer'),
      ...(command === 'serve' ? { html: { cspNonce: devNonce } } : {}),
      build: {
        rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } },
      },
      plugins: [react(), contentSecurityPolicy(command, devNonce)],
    },
  };
});
