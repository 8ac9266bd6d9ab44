import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Browser, chromium } from 'playwright-core';
import { readZip } from '@drawback/application';
import { example } from '../fixture-paths';
import { TEST_DATABASE_URL } from '../test-database';

/** Debian's chromium (apt-get install chromium; .ci/run installs it); playwright-core downloads no browser. */
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
const BIN = resolve(__dirname, '..', '..', 'apps', 'cli', 'bin', 'drawback.js');
const EXAMPLE = 'ex3-a-heat-trace-11021';
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

jest.setTimeout(120_000);

describe('the record pack summary.html in headless Chromium', () => {
  let browser: Browser | undefined;
  let scratch: string;
  let summary: string;
  let expectedRefund: string;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`No Chromium at ${CHROMIUM}: the end-to-end tier needs Debian's chromium (bash .ci/run installs it, or apt-get install chromium).`);
    }
    const expected = JSON.parse(readFileSync(join(example(EXAMPLE), 'expected.json'), 'utf8'));
    expectedRefund = expected.totals.refund;
    scratch = mkdtempSync(join(tmpdir(), 'drawback-summary-'));
    const out = join(scratch, 'out');
    const run = spawnSync(
      process.execPath,
      [BIN, 'run', example(EXAMPLE), '--provision', expected.provision, '--as-of', expected.asOf, '--out', out],
      { env: { ...process.env, DATABASE_URL: TEST_DATABASE_URL }, encoding: 'utf8' },
    );
    if (run.status !== 0) throw new Error(`drawback run exited ${run.status}: ${run.stderr}`);
    const entry = readZip(readFileSync(join(out, 'record-pack.zip'))).find((e) => e.name === 'summary.html');
    if (!entry) throw new Error('record-pack.zip holds no summary.html');
    summary = join(scratch, 'summary.html');
    writeFileSync(summary, entry.data);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('renders, screenshots as a full-page PNG, and shows the claim refund total from expected.json', async () => {
    const page = await browser!.newPage();
    await page.goto(pathToFileURL(summary).href);

    const screenshot = join(scratch, 'summary.png');
    await page.screenshot({ path: screenshot, fullPage: true });
    const png = readFileSync(screenshot);
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(png.length).toBeGreaterThan(10_000);
    // IHDR: width and height, big-endian, at bytes 16 and 20; a full page is at least the viewport.
    expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(page.viewportSize()!.width);
    expect(png.readUInt32BE(20)).toBeGreaterThanOrEqual(page.viewportSize()!.height);

    expect(expectedRefund).toBe('59400.00');
    expect((await page.textContent('#refund-total'))?.trim()).toBe(expectedRefund);
    expect(await page.isVisible('#refund-total')).toBe(true);
    expect(await page.innerText('body')).toContain(`Refund: ${expectedRefund} USD`);
    await page.close();
  });
});
