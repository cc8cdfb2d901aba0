// Renders a static badge page in headless Chromium and checks what it shows.
//
//   node render.mjs PAGE.html OUT.png [--width PX] [--media screen|print]
//        [--expect-h1 TEXT] [--expect-text TEXT]... [--expect-verdict valid|invalid|indeterminate]
//
// Run through ../render_page.sh, which installs Debian's chromium and this
// folder's one dependency (playwright-core, which downloads no browser).
//
// What is checked (each failure is one line on stderr, exit 1):
// - the page loads from file:// and makes no other request (no remote
//   image, style sheet or font; data: URIs are not requests);
// - it has no <script> element, no on* attribute, no javascript: link;
// - the full-page PNG screenshot is not blank: at least 2% of its pixels
//   differ from the most common colour and it has at least 16 colours;
// - --expect-h1: the <h1>'s text is exactly TEXT (so a name full of markup
//   was shown as text, not parsed);
// - --expect-text: TEXT occurs in the page's rendered text (innerText,
//   which holds only what is visible);
// - --expect-verdict: the banner at the top is that verdict and is the
//   first thing on the page.
// - --kind city (a city report, `openbadges::city::page`): instead of the
//   verdict banner and the badge image, the coverage chart (svg#coverage)
//   must be visible with at least one bar; its box in the screenshot is
//   reported as `chart` ({x, y, width, height, bars}).
// The checks of every verification check row, the evidence and the
// achievement are listed on stdout as JSON, for a caller to assert on.
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { inflateSync } from "node:zlib";

import { chromium } from "playwright-core";

const args = process.argv.slice(2);
const positional = [];
const expectText = [];
let width = 1000;
let media = "screen";
let expectH1 = null;
let expectVerdict = null;
let kind = "badge";
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  const value = () => {
    if (i + 1 >= args.length) usage(`${a} needs a value`);
    return args[++i];
  };
  if (a === "--width") width = Number.parseInt(value(), 10);
  else if (a === "--media") media = value();
  else if (a === "--expect-h1") expectH1 = value();
  else if (a === "--expect-text") expectText.push(value());
  else if (a === "--expect-verdict") expectVerdict = value();
  else if (a === "--kind") kind = value();
  else if (a.startsWith("--")) usage(`unknown option ${a}`);
  else positional.push(a);
}
if (
  positional.length !== 2 ||
  !(width > 0) ||
  !["screen", "print"].includes(media) ||
  !["badge", "city"].includes(kind)
) {
  usage("need PAGE.html and OUT.png");
}
const [pagePath, outPath] = positional;

function usage(msg) {
  console.error(`render.mjs: ${msg}`);
  console.error(
    "usage: node render.mjs PAGE.html OUT.png [--width PX] [--media screen|print] " +
      "[--expect-h1 TEXT] [--expect-text TEXT]... [--expect-verdict valid|invalid|indeterminate] " +
      "[--kind badge|city]",
  );
  process.exit(2);
}

const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";
const problems = [];

