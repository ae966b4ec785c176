import { initWasm, Resvg } from '@resvg/resvg-wasm';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

// The bundle ships both files beside dist/send-report/index.js (scripts/bundle-actions.ts copies
// them); from source they resolve in node_modules. Debian's copy of the font is the last resort.
function beside(file: string): string | undefined {
  const path = fileURLToPath(new URL(`./${file}`, import.meta.url));
  return existsSync(path) ? path : undefined;
}

function fromPackage(specifier: string): string | undefined {
  try {
    return createRequire(import.meta.url).resolve(specifier);
  } catch {
    return undefined;
  }
}

function wasmPath(): string {
  return (
    beside('index_bg.wasm') ??
    createRequire(import.meta.url).resolve('@resvg/resvg-wasm/index_bg.wasm')
  );
}

function fontPath(): string | undefined {
  const debian = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';
  return (
    beside('DejaVuSans.ttf') ??
    fromPackage('dejavu-fonts-ttf/ttf/DejaVuSans.ttf') ??
    (existsSync(debian) ? debian : undefined)
  );
}

let ready: Promise<Uint8Array[]> | undefined;

async function initialise(): Promise<Uint8Array[]> {
  await initWasm(await readFile(wasmPath()));
  const font = fontPath();
  return font ? [await readFile(font)] : [];
}

/** PNG of an SVG at twice its size (sharp on high-density screens), text in DejaVu Sans. */
export async function svgToPng(svg: string): Promise<Buffer> {
  ready ??= initialise();
  const fonts = await ready;
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: 2 },
    font: {
      fontBuffers: fonts,
      loadSystemFonts: false,
      defaultFontFamily: 'DejaVu Sans',
      sansSerifFamily: 'DejaVu Sans',
    },
  });
  try {
    return Buffer.from(resvg.render().asPng());
  } finally {
    resvg.free();
  }
}
