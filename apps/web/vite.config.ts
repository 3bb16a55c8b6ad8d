import react from '@vitejs/plugin-react';
import { defineConfig, loadEnv } from 'vite';

export default defineConfig(({ mode }) => {
  // KINDLING_API_URL (environment or .env): where the dev server proxies API, public pages and tracking.
  const apiTarget = loadEnv(mode, import.meta.dirname, 'KINDLING_').KINDLING_API_URL ?? 'http://localhost:3000';
  return {
    plugins: [react()],
    server: {
      port: 5173,
      strictPort: true,
      proxy: {
        '/api': apiTarget,
        '/p': apiTarget,
        '/t': apiTarget,
      },
    },
    build: {
      outDir: 'dist',
      emptyOutDir: true,
      // antd alone is ~1 MB minified (~310 kB gzip) and always needed by the console; warn only beyond that.
      chunkSizeWarningLimit: 1100,
      rolldownOptions: {
        output: {
          // Long-lived vendor chunks: a console release then re-downloads only its own code.
          codeSplitting: {
            groups: [
              {
                name: 'react',
                test: /node_modules[\\/](react|react-dom|scheduler|react-router|cookie)[\\/]/,
                priority: 3,
              },
              {
                name: 'antd',
                test: /node_modules[\\/](antd|@ant-design|@rc-component|@babel[\\/]runtime|dayjs)[\\/]/,
                priority: 2,
              },
              // Charts load with the analytics screens only, not on every page.
              { name: 'echarts', test: /node_modules[\\/](echarts|zrender|tslib)[\\/]/, priority: 2 },
              { name: 'vendor', test: /node_modules[\\/]/, priority: 1 },
            ],
          },
        },
      },
    },
  };
});
