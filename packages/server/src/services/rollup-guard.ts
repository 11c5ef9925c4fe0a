// A figure fed by a roll-up (上下联动, services/rollups.ts) is not typed by hand: the figure path
// refuses it unless the roll-up itself or an accepted correction writes it.
import type { Spec } from '@leitai/engine';
import type { Executor } from '../db/client.ts';
import { AppError } from '../errors.ts';
import { findCampaign } from '../repositories/campaigns.ts';
import type { FeedingLink } from '../repositories/figures.ts';
import { linksOf } from '../repositories/rollups.ts';

/** `read`: the campaign's links, read already (else they are read here). */
export async function refuseRolledUp(ex: Executor, campaignId: string, spec: Spec, keys: { unit: string; indicator: string }[], read?: FeedingLink[]): Promise<void> {
  const links = read ?? await linksOf(ex, campaignId);
  if (links.length === 0) return;
  for (const k of keys) {
    const link = links.find((l) => (l.unitId === null || l.unitId === k.unit) && l.indicatorId === k.indicator);
    if (!link) continue;
    const source = (await findCampaign(ex, link.sourceCampaignId))?.name ?? link.sourceCampaignId;
    const unit = spec.units.find((u) => u.id === k.unit)?.name ?? k.unit;
    const indicator = spec.indicators.find((d) => d.id === k.indicator)?.name ?? k.indicator;
    throw new AppError('conflict', {
      zh: `${unit}的“${indicator}”由上下联动取自“${source}”，在其考核期锁定时自动更新，不能手工修改；如需更正，请提交更正申请`,
      en: `${unit}'s "${indicator}" is rolled up from "${source}" when its periods close and cannot be typed; request a correction instead`,
    });
  }
}
