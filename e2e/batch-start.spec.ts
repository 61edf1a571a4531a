/** Starting a batch from New run (`One task per file`): one task per file and no file twice,
 *  also when the network is cut and the page reloaded mid-way, and when answers are lost after
 *  the simulator made the tasks (the batch then finds them instead of starting them again). */
import { AxeBuilder } from '@axe-core/playwright';
import type { Page, Route } from '@playwright/test';
import { expect, test } from './fixtures';
import { BatchPage } from './pages/batch-page';
import type { NewRunPage } from './pages/new-run-page';
import type { SimulatorHandle } from './simulator';

const RUN_ROUTE = '**/api/v1/agents/*/run';

// Ten files, a cut network, lookups: more than the default half minute.
test.setTimeout(120_000);

function invoiceCsv(index: number): string {
  const amount = 100 + index * 10;
  return [
    'sku,description,quantity,unit_price,amount',
    `S-${index},Service ${index},1,${amount}.00,${amount}.00`,
    `Total,,,,${amount}.00`,
    '',
  ].join('\n');
}

function csvFiles(count: number) {
  return Array.from({ length: count }, (_, index) => ({
    name: `invoice-${String(index + 1).padStart(2, '0')}.csv`,
    mimeType: 'text/csv',
    buffer: Buffer.from(invoiceCsv(index + 1)),
  }));
}

async function chooseBatch(newRun: NewRunPage, files: ReturnType<typeof csvFiles>) {
  await newRun.open();
  await newRun.chooseAgent('invo', 'Invoice Extractor');
  await newRun.query.fill('Extract the invoice total.');
  await newRun.fileInput.setInputFiles(files);
  await expect(newRun.files.getByRole('listitem')).toHaveCount(files.length);
  await newRun.page.getByRole('switch', { name: 'One task per file' }).check();
}

/** The files of every run the simulator accepted, one list per run. */
async function acceptedRuns(simulator: SimulatorHandle): Promise<string[][]> {
  const posts = await simulator.requests({ path: '/api/v1/agents/', method: 'POST' });
  return posts
    .filter((request) => request.path.endsWith('/run') && request.status < 300)
    .map((request) =>
      (request.parts ?? []).flatMap((part) => (part.filename ? [part.filename] : [])),
    );
}

async function expectOneTaskPerFile(simulator: SimulatorHandle, names: string[]) {
  await expect
    .poll(async () => (await simulator.heldTasks()).length, { timeout: 60_000 })
    .toBe(names.length);
  const runs = await acceptedRuns(simulator);
  expect(runs.every((files) => files.length === 1)).toBe(true);
  expect(runs.flat().sort()).toEqual([...names].sort());
  // Settled: nothing more is sent.
  expect(await simulator.heldTasks()).toHaveLength(names.length);
}

/** Each file's row on the batch page links the task whose trace read that very file. */
async function expectRowsMatchFiles(page: Page, simulator: SimulatorHandle, names: string[]) {
  const batch = new BatchPage(page);
  for (const name of names) {
    await expect(batch.row(name).getByRole('link').first()).toBeVisible();
    const taskId = await batch.currentTaskId(name);
    await expect
      .poll(async () =>
        JSON.stringify(await (await simulator.api(`/tasks/${taskId}/result`)).json()),
      )
      .toContain(`"filename":"${name}"`);
  }
}

function batchStatus(page: Page) {
  return page.getByRole('region', { name: 'Batches starting' }).getByRole('status');
}

test('three CSV files, One task per file: three tasks, each with its one file, and the batch page', async ({
  page,
  newRun,
  simulator,
}) => {
  const files = csvFiles(3);
  await chooseBatch(newRun, files);
  await newRun.run.click();
  await page.waitForURL(/\/batches\/[0-9a-f-]{36}$/);
  await expectOneTaskPerFile(
    simulator,
    files.map((file) => file.name),
  );
});

