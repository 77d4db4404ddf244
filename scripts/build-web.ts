// Builds the web app into web/dist: `npm run build:web`.
import { buildWeb } from '../src/cli/web-build.ts';

await buildWeb();
console.log('网页界面已构建到 web/dist');
