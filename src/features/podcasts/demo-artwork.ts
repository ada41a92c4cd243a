import { loadSharp } from '../catalog/cover-image.js';

/**
 * The demo show's cover: drawn shapes only (a server may have no fonts), as
 * an SVG that sharp renders at 1400 px, the smallest size Apple takes.
 */
const SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="1400" height="1400" viewBox="0 0 1400 1400">
  <defs>
    <linearGradient id="bg" x1="0" y1="0" x2="1" y2="1">
      <stop offset="0" stop-color="#1f3a5f"/>
      <stop offset="1" stop-color="#3d7a6e"/>
    </linearGradient>
  </defs>
  <rect width="1400" height="1400" fill="url(#bg)"/>
  <circle cx="700" cy="620" r="300" fill="none" stroke="#f4e9d8" stroke-width="36"/>
  <rect x="610" y="420" width="180" height="330" rx="90" fill="#f4e9d8"/>
  <path d="M520 640 a180 180 0 0 0 360 0" fill="none" stroke="#f4e9d8" stroke-width="30"/>
  <rect x="685" y="820" width="30" height="120" fill="#f4e9d8"/>
  <rect x="590" y="930" width="220" height="30" rx="15" fill="#f4e9d8"/>
  <path d="M200 1150 q125 -80 250 0 t250 0 t250 0 t250 0" fill="none" stroke="#e8b04a" stroke-width="28"/>
</svg>`;

export async function demoArtworkPng(): Promise<Buffer> {
  const sharp = await loadSharp();
  return sharp(Buffer.from(SVG)).resize(1400, 1400).png().toBuffer();
}