test('the switch is offered with two or more files, and Run without it is one task with every file', async ({
  page,
  newRun,
  simulator,
}) => {
  const files = csvFiles(2);
  await newRun.open();
  await newRun.chooseAgent('invo', 'Invoice Extractor');
  await newRun.fileInput.setInputFiles(files.slice(0, 1));
  const perFile = page.getByRole('switch', { name: 'One task per file' });
  await expect(perFile).toHaveCount(0);
  await newRun.fileInput.setInputFiles(files.slice(1));
  await expect(perFile).not.toBeChecked();
  const form = await new AxeBuilder({ page }).include('form[aria-label="New run"]').analyze();
  expect(
    form.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => violation.id),
  ).toEqual([]);
  await newRun.run.click();
  await expect(page).toHaveURL(/\/tasks\/[0-9a-f-]{36}$/);
  expect(await acceptedRuns(simulator)).toEqual([files.map((file) => file.name)]);
});

test('every file refused before any task exists: the refusal shows on the form, which keeps everything', async ({
  page,
  newRun,
  simulator,
}) => {
  const files = csvFiles(2);
  await chooseBatch(newRun, files);
  await simulator.injectFault({
    status: 403,
    count: 2,
    error: 'This agent is not active in your workspace.',
    method: 'POST',
    path: '/agents/*/run',
  });
  await newRun.run.click();
  await expect(page.getByRole('alert')).toContainText(
    'This agent is not active in your workspace.',
  );
  await expect(page).toHaveURL(/\/(\?agent=[^&]+)?$/);
  await expect(newRun.query).toHaveValue('Extract the invoice total.');
  await expect(newRun.files.getByRole('listitem')).toHaveCount(2);
  await expect(page.getByRole('switch', { name: 'One task per file' })).toBeChecked();
  expect(await simulator.heldTasks()).toHaveLength(0);
});

test('a reload mid-batch with the network cut after the fourth start ends, once the network is back, with ten tasks, one per file', async ({
  page,
  newRun,
  simulator,
}) => {
  const files = csvFiles(10);
  let runs = 0;
  await page.route(RUN_ROUTE, async (route: Route) => {
    runs += 1;
    if (runs <= 4) await route.continue();
    else await route.abort('internetdisconnected');
  });
  await chooseBatch(newRun, files);
  await newRun.run.click();
  await page.waitForURL(/\/batches\/[0-9a-f-]{36}$/);
  await expect.poll(async () => (await simulator.heldTasks()).length).toBe(4);
  await expect.poll(() => runs).toBeGreaterThan(5);

  await page.reload();
  await expect(batchStatus(page)).toContainText(/Starting batch .*: 4 of 10 started/);
  // The region every page shows while a batch starts: nothing serious for assistive tech.
  const region = await new AxeBuilder({ page })
    .include('[aria-label="Batches starting"]')
    .analyze();
  expect(
    region.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => `${violation.id}: ${violation.help}`),
  ).toEqual([]);
  await page.unroute(RUN_ROUTE);

  await expectOneTaskPerFile(
    simulator,
    files.map((file) => file.name),
  );
  await expect(batchStatus(page)).toContainText('10 of 10 started');
});

test('answers lost after the simulator made the tasks, then a reload: the batch finds those tasks and starts no file twice', async ({
  page,
  newRun,
  simulator,
}) => {
  const files = csvFiles(10);
  let runs = 0;
  let holding = true;
  // Runs 5 to 8 reach the simulator (which makes their tasks); their answers are held until
  // the page is gone. (Not `unroute`: it would send a held request again.)
  await page.route(RUN_ROUTE, async (route: Route) => {
    runs += 1;
    if (runs <= 4 || !holding) {
      await route.continue();
      return;
    }
    await route.fetch();
  });
  await chooseBatch(newRun, files);
  await newRun.run.click();
  await page.waitForURL(/\/batches\/[0-9a-f-]{36}$/);
  await expect.poll(async () => (await simulator.heldTasks()).length).toBe(8);

  holding = false;
  await page.reload();
  await expectOneTaskPerFile(
    simulator,
    files.map((file) => file.name),
  );
  await expect(batchStatus(page)).toContainText('10 of 10 started');
  await expectRowsMatchFiles(
    page,
    simulator,
    files.map((file) => file.name),
  );
  await expect(page.getByText(/need(s)? you: the API does not show/)).toHaveCount(0);
});
