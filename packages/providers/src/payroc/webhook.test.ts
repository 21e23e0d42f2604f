import { WebhookVerificationError } from '@paylink/core';
import { describe, expect, it } from 'vitest';
import { parseWebhook } from './webhook.ts';

describe('payroc', () => {
  describe('webhooks', () => {
    it('refuses every notification: Payroc sends none for payment links', async () => {
      const error = await parseWebhook('{}').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WebhookVerificationError);
      expect(error).toMatchObject({
        provider: 'payroc',
        message: 'Payroc sends no payment-link notifications',
      });
    });
  });
});