const browser = await chromium.launch({
  executablePath,
  headless: true,
  // The flags this machine needs (no network but the package registries):
  // every background service off, a fresh profile (playwright makes one).
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-default-apps",
    "--hide-scrollbars",
  ],
});
let report;
try {
  const context = await browser.newContext({
    viewport: { width, height: 800 },
    deviceScaleFactor: 1,
    javaScriptEnabled: true, // for the checks below only; the page has none
  });
  const page = await context.newPage();
  const url = pathToFileURL(resolve(pagePath)).href;
  const requests = [];
  page.on("request", (r) => requests.push(r.url()));
  const consoleErrors = [];
  page.on("console", (m) => {
    if (m.type() === "error") consoleErrors.push(m.text());
  });
  await page.emulateMedia({ media });
  await page.goto(url, { waitUntil: "load" });

  const others = requests.filter((u) => u !== url && !u.startsWith("data:"));
  if (others.length) problems.push(`the page requested ${others.join(", ")}`);
  for (const e of consoleErrors) problems.push(`console error: ${e}`);

  report = await page.evaluate(() => {
    const text = (el) => (el ? el.innerText.trim() : null);
    const visible = (el) => {
      if (!el) return false;
      const r = el.getBoundingClientRect();
      const s = getComputedStyle(el);
      return r.width > 0 && r.height > 0 && s.visibility !== "hidden" && s.display !== "none";
    };
    const all = [...document.querySelectorAll("*")];
    const onAttributes = all.flatMap((el) =>
      [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${el.tagName}[${a.name}]`),
    );
    const jsLinks = [...document.querySelectorAll("[href]")]
      .map((a) => a.getAttribute("href"))
      .filter((h) => !/^(https?:|#)/i.test(h.trim()));
    const banner = document.querySelector("header.verdict");
    const first = document.querySelector("main")?.firstElementChild;
    return {
      title: document.title,
      h1: text(document.querySelector("h1")),
      scripts: document.querySelectorAll("script").length,
      onAttributes,
      nonHttpLinks: jsLinks,
      banner: banner
        ? {
            verdict: ["valid", "invalid", "indeterminate"].find((v) => banner.classList.contains(v)),
            text: text(banner),
            first: first === banner,
            visible: visible(banner),
            top: banner.getBoundingClientRect().top,
          }
        : null,
      imageVisible: visible(document.querySelector(".art svg, .art img")),
      chart: (() => {
        const svg = document.querySelector("svg#coverage");
        if (!svg) return null;
        const r = svg.getBoundingClientRect();
        return {
          visible: visible(svg),
          x: r.left + window.scrollX,
          y: r.top + window.scrollY,
          width: r.width,
          height: r.height,
          bars: svg.querySelectorAll("rect.bar").length,
        };
      })(),
      evidence: [...document.querySelectorAll("ol.evidence > li")].map((li) => ({
        name: text(li.querySelector("h3")) ?? text(li),
        visible: visible(li),
      })),
      checks: [...document.querySelectorAll("section.checks tbody tr")].map((tr) => ({
        check: tr.querySelector("td code")?.textContent ?? null,
        result: text(tr.querySelector("td.outcome")),
        visible: visible(tr),
      })),
      linkedin: document.querySelector("a.linkedin")?.getAttribute("href") ?? null,
      bodyText: document.body.innerText,
      height: Math.ceil(document.documentElement.scrollHeight),
    };
  });

  const png = await page.screenshot({ path: outPath, fullPage: true, type: "png" });
  const stats = pngStats(png);
  report.screenshot = { path: outPath, ...stats };
  if (stats.otherFraction < 0.02 || stats.colours < 16) {
    problems.push(
      `the screenshot looks blank (${stats.colours} colours, ` +
        `${(stats.otherFraction * 100).toFixed(1)}% non-background)`,
    );
  }
  await context.close();
} finally {
  await browser.close();
}

if (report.scripts) problems.push(`${report.scripts} <script> element(s) in the page`);
if (report.onAttributes.length) problems.push(`event-handler attributes: ${report.onAttributes}`);
if (report.nonHttpLinks.length) problems.push(`links that are not http(s): ${report.nonHttpLinks}`);
if (kind === "city") {
  if (!report.chart) problems.push("no coverage chart (svg#coverage)");
  else {
    if (!report.chart.visible) problems.push("the coverage chart is not visible");
    if (!report.chart.bars) problems.push("the coverage chart has no bars");
  }
} else if (!report.banner) problems.push("no verdict banner");
else {
  if (!report.banner.first) problems.push("the verdict banner is not the first thing on the page");
  if (!report.banner.visible) problems.push("the verdict banner is not visible");
  if (expectVerdict && report.banner.verdict !== expectVerdict) {
    problems.push(`verdict banner is ${report.banner.verdict}, expected ${expectVerdict}`);
  }
}
if (kind === "badge" && !report.imageVisible) problems.push("the badge image is not visible");
if (expectH1 !== null && report.h1 !== expectH1) {
  problems.push(`<h1> shows ${JSON.stringify(report.h1)}, expected ${JSON.stringify(expectH1)}`);
}
for (const t of expectText) {
  if (!report.bodyText.includes(t)) problems.push(`the page does not show ${JSON.stringify(t)}`);
}
for (const e of report.evidence) if (!e.visible) problems.push(`evidence ${e.name} not visible`);
for (const c of report.checks) if (!c.visible) problems.push(`check ${c.check} not visible`);

delete report.bodyText;
writeFileSync(1, JSON.stringify(report, null, 2) + "\n");
const s = report.screenshot;
console.error(
  `render.mjs: ${outPath}: ${s.width}x${s.height}, ${s.colours} colours, ` +
    `${(s.otherFraction * 100).toFixed(1)}% of pixels differ from the background #${s.background}`,
);
for (const p of problems) console.error(`render.mjs: FAIL: ${p}`);
process.exit(problems.length ? 1 : 0);

/// Decodes an 8-bit RGB/RGBA non-interlaced PNG (what Chromium writes) and
/// counts its colours.
function pngStats(buf) {
  const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (!buf.subarray(0, 8).equals(sig)) throw new Error("not a PNG");
  let pos = 8;
  let ihdr = null;
  const idat = [];
  while (pos + 8 <= buf.length) {
    const len = buf.readUInt32BE(pos);
    const kind = buf.toString("latin1", pos + 4, pos + 8);
    const body = buf.subarray(pos + 8, pos + 8 + len);
    if (kind === "IHDR") ihdr = body;
    else if (kind === "IDAT") idat.push(body);
    else if (kind === "IEND") break;
    pos += 12 + len;
  }
  if (!ihdr) throw new Error("no IHDR");
  const w = ihdr.readUInt32BE(0);
  const h = ihdr.readUInt32BE(4);
  const depth = ihdr[8];
  const ctype = ihdr[9];
  const channels = { 2: 3, 6: 4 }[ctype];
  if (depth !== 8 || !channels || ihdr[12] !== 0) {
    throw new Error(`unexpected PNG: depth ${depth}, colour type ${ctype}`);
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = w * channels;
  let prev = new Uint8Array(stride);
  const counts = new Map();
  for (let y = 0; y < h; y++) {
    const f = raw[y * (stride + 1)];
    const line = Uint8Array.from(raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)));
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? line[x - channels] : 0;
      const b = prev[x];
      const c = x >= channels ? prev[x - channels] : 0;
      let p = 0;
      if (f === 1) p = a;
      else if (f === 2) p = b;
      else if (f === 3) p = (a + b) >> 1;
      else if (f === 4) {
        const q = a + b - c;
        const pa = Math.abs(q - a);
        const pb = Math.abs(q - b);
        const pc = Math.abs(q - c);
        p = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      line[x] = (line[x] + p) & 255;
    }
    for (let x = 0; x < stride; x += channels) {
      const key = (line[x] << 16) | (line[x + 1] << 8) | line[x + 2];
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    prev = line;
  }
  let background = 0;
  let most = 0;
  for (const [k, n] of counts) {
    if (n > most) {
      most = n;
      background = k;
    }
  }
  return {
    width: w,
    height: h,
    colours: counts.size,
    otherFraction: 1 - most / (w * h),
    background: background.toString(16).padStart(6, "0"),
  };
}
