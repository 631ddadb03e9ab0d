import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The generated client reads `process.env.NODE_ENV` for its development-only error messages (the app uses its own
// generated error tables instead); define it so the bundle does not reference Node's `process`.
export default defineConfig({
  plugins: [react()],
  define: { 'process.env.NODE_ENV': JSON.stringify(process.env.NODE_ENV ?? 'production') },
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
  build: { target: 'es2022', sourcemap: true },
});
