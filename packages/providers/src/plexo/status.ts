// Plexo's link statuses on PayLink's status model (README "Status table"; shared/providers/plexo.md §4).
import { LinkStatus, ProviderError, ProviderErrorKind } from '@paylink/core';
import type { ProviderLinkState } from '../adapter.ts';
import { PROVIDER } from './settings.ts';
import { type PlexoLinkDto, PlexoLinkStatus, PlexoLinkType } from './wire.ts';

/** Plexo's link status in our vocabulary (README "Status table"). */
export function toLinkStatus(status: string): LinkStatus {
  switch (status) {
    case PlexoLinkStatus.Active:
      return LinkStatus.Open;
    case PlexoLinkStatus.Expired:
      return LinkStatus.Expired;
    case PlexoLinkStatus.Completed:
      return LinkStatus.Paid;
    case PlexoLinkStatus.Deleted:
      return LinkStatus.Disabled;
    default:
      throw new ProviderError(
        PROVIDER,
        ProviderErrorKind.Unavailable,
        'plexo reported a link status PayLink does not know',
        {
          retryable: false,
        },
      );
  }
}

/**
 * The link's state from a `PaymentLinkDto`. Plexo reports no payments (§4: "no usage counter"), so
 * the only payment we can see is the one that completes a `one-time` link (inferred: "becomes
 * inactive after the first successful payment").
 */
export function toLinkState(dto: PlexoLinkDto): ProviderLinkState {
  const status = toLinkStatus(dto.status);
  const limit = dto.type === PlexoLinkType.OneTime ? 1 : null;
  const completed = dto.status === PlexoLinkStatus.Completed;
  return {
    status,
    payments: { count: completed ? 1 : 0, limit },
    lastPayment: completed ? { outcome: 'approved', at: dto.updatedAt ?? null } : null,
    expiresAt: dto.validUntil ?? null,
  };
}
