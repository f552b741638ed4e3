import { makePdf } from '../src-main/demo/pdf';
import { expect, expectSaved, openBoardroom, test } from './fixtures';

// A word that appears nowhere but on page 2 of the PDF this test makes.
const WORD = 'quillback';

test('a word found only inside an attached PDF shows with its snippet and opens the document at that page', async ({ page, host }) => {
  await openBoardroom(page, host, 'Board of Directors');
  await page.getByTestId('tab-documents').click();
  const pdf = makePdf('Treasury pack', [
    ['Treasury pack', 'Cash position and liquidity'],
    ['Hedging policy', `The ${WORD} facility matures in March.`, 'Refinancing options follow.'],
    ['Appendix', 'Counterparty limits'],
  ]);
  await page.getByTestId('attach-input').setInputFiles({ name: 'treasury-pack.pdf', mimeType: 'application/pdf', buffer: pdf });
  await expectSaved(page);

  await page.keyboard.press('Control+k');
  const input = page.getByTestId('palette-input');
  await expect(input).toBeFocused();
  // Text extraction runs in the background: the hit appears once page 2 is indexed.
  await expect(async () => {
    await input.fill('');
    await input.fill(WORD.slice(0, 6));
    await expect(page.getByTestId('palette-fulltext')).toHaveCount(1, { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  const hit = page.getByTestId('palette-fulltext');
  await expect(hit).toContainText('treasury-pack.pdf');
  await expect(hit).toContainText('page 2');
  // The snippet marks the matched word (a prefix query matched the whole word).
  await expect(hit.locator('mark')).toHaveText([new RegExp(WORD, 'i')]);
  await expect(hit.getByTestId('palette-snippet')).toContainText('facility matures');

  // Filters: another room or another kind hides it.
  await page.getByTestId('palette-kind').selectOption('minutes');
  await expect(page.getByTestId('palette-fulltext')).toHaveCount(0);
  await page.getByTestId('palette-kind').selectOption('all');
  await expect(page.getByTestId('palette-fulltext')).toHaveCount(1);
  await page.getByTestId('palette-room').selectOption({ label: 'Remuneration Committee' });
  await expect(page.getByTestId('palette-status')).toHaveText(/Nothing matches/);
  await page.getByTestId('palette-room').selectOption({ label: 'All boardrooms' });
  await expect(page.getByTestId('palette-fulltext')).toHaveCount(1);

  // Keyboard: the hit is the active option; Enter opens the document at the matching page.
  await expect(hit).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('palette')).toHaveCount(0);
  await expect(page.getByTestId('document-viewer-title')).toHaveText('treasury-pack.pdf');
  await expect(page.getByTestId('document-page-number')).toHaveText('Page 2 of 3');
  await expect(page.getByTestId('document-page-text')).toContainText(`The ${WORD} facility matures in March.`);
  await expect(page.getByTestId('document-viewer-pdf')).toHaveAttribute('src', /#page=2$/);
  expect(page.url()).toMatch(/documents\?document=[^&]+&page=2$/);
});

test('instant results from the first keystroke, arrows and Enter open an agenda item in its meeting', async ({ page, host }) => {
  await openBoardroom(page, host, 'Board of Directors');
  await page.getByTestId('open-palette').click();
  await page.getByTestId('palette-kind').selectOption('agenda');
  await page.getByTestId('palette-input').pressSequentially('a');
  await expect(page.getByTestId('palette-instant').first()).toBeVisible();
  await page.getByTestId('palette-input').fill('');
  await page.getByTestId('palette-input').pressSequentially('minu');
  const first = page.getByTestId('palette-instant').first();
  await expect(first).toContainText(/minutes/i);
  const title = (await first.locator('.palette-title').textContent())!;
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  await expect(first).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  const focused = page.locator('[data-testid="agenda-item"][data-focused="true"]');
  await expect(focused).toHaveCount(1);
  await expect(focused.getByTestId('agenda-title')).toHaveValue(title);
  expect(page.url()).toMatch(/#\/meetings\/[^?]+\?item=/);
});

test('a 300-page PDF is indexed in the background with progress while the app stays usable', async ({ page, host }) => {
  await openBoardroom(page, host, 'Board of Directors');
  await page.getByTestId('tab-documents').click();
  // What the progress panel showed, as it changed (it may come and go between two looks of the test).
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { progressSeen: string[] }).progressSeen = seen;
    new MutationObserver(() => {
      const panel = document.querySelector('[data-testid="task-progress"]');
      const bar = panel?.querySelector('progress');
      if (panel && bar) seen.push(`${panel.querySelector('.task span')?.textContent ?? ''}|${bar.getAttribute('max')}|${bar.getAttribute('value')}`);
    }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  });
  const lines = (i: number) => Array.from({ length: 40 }, (_, l) => `Page ${i + 1}, line ${l + 1}: revenue, margin and cash flow against the plan for the year.`);
  const pages = Array.from({ length: 300 }, (_, i) => (i === 299 ? [...lines(i), 'The final word is zeppelin.'] : lines(i)));
  await page.getByTestId('attach-input').setInputFiles({ name: 'annual-report.pdf', mimeType: 'application/pdf', buffer: makePdf('Annual report', pages) });
  await expectSaved(page);
  // Meanwhile the app answers: another tab opens and shows its content.
  await page.getByTestId('tab-members').click();
  await expect(page.getByTestId('member-row').first()).toBeVisible();
  // The panel named the file and counted its 300 pages, part way through; then it went away.
  await expect
    .poll(async () => page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen.filter((s) => s.startsWith('Indexing annual-report.pdf|300|'))), {
      timeout: 60_000,
    })
    .toEqual(expect.arrayContaining([expect.stringMatching(/\|300\|([1-9]\d?|[12]\d\d)$/)]));
  await expect(page.getByTestId('task-progress')).toBeHidden({ timeout: 60_000 });
  await page.keyboard.press('Control+k');
  await page.getByTestId('palette-input').fill('zeppelin');
  await expect(page.getByTestId('palette-fulltext')).toContainText('page 300');
});
