import { writeFileSync } from 'node:fs';
import { catalogueMarkdown } from '../src/catalogue/doc.ts';

writeFileSync('docs/catalogue.md', catalogueMarkdown());
console.log('已写入 docs/catalogue.md');
