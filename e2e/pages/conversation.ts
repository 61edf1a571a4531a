import { expect, type Locator, type Page } from '@playwright/test';

/** The task view's Conversation tab. Locators follow ../shared/design/ui-contract.md. */
export class ConversationTab {
  readonly tab: Locator;
  readonly log: Locator;
  readonly reply: Locator;
  readonly send: Locator;
  /** The pending question: the log's item that carries the `Question` label. */
  readonly question: Locator;
  /** Replies that failed to send: list items with a Retry button. */
  readonly failed: Locator;
  readonly reviewNotice: Locator;
  readonly approve: Locator;
  readonly reject: Locator;
  readonly reviewNote: Locator;

  constructor(readonly page: Page) {
    this.tab = page.getByRole('tab', { name: 'Conversation' });
    this.log = page.getByRole('log', { name: 'Conversation' });
    this.reply = page.getByRole('textbox', { name: 'Reply' });
    this.send = page.getByRole('button', { name: 'Send', exact: true });
    this.question = this.log.getByRole('listitem').filter({ hasText: 'Question' });
    this.failed = this.log
      .getByRole('listitem')
      .filter({ has: page.getByRole('button', { name: 'Retry' }) });
    this.reviewNotice = page.getByRole('status').filter({ hasText: 'Awaiting review' });
    this.approve = page.getByRole('button', { name: 'Approve' });
    this.reject = page.getByRole('button', { name: 'Reject' });
    this.reviewNote = page.getByRole('textbox', { name: /Review note/ });
  }

  /** Opens a task straight on its Conversation tab. */
  async open(taskId: string): Promise<void> {
    await this.page.goto(`/tasks/${taskId}?tab=conversation`);
    await expect(this.log).toBeVisible();
  }

  /** Items of the log whose text (a whole paragraph, e.g. a person's reply) is exactly `text`;
   *  an agent message that merely quotes it does not count. */
  messages(text: string): Locator {
    return this.log
      .getByRole('listitem')
      .filter({ has: this.page.getByText(text, { exact: true }) });
  }

  /** Types into Reply and presses Enter, as a person would. */
  async sendReply(text: string): Promise<void> {
    await this.reply.fill(text);
    await this.reply.press('Enter');
  }
}
