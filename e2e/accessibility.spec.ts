/** axe on every view, at desktop (1440×900) and phone (390×844) sizes, in light and dark: no
 *  serious or critical violation anywhere, with real tasks in each state the views show. */
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { TWO_TOTALS } from './documents';
import { expect, test } from './fixtures';
import type { SimulatorHandle } from './simulator';

const SIZES = [
  { name: 'desktop', width: 1440, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;
const SCHEMES = ['light', 'dark'] as const;

const INVOICE = `ACME Supplies GmbH
INVOICE
Invoice Number: INV-2026-0042
Total: EUR 142.89
`;

interface World {
  completed: string;
  waiting: string;
  review: string;
}

async function makeWorld(simulator: SimulatorHandle): Promise<World> {
  const file = (name: string, text: string) => ({
    name,
    mimeType: 'text/plain',
    buffer: Buffer.from(text),
  });
  const world = {
    completed: await simulator.runWithFile(
      'invoice',
      'Extract this invoice',
      file('a.txt', INVOICE),
    ),
    waiting: await simulator.runWithFile('invoice', 'Extract it', file('two.txt', TWO_TOTALS)),
    review: await simulator.run('reviewer', 'Draft a reminder email to the supplier'),
  };
  const settled = async (taskId: string) => (await simulator.task(taskId)).status;
  await expect.poll(() => settled(world.completed), { timeout: 20_000 }).toBe('completed');
  await expect.poll(() => settled(world.waiting), { timeout: 20_000 }).toBe('waiting_for_input');
  await expect.poll(() => settled(world.review), { timeout: 20_000 }).toBe('awaiting_review');
  return world;
}

/** Views by name, each opened and waited on until its content (not a skeleton) is on screen. */
function views(page: Page, world: World): [string, () => Promise<void>][] {
  const settledPage = async (path: string, ready: () => Promise<void>) => {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await ready();
    await expect(page.getByText('Loading…')).toHaveCount(0);
  };
  const tab = (name: string) => page.getByRole('tabpanel', { name });
  return [
    [
      'New run',
      () =>
        settledPage('/', async () => {
          await page.getByRole('combobox', { name: 'Agent' }).fill('invo');
          await page
            .getByRole('option', { name: /Invoice Extractor/ })
            .first()
            .click();
        }),
    ],
    [
      'Tasks',
      () =>
        settledPage('/tasks', async () => {
          await expect(page.getByRole('region', { name: 'Needs you' })).toBeVisible();
        }),
    ],
    [
      'Summary (completed)',
      () =>
        settledPage(`/tasks/${world.completed}`, async () => {
          await expect(page.getByRole('region', { name: 'Answer', exact: true })).toBeVisible();
        }),
    ],
    [
      'Trace',
      () =>
        settledPage(`/tasks/${world.completed}?tab=trace`, async () => {
          await expect(
            page.getByRole('list', { name: 'Trace steps' }).getByRole('listitem').first(),
          ).toBeVisible();
        }),
    ],
    [
      'Summary (waiting)',
      () =>
        settledPage(`/tasks/${world.waiting}`, async () => {
          await expect(page.getByRole('region', { name: 'Answer', exact: true })).toBeVisible();
        }),
    ],
    [
      'Conversation',
      () =>
        settledPage(`/tasks/${world.waiting}?tab=conversation`, async () => {
          await expect(tab('Conversation').getByRole('log')).toBeVisible();
        }),
    ],
    [
      'Review',
      () =>
        settledPage(`/tasks/${world.review}?tab=conversation`, async () => {
          await expect(page.getByRole('button', { name: 'Approve' })).toBeVisible();
        }),
    ],
    [
      'Compare',
      () =>
        settledPage(`/compare?a=${world.completed}&b=${world.completed}`, async () => {
          await expect(page.getByRole('table', { name: 'Differences' })).toBeVisible();
        }),
    ],
    [
      'Not found',
      () =>
        settledPage('/no-such-page', async () => {
          await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        }),
    ],
  ];
}

for (const size of SIZES) {
  for (const scheme of SCHEMES) {
    test(`every view at ${size.width}×${size.height} in ${scheme} passes axe`, async ({
      page,
      simulator,
    }) => {
      test.setTimeout(90_000);
      await page.setViewportSize({ width: size.width, height: size.height });
      await page.emulateMedia({ colorScheme: scheme });
      const world = await makeWorld(simulator);
      const found: string[] = [];
      for (const [name, open] of views(page, world)) {
        await open();
        const results = await new AxeBuilder({ page }).analyze();
        for (const violation of results.violations) {
          if (violation.impact !== 'serious' && violation.impact !== 'critical') continue;
          const where = violation.nodes.map((node) => node.target.join(' ')).join(', ');
          found.push(`${name}: ${violation.id} (${violation.help}) at ${where}`);
        }
      }
      expect(found).toEqual([]);
    });
  }
}
