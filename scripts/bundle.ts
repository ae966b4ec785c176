import path from 'node:path';
import { bundleActions } from './bundle-actions.js';

const root = path.resolve(import.meta.dirname, '..');
const { actions } = await bundleActions({
  actionsDir: path.join(root, 'actions'),
  outdir: path.join(root, 'dist'),
});
console.log(actions.length ? `bundled ${actions.join(', ')} into dist/` : 'no actions to bundle');
